import ConeShellBase

/// `~/.aws/config` parses, has cone-shell profiles, and their `credential_process` runs
/// this cone-shell.
struct AWSConfigProbe: DoctorProbe {
  /// The check, and the document the profiles-index probe compares with.
  struct Finding: DoctorProbe {
    var check: DoctorCheck
    var document: AWSConfigDocument?

    func check(in doctor: DoctorScope) -> DoctorCheck { check }
  }

  func check(in doctor: DoctorScope) -> DoctorCheck { inspect(in: doctor).check }

  func inspect(in doctor: DoctorScope) -> Finding {
    let display = doctor.display
    let file = AWSConfigFile(paths: doctor.paths)
    let setup = "cone-shell setup"
    let document: AWSConfigDocument
    do {
      document = try file.load()
    } catch {
      return Finding(check: DoctorCheck("aws-config", .error, "\(error)", fix: "fix \(display(file.path))"))
    }
    let profiles = ProfileDirectory.profiles(in: document)
    guard !profiles.isEmpty else {
      let what =
        FileSystem.exists(file.path) ? "\(display(file.path)) has no cone-shell profiles" : "no \(display(file.path))"
      return Finding(check: DoctorCheck("aws-config", .error, what, fix: setup), document: document)
    }
    var missing: [(profile: String, program: String)] = []
    var others: Set<String> = []
    for profile in profiles {
      guard let line = document.resolvedProfile(profile.name)?.text("credential_process") else {
        missing.append((profile.name, "(no credential_process)"))
        continue
      }
      guard let program = AWSCredentialProcess.arguments(of: line)?.first,
        let found = ProgramRun.which(program, environment: doctor.environment)
      else {
        missing.append((profile.name, AWSCredentialProcess.arguments(of: line)?.first ?? line))
        continue
      }
      if profile.isConeShellManaged, let here = doctor.options.executablePath, !DoctorScope.sameFile(found, here) {
        others.insert(found)
      }
    }
    let count = profiles.count == 1 ? "1 cone-shell profile" : "\(profiles.count) cone-shell profiles"
    if !missing.isEmpty {
      let names = missing.prefix(3).map { "\($0.profile) (\(display($0.program)))" }.joined(separator: ", ")
      let more = missing.count > 3 ? " and \(missing.count - 3) more" : ""
      return Finding(
        check: DoctorCheck(
          "aws-config", .error,
          "the credential_process of \(missing.count) of \(profiles.count) cone-shell profiles in \(display(file.path)) "
            + "does not exist: \(names)\(more)",
          fix: "\(setup) (points them at this cone-shell)"),
        document: document)
    }
    if !others.isEmpty {
      return Finding(
        check: DoctorCheck(
          "aws-config", .warning,
          "\(count) in \(display(file.path)); some run another cone-shell: \(others.sorted().map(display).joined(separator: ", "))",
          fix: "\(setup) (points them at this cone-shell)"),
        document: document)
    }
    return Finding(check: DoctorCheck("aws-config", .ok, "\(count) in \(display(file.path))"), document: document)
  }
}
