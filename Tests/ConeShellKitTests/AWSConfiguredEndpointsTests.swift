import Testing

@testable import ConeShellBase
@testable import ConeShellKit

/// Issue 14 item 6: endpoints from the environment and the config file, in botocore's
/// order (docs/aws-sso.md §6).
@Suite struct AWSConfiguredEndpointsTests {
  static let config = """
    [default]
    services = local
    endpoint_url = http://127.0.0.1:4

    [profile work]
    services = local
    endpoint_url = http://127.0.0.1:5/

    [profile plain]
    endpoint_url = http://127.0.0.1:6

    [profile ignoring]
    services = local
    ignore_configured_endpoint_urls = true

    [profile missing]
    services = nowhere

    [services local]
    sso =
      endpoint_url = http://127.0.0.1:1
    sso_oidc =
      endpoint_url = http://127.0.0.1:2/
    """

  private func endpoints(_ variables: [String: String] = [:], profile: String? = nil) throws -> AWSConfiguredEndpoints {
    AWSConfiguredEndpoints(
      environment: Environment(variables), config: try AWSConfigDocument(parsing: Self.config), profile: profile)
  }

  @Test func serviceSectionThenTheProfilesEndpointURL() throws {
    let work = try endpoints(profile: "work")
    #expect(work.url(for: .sso) == "http://127.0.0.1:1")
    #expect(work.url(for: .ssoOIDC) == "http://127.0.0.1:2")
    #expect(work.url(for: .sts) == "http://127.0.0.1:5")  // no sts in [services local]
    let plain = try endpoints(profile: "plain")
    #expect(AWSConfiguredEndpoints.Service.allCases.allSatisfy { plain.url(for: $0) == "http://127.0.0.1:6" })
    #expect(try endpoints(profile: "missing").url(for: .sso) == nil)
    #expect(try endpoints(profile: "nobody").url(for: .sso) == nil)
  }

  @Test func theEnvironmentComesFirst() throws {
    let global = try endpoints(["AWS_ENDPOINT_URL": "http://127.0.0.1:8"], profile: "work")
    #expect(global.url(for: .sso) == "http://127.0.0.1:8" && global.url(for: .sts) == "http://127.0.0.1:8")
    let specific = try endpoints(
      ["AWS_ENDPOINT_URL": "http://127.0.0.1:8", "AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:9"], profile: "work")
    #expect(specific.url(for: .ssoOIDC) == "http://127.0.0.1:9" && specific.url(for: .sso) == "http://127.0.0.1:8")
    #expect(try endpoints(["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:7"], profile: "work").url(for: .sts) == "http://127.0.0.1:7")
  }

  @Test func theActiveProfileByDefault() throws {
    #expect(try endpoints().url(for: .sts) == "http://127.0.0.1:4")
    #expect(try endpoints(["AWS_PROFILE": "plain", "AWS_DEFAULT_PROFILE": "work"]).url(for: .sso) == "http://127.0.0.1:6")
    #expect(try endpoints(["AWS_DEFAULT_PROFILE": "work"]).url(for: .sts) == "http://127.0.0.1:5")
    #expect(try endpoints(profile: "plain").url(for: .sso) == "http://127.0.0.1:6")
  }

  @Test func ignoringTurnsAllOff() throws {
    #expect(try endpoints(profile: "ignoring").url(for: .sso) == nil)
    let environment = ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE", "AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:9"]
    #expect(try endpoints(environment, profile: "work").url(for: .sso) == nil)
    // The variable decides over the profile's setting, either way.
    #expect(try endpoints(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"], profile: "ignoring").url(for: .sso) == "http://127.0.0.1:1")
  }

  @Test func settingsUseThemAndAWSOtherwise() throws {
    let settings = SSOSettings(startURL: "u", region: "eu-west-1", endpoints: try endpoints(profile: "work"))
    #expect(settings.portalEndpoint == "http://127.0.0.1:1" && settings.oidcEndpoint == "http://127.0.0.1:2")
    let real = SSOSettings(startURL: "u", region: "eu-west-1", endpoints: try endpoints(profile: "nobody"))
    #expect(real.oidcEndpoint == "https://oidc.eu-west-1.amazonaws.com")
  }
}
