import ConeShellBase

/// Where a service's endpoint is, as botocore's `ConfiguredEndpointProvider` and so both
/// AWS CLIs find it (docs/aws-sso.md §6), first match wins: `AWS_ENDPOINT_URL_<SERVICE>`,
/// `AWS_ENDPOINT_URL`, the `[services NAME]` section the profile names with `services`,
/// then the profile's own `endpoint_url`. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`
/// (else the profile's `ignore_configured_endpoint_urls = true`) turns all four off.
public struct AWSConfiguredEndpoints: Sendable, Equatable {
  /// A service as the configuration names it.
  public enum Service: String, Sendable, CaseIterable {
    case sso
    case ssoOIDC = "sso_oidc"
    case sts

    /// `AWS_ENDPOINT_URL_SSO_OIDC`: the snake-case id, upper-cased.
    var environmentName: String { "AWS_ENDPOINT_URL_" + rawValue.uppercased() }
  }

  private var endpoints: [Service: String] = [:]

  /// The endpoints for `profile` (nil: `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else
  /// `default`) from the environment and `config`.
  public init(environment: Environment, config: AWSConfigDocument?, profile: String? = nil) {
    let name = profile ?? Self.activeProfile(environment)
    let section = config?.resolvedProfile(name)
    let ignore =
      environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"].map(Self.isTrue)
      ?? section?.text("ignore_configured_endpoint_urls").map(Self.isTrue) ?? false
    guard !ignore else { return }
    let services = section?.text("services").flatMap { name in
      config?.sections.last { $0.kind == .services(name) }
    }
    for service in Service.allCases {
      var value = environment[service.environmentName] ?? environment["AWS_ENDPOINT_URL"]
      if value == nil, case .nested(let settings) = services?[service.rawValue] { value = settings["endpoint_url"] }
      if value == nil { value = section?.text("endpoint_url") }
      if let value, !value.isEmpty { endpoints[service] = value }
    }
  }

  /// The endpoints the environment and the AWS config file (`AWS_CONFIG_FILE`, else
  /// `~/.aws/config`) give; a config file that cannot be read gives none, as the AWS CLI
  /// would then fail before calling anything.
  public static func load(environment: Environment, profile: String? = nil) -> AWSConfiguredEndpoints {
    let config = try? AWSConfigFile(paths: Paths(environment: environment)).load()
    return AWSConfiguredEndpoints(environment: environment, config: config, profile: profile)
  }

  /// The configured endpoint, without trailing slashes, or nil for the service's own.
  public func url(for service: Service) -> String? {
    guard var value = endpoints[service] else { return nil }
    while value.hasSuffix("/") { value.removeLast() }
    return value
  }

  static func activeProfile(_ environment: Environment) -> String {
    for name in ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"] {
      if let value = environment[name], !value.isEmpty { return value }
    }
    return "default"
  }

  /// botocore's `ensure_boolean`: true only for `true`, in any case.
  static func isTrue(_ text: String) -> Bool {
    text.trimmingSpaces.lowercased() == "true"
  }
}
