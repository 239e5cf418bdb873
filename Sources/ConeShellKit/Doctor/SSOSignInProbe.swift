import ConeShellBase

/// AWS IAM Identity Center is set up and signed in with a token cone-shell may use.
struct SSOSignInProbe: DoctorProbe {
  /// From `ConfigProbe`; nil when cone's config cannot be read.
  var config: C1Config?

  func check(in doctor: DoctorScope) -> DoctorCheck {
    guard let config, let settings = SSOSettings(config: config, environment: doctor.environment) else {
      return DoctorCheck(
        "aws-sso", .error, "AWS IAM Identity Center is not set up",
        fix: "cone-shell setup --sso-url https://<yours>.awsapps.com/start")
    }
    let files = SSOCacheFiles(directory: doctor.paths.ssoCacheDirectory, settings: settings)
    let login = "cone-shell login --aws"
    guard let token = files.readToken(), token.startURL == settings.startURL else {
      return DoctorCheck("aws-sso", .error, "not signed in to \(settings.startURL)", fix: login)
    }
    guard token.allowsAccountAccess else {
      return DoctorCheck(
        "aws-sso", .error,
        "the AWS SSO token in \(files.tokenPath) was made for other scopes (\((token.scopes ?? []).joined(separator: " "))), "
          + "not sso:account:access, so it is not used", fix: login)
    }
    let now = doctor.context.now()
    let left = token.expiresAt - now
    let renewable = token.canRefresh(now: now)
    if left > 0 {
      let renewal = renewable ? ", renewed automatically" : ""
      return DoctorCheck(
        "aws-sso", .ok, "signed in to \(settings.startURL), \(DoctorScope.spell(left)) left\(renewal)")
    }
    if renewable {
      return DoctorCheck(
        "aws-sso", .ok, "the sign-in to \(settings.startURL) expired; it is renewed with its refresh token on next use")
    }
    return DoctorCheck(
      "aws-sso", .error,
      "the sign-in to \(settings.startURL) expired \(DoctorScope.spell(-left)) ago and cannot be renewed", fix: login)
  }
}
