import ConeShellBase

/// An AWS profile that asks ConductorOne for access: the `cone_*` keys cone writes
/// (README.md, How it relates to ConductorOne's `cone`), whether cone or cone-shell wrote them.
public struct ManagedProfile: Sendable, Equatable {
  public var name: String
  public var appID: String
  public var entitlementID: String
  public var accountID: String
  public var roleName: String
  public var ssoRegion: String?
  public var ssoStartURL: String?
  /// Written by cone-shell (`cone_shell_managed = true`); otherwise by cone.
  public var isConeShellManaged: Bool
  /// The profile of cone's config that setup read the catalog with, when not the
  /// default one: requests for this profile go to that tenant.
  public var c1Profile: String?

  /// The profile's `region`, for programs run with its credentials.
  public var region: String?

  /// The key that records `c1Profile`.
  public static let c1ProfileKey = "cone_shell_c1_profile"

  public init(
    name: String, appID: String, entitlementID: String, accountID: String, roleName: String,
    ssoRegion: String? = nil, ssoStartURL: String? = nil, isConeShellManaged: Bool = true, c1Profile: String? = nil
  ) {
    self.name = name
    self.appID = appID
    self.entitlementID = entitlementID
    self.accountID = accountID
    self.roleName = roleName
    self.ssoRegion = ssoRegion
    self.ssoStartURL = ssoStartURL
    self.isConeShellManaged = isConeShellManaged
    self.c1Profile = c1Profile
  }

  /// Reads a profile section; nil unless it names a C1 app and entitlement.
  public init?(name: String, section: AWSConfigSection) {
    guard let appID = section.text("cone_app_id"), !appID.isEmpty,
      let entitlementID = section.text("cone_entitlement_id"), !entitlementID.isEmpty
    else { return nil }
    self.init(
      name: name, appID: appID, entitlementID: entitlementID,
      accountID: section.text("cone_sso_account_id") ?? "", roleName: section.text("cone_sso_role_name") ?? "",
      ssoRegion: section.text("cone_sso_region").flatMap { $0.isEmpty ? nil : $0 },
      ssoStartURL: section.text("cone_sso_start_url").flatMap { $0.isEmpty ? nil : $0 },
      isConeShellManaged: section.text("cone_shell_managed")?.lowercased() == "true",
      c1Profile: section.text(Self.c1ProfileKey).flatMap { $0.isEmpty ? nil : $0 })
    region = section.text("region").flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The SSO instance this profile's role lives in: its own `cone_sso_*` keys, else
  /// the settings saved by setup; its endpoints as configured for this profile (the AWS
  /// CLI resolves them for the profile whose credentials it fetches).
  public func ssoSettings(defaultStartURL: String?, defaultRegion: String?, environment: Environment) -> SSOSettings? {
    guard let startURL = ssoStartURL ?? defaultStartURL else { return nil }
    return SSOSettings(
      startURL: startURL, region: ssoRegion ?? defaultRegion ?? SSOSettings.defaultRegion, environment: environment,
      profile: name)
  }
}
