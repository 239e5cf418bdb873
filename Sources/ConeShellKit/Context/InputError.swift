/// Input a flow cannot use (a missing or malformed setting a person gives): the command
/// layer reports it as a usage error (exit status 64) with this text.
public struct InputError: Error, Equatable, CustomStringConvertible {
  public let description: String

  public init(_ description: String) {
    self.description = description
  }

  public static let startURLMissing = InputError(
    "give your AWS SSO start URL on the first run: --sso-url https://<yours>.awsapps.com/start")
  public static let startURLNotHTTPS = InputError("the SSO start URL must start with https://")
  public static let tenantMissing = InputError("give your ConductorOne tenant, e.g. `cone-shell login acme`")
  public static let signInStartURLMissing = InputError(
    "give the AWS SSO start URL: --sso-url https://<yours>.awsapps.com/start")
}
