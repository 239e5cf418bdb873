import ConeShellBase

/// cone's config holds a usable credential for the chosen C1 profile, and is private
/// when it holds a secret.
struct ConfigProbe: DoctorProbe {
  /// The check, and what the C1 and SSO probes need from the config.
  struct Finding: DoctorProbe {
    var check: DoctorCheck
    var config: C1Config?
    var account: C1Account?

    func check(in doctor: DoctorScope) -> DoctorCheck { check }
  }

  func check(in doctor: DoctorScope) -> DoctorCheck { inspect(in: doctor).check }

  func inspect(in doctor: DoctorScope) -> Finding {
    let environment = doctor.environment
    let display = doctor.display
    let path = doctor.paths.c1ConfigFile
    let profile = C1Account.profileName(doctor.options.c1Profile, environment: environment)
    let login = "cone-shell login <tenant>" + (profile == C1Config.defaultProfileName ? "" : " --c1-profile \(profile)")
    let config: C1Config
    do {
      config = try C1Config.load(from: path)
    } catch {
      return Finding(check: DoctorCheck("config", .error, "\(error)", fix: "fix or move \(display(path))"))
    }
    let exists = FileSystem.exists(path)
    let account: C1Account
    do {
      account = try C1Account.resolve(
        environment: environment, config: config, profile: profile, redactor: doctor.context.redactor)
    } catch {
      let missing =
        exists ? "\(display(path)) has no client credential for profile \"\(profile)\"" : "no \(display(path))"
      let message = if case .notSignedIn = error { "\(missing): not signed in to ConductorOne" } else { "\(error)" }
      return Finding(check: DoctorCheck("config", .error, message, fix: login), config: config)
    }
    let fromEnvironment =
      environment["CONDUCTORONE_ACCESS_TOKEN"] != nil
      || (environment["CONE_CLIENT_ID"] != nil && environment["CONE_CLIENT_SECRET"] != nil)
    let source =
      fromEnvironment ? "the credential comes from the environment" : "profile \"\(profile)\" has a client credential"
    let holdsSecret = config.profileNames.contains { config.profile(named: $0)?.clientSecret != nil }
    if holdsSecret, let mode = FileSystem.mode(of: path), mode & 0o077 != 0 {
      return Finding(
        check: DoctorCheck(
          "config", .warning,
          "\(display(path)) is readable by others (mode \(DoctorScope.octal(mode))) and holds a client secret",
          fix: "chmod 600 \(display(path))"),
        config: config, account: account)
    }
    let location = exists ? display(path) : "no \(display(path))"
    return Finding(check: DoctorCheck("config", .ok, "\(location): \(source)"), config: config, account: account)
  }
}
