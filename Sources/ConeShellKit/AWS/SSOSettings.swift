import ConeShellBase

/// The IAM Identity Center instance cone-shell signs in to: its start URL and the
/// region it runs in, plus where its OIDC and portal APIs answer (the real
/// `oidc.<region>.amazonaws.com` / `portal.sso.<region>.amazonaws.com`, or what the
/// AWS_ENDPOINT_URL_* variables or the config file say, as botocore resolves them:
/// docs/aws-sso.md §6, `AWSConfiguredEndpoints`).
public struct SSOSettings: Sendable, Equatable {
  /// The sso-session name shared with the AWS CLI (`aws sso login --sso-session cone-sso`).
  public static let sessionName = "cone-sso"
  public static let defaultRegion = "us-east-1"

  public var startURL: String
  public var region: String
  public var oidcEndpoint: String
  public var portalEndpoint: String

  /// The endpoints `profile` is configured with (nil: the active profile), from the
  /// environment and the AWS config file.
  public init(startURL: String, region: String, environment: Environment, profile: String? = nil) {
    self.init(
      startURL: startURL, region: region,
      endpoints: AWSConfiguredEndpoints.load(environment: environment, profile: profile))
  }

  public init(startURL: String, region: String, endpoints: AWSConfiguredEndpoints) {
    self.startURL = startURL
    self.region = region
    oidcEndpoint = endpoints.url(for: .ssoOIDC) ?? "https://oidc.\(region).amazonaws.com"
    portalEndpoint = endpoints.url(for: .sso) ?? "https://portal.sso.\(region).amazonaws.com"
  }

  /// The settings remembered in cone's config (`aws_sso_start_url`, `aws_sso_region`).
  public init?(config: C1Config, environment: Environment) {
    guard let startURL = config.awsSSOStartURL else { return nil }
    self.init(startURL: startURL, region: config.awsSSORegion ?? Self.defaultRegion, environment: environment)
  }
}
