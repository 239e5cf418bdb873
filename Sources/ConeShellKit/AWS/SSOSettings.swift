/// The IAM Identity Center instance cone-shell signs in to: its start URL and the
/// region it runs in, plus where its OIDC and portal APIs answer (the real
/// `oidc.<region>.amazonaws.com` / `portal.sso.<region>.amazonaws.com`, or what the
/// AWS_ENDPOINT_URL_* variables say, as botocore resolves them: docs/aws-sso.md §6).
public struct SSOSettings: Sendable, Equatable {
  /// The sso-session name shared with the AWS CLI (`aws sso login --sso-session cone-sso`).
  public static let sessionName = "cone-sso"
  public static let defaultRegion = "us-east-1"

  public var startURL: String
  public var region: String
  public var oidcEndpoint: String
  public var portalEndpoint: String

  public init(startURL: String, region: String, environment: Environment) {
    self.startURL = startURL
    self.region = region
    let ignore = environment.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
    func endpoint(_ service: String, _ fallback: String) -> String {
      var value = ignore ? nil : environment["AWS_ENDPOINT_URL_\(service)"] ?? environment["AWS_ENDPOINT_URL"]
      while value?.hasSuffix("/") == true { value?.removeLast() }
      return value ?? fallback
    }
    oidcEndpoint = endpoint("SSO_OIDC", "https://oidc.\(region).amazonaws.com")
    portalEndpoint = endpoint("SSO", "https://portal.sso.\(region).amazonaws.com")
  }

  /// The settings remembered in cone's config (`aws_sso_start_url`, `aws_sso_region`).
  public init?(config: C1Config, environment: Environment) {
    guard let startURL = config.awsSSOStartURL else { return nil }
    self.init(startURL: startURL, region: config.awsSSORegion ?? Self.defaultRegion, environment: environment)
  }
}
