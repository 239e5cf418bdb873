import Foundation

extension Scenario {
  /// Tenant-wide values: the SSO instance, token and device-code lifetimes.
  public struct Settings: Sendable, Equatable, Decodable {
    public var tenant = "example"
    public var ssoStartURL = "https://d-0000000000.awsapps.com/start"
    public var ssoRegion = "us-east-1"
    public var accessTokenLifetime: TimeInterval = 3600
    public var ssoTokenLifetime: TimeInterval = 8 * 3600
    public var deviceCodeLifetime: TimeInterval = 600
    public var pollInterval: TimeInterval = 1

    public init() {}

    private enum CodingKeys: String, CodingKey {
      case tenant, ssoStartUrl, ssoRegion, accessTokenLifetime, ssoTokenLifetime, deviceCodeLifetime, pollInterval
    }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      tenant = try container.decodeIfPresent(String.self, forKey: .tenant) ?? tenant
      ssoStartURL = try container.decodeIfPresent(String.self, forKey: .ssoStartUrl) ?? ssoStartURL
      ssoRegion = try container.decodeIfPresent(String.self, forKey: .ssoRegion) ?? ssoRegion
      accessTokenLifetime = try container.decodeDuration(forKey: .accessTokenLifetime) ?? accessTokenLifetime
      ssoTokenLifetime = try container.decodeDuration(forKey: .ssoTokenLifetime) ?? ssoTokenLifetime
      deviceCodeLifetime = try container.decodeDuration(forKey: .deviceCodeLifetime) ?? deviceCodeLifetime
      pollInterval = try container.decodeDuration(forKey: .pollInterval) ?? pollInterval
    }
  }
}
