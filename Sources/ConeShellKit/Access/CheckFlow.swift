import ConeShellBase

/// `cone-shell check PROFILE`: whether there is access, from the credential cache and
/// the grants file while they are fresh (no network), else from ConductorOne, whose
/// answer is recorded for the prompt.
public struct CheckFlow: Sendable {
  /// Where an answer came from: `cache` or `grants` (local files) or `c1`.
  public struct Answer: Sendable, Equatable {
    public var access: ProfileAccess
    public var source: String
  }

  /// The grants file answers for this long after it was written.
  public static let freshness: Double = 5 * 60

  public let context: ConeContext

  public init(context: ConeContext) {
    self.context = context
  }

  /// The access to `profileName`; `refresh` always asks ConductorOne (as `c1Profile`,
  /// else the one the profile records).
  public func run(profileName: String, refresh: Bool, c1Profile: String?) async throws -> Answer {
    let directory = ProfileDirectory(paths: context.paths, store: context.store)
    let profile = try directory.profile(named: profileName)
    if !refresh, let answer = localAnswer(for: profile) { return answer }

    let service = try AccessService(context: context, c1Profile: c1Profile ?? profile.c1Profile)
    let state = try await service.state(of: profile)
    var access = ProfileAccess(profile, state, server: service.c1.server)
    if state == .none {
      // No request yet: one would need its form filled first.
      let entitlement = try await service.c1.entitlement(appID: profile.appID, id: profile.entitlementID)
      if entitlement.entitlement.requestSchemaID != nil { access.state = .formRequired }
    }
    try? await service.record(profile.name, state)
    return Answer(access: access, source: "c1")
  }

  /// The local files' answer: an active grant whenever they show one, anything else only
  /// while the grants file is fresh.
  private func localAnswer(for profile: ManagedProfile) -> Answer? {
    let now = context.now()
    let index = ProfilesIndex.Entry(name: profile.name, accountID: profile.accountID, roleName: profile.roleName)
    let local = LocalAccess(store: context.store)
    let (access, source) = local.access(of: index, now: now)
    // The grants file answers only for the profiles it lists: one request records one
    // profile, and says nothing about the others.
    let written = local.grants?.entry(for: profile.name) == nil ? 0 : local.grants?.written ?? 0
    guard access.state == .active || now - Double(written) < Self.freshness else { return nil }
    return Answer(access: access, source: source.rawValue)
  }
}
