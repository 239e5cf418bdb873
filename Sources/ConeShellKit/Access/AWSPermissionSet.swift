/// A catalog entitlement read as an AWS permission set assignment, the way cone reads
/// baton-aws's entitlements (docs/c1-api.md §4.3), and the profile it becomes.
public struct AWSPermissionSet: Sendable, Equatable {
  public var appID: String
  public var entitlementID: String
  public var accountID: String
  public var accountName: String
  public var roleName: String

  /// nil unless the entitlement is an AWS permission set: a connector id value holding
  /// a permission set ARN, or a resource type named like one.
  public init?(_ view: C1EntitlementView) {
    let entitlement = view.entitlement
    let isPermissionSet =
      entitlement.sourceConnectorIDs.values.contains { $0.contains("arn:aws:sso:::permissionSet/") }
      || view.resourceType?.displayName?.lowercased().contains("aws permission set") == true
    guard isPermissionSet, !entitlement.id.isEmpty, !entitlement.appID.isEmpty else { return nil }
    appID = entitlement.appID
    entitlementID = entitlement.id
    // `<account id>|<permission set ARN>`; sorted so that the choice is stable when
    // several values qualify (cone takes whichever a map yields first).
    accountID =
      entitlement.sourceConnectorIDs.keys.sorted().lazy.compactMap { key -> String? in
        let parts = entitlement.sourceConnectorIDs[key]!.split(separator: "|", omittingEmptySubsequences: false)
        return parts.count == 2 ? String(parts[0]) : nil
      }.first ?? ""
    accountName = view.resource?.displayName ?? "aws"
    roleName = entitlement.displayName.split(separator: " ").first.map(String.init) ?? entitlement.displayName
  }

  /// `<account>-<role>`, lower-cased and reduced to safe characters.
  public var profileName: String {
    AWSConfigSanitizer.profileName(account: accountName, role: roleName)
  }
}
