import ConeShellBase

/// Credentials for a profile as a person at a terminal gets them before running a
/// program (`exec`, `console`): cached ones when they are good; otherwise the request
/// flow in the foreground (form, wait, then credentials) when someone can answer, and
/// the credential_process flow (the seed's messages, no waiting for a person) when not.
public struct ForegroundAccess: Sendable {
  public let context: ConeContext
  /// The profile of cone's config to ask, when given explicitly.
  public let c1Profile: String?

  public init(context: ConeContext, c1Profile: String?) {
    self.context = context
    self.c1Profile = c1Profile
  }

  public func credentials(
    profileName: String, options: RequestFlow.Options, answerForm: RequestFlow.FormAnswerer
  ) async throws -> (profile: ManagedProfile, credentials: CredentialCache.Entry) {
    let directory = ProfileDirectory(paths: context.paths, store: context.store)
    let profile = try directory.profile(named: profileName)
    let cache = CredentialCache(store: context.store)
    if let problem = cache.trustProblem(profile.name) { throw problem }
    if let cached = cache.usable(
      profile.name, accountID: profile.accountID, roleName: profile.roleName, now: context.now())
    {
      return (profile, cached)
    }
    guard context.isInteractive else {
      return (profile, try await CredentialProcessFlow(context: context, c1Profile: c1Profile).credentials(profileName: profileName))
    }
    let service = try AccessService(context: context, c1Profile: c1Profile ?? profile.c1Profile)
    var waiting = options
    waiting.wait = true
    _ = try await RequestFlow(service: service).run(profileName: profileName, options: waiting, answerForm: answerForm)
    // The flow ends with credentials in the cache (or an error said why not).
    guard let entry = service.cachedCredentials(for: profile) else {
      return (profile, try await CredentialProcessFlow(context: context, c1Profile: c1Profile).credentials(profileName: profileName))
    }
    return (profile, entry)
  }
}
