import ConeShellBase

/// A grant of an entitlement to one of the caller's app users
/// (`AppEntitlementUserBinding`). Without grant data only the app and app user are set.
public struct C1Binding: Decodable, Sendable, Equatable {
  public var appID: String?
  public var appUserID: String?
  public var entitlementID: String?
  public var createdAt: Double?
  public var deletedAt: Double?
  /// When a time-bound grant ends.
  public var deprovisionAt: Double?

  enum CodingKeys: String, CodingKey {
    case appId, appUserId, appEntitlementId, createdAt, deletedAt, deprovisionAt
  }

  public init(
    appID: String? = nil, appUserID: String? = nil, entitlementID: String? = nil, createdAt: Double? = nil,
    deletedAt: Double? = nil, deprovisionAt: Double? = nil
  ) {
    self.appID = appID
    self.appUserID = appUserID
    self.entitlementID = entitlementID
    self.createdAt = createdAt
    self.deletedAt = deletedAt
    self.deprovisionAt = deprovisionAt
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    appID = try container.decodeNonEmptyStringIfPresent(forKey: .appId)
    appUserID = try container.decodeNonEmptyStringIfPresent(forKey: .appUserId)
    entitlementID = try container.decodeNonEmptyStringIfPresent(forKey: .appEntitlementId)
    createdAt = try container.decodeNonEmptyStringIfPresent(forKey: .createdAt).flatMap(Timestamp.parse)
    deletedAt = try container.decodeNonEmptyStringIfPresent(forKey: .deletedAt).flatMap(Timestamp.parse)
    deprovisionAt = try container.decodeNonEmptyStringIfPresent(forKey: .deprovisionAt).flatMap(Timestamp.parse)
  }

  /// A grant in force at `now`: granted, not revoked, not past its end. (cone ignores
  /// `deprovisionAt` and so counts a grant about to end as access.)
  public func isActive(at now: Double) -> Bool {
    guard createdAt != nil || entitlementID != nil, deletedAt == nil else { return false }
    return deprovisionAt.map { $0 > now } ?? true
  }
}
