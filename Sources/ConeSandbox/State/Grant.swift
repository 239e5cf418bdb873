import Foundation

/// A user's grant of an entitlement (C1's app entitlement user binding).
struct Grant: Sendable {
  let appId: String
  let entitlementId: String
  let appUserId: String
  let userId: String
  let createdAt: Date
  /// When the grant ends; nil for a grant without end.
  var deprovisionAt: Date?
  var deletedAt: Date?
  /// When AWS starts honouring the assignment (grant time + provisioning delay).
  let effectiveAt: Date

  func isActive(at now: Date) -> Bool {
    deletedAt == nil && (deprovisionAt.map { now < $0 } ?? true)
  }

  func isEffective(at now: Date) -> Bool {
    isActive(at: now) && now >= effectiveAt
  }
}
