import ConeShellBase

/// `cone-shell creds PROFILE`: what `cone aws credentials` does, without a terminal
/// conversation (the AWS CLI shows the helper's stderr only when it fails), with the
/// seed's messages for each outcome.
public struct CredentialProcessFlow: Sendable {
  public let context: ConeContext
  /// The profile of cone's config to ask, when given explicitly; otherwise the one the
  /// AWS profile records, else the default.
  public let c1Profile: String?
  public let directory: ProfileDirectory

  public init(context: ConeContext, c1Profile: String?) {
    self.context = context
    self.c1Profile = c1Profile
    directory = ProfileDirectory(paths: context.paths, store: context.store)
  }

  /// Credentials for `profileName`, from the cache or through the whole flow. Throws
  /// `AccessStop` (message already printed or in `message`) when there is no access.
  public func credentials(profileName: String) async throws -> CredentialCache.Entry {
    let profile = try directory.profile(named: profileName)
    let cache = CredentialCache(store: context.store)
    if let problem = cache.trustProblem(profile.name) { throw problem }
    // The hot path answers only while the index describes the config as it is now.
    _ = directory.index()
    if context.isCompleting { return try await credentialsForCompletion(profile) }
    let service = try AccessService(context: context, c1Profile: c1Profile ?? profile.c1Profile)
    // Many `aws` calls may start at once; one does the work, the others wait and then
    // find the result in the cache (or the same open request).
    let lock = try await context.store.lock(
      profile.name, timeout: .seconds(150), purpose: "getting access for \(profile.name)")
    defer { lock.release() }
    if let cached = service.cachedCredentials(for: profile) { return cached }

    switch try await service.state(of: profile) {
    case .active(let grantEnd):
      return try await service.credentials(for: profile, grantEnd: grantEnd, interactive: context.isInteractive)
    case .pending(let task):
      try? await service.record(profile.name, .pending(task))
      if TaskPhase(task) == .waitingForForm {
        throw AccessStop(.formRequired, AccessMessages.formRequired(profile.name), task: task)
      }
      throw AccessStop(.pending, AccessMessages.pendingExists(profile.name, task), task: task)
    case .none:
      return try await request(profile, service: service)
    }
  }

  /// Under a shell's completion (the AWS CLI v2 completer resolves credentials for
  /// server-side completion): cached credentials, or an active grant's fetched without
  /// a sign-in or a wait; never a request, which could page an approver on a Tab.
  private func credentialsForCompletion(_ profile: ManagedProfile) async throws -> CredentialCache.Entry {
    let now = context.now()
    let cache = CredentialCache(store: context.store)
    if let cached = cache.usable(profile.name, accountID: profile.accountID, roleName: profile.roleName, now: now) {
      return cached
    }
    if let grant = GrantsStore(store: context.store).read()?.entry(for: profile.name), grant.state == .active,
      grant.expires.map({ Double($0) > now }) ?? true,
      let service = try? AccessService(context: context, c1Profile: c1Profile ?? profile.c1Profile),
      let entry = try? await service.credentials(
        for: profile, grantEnd: grant.expires.map(Double.init), interactive: false, provisioningWait: .zero)
    {
      return entry
    }
    throw AccessStop(.noAccess, AccessMessages.notDuringCompletion(profile.name))
  }

  private func request(_ profile: ManagedProfile, service: AccessService) async throws -> CredentialCache.Entry {
    let entitlement = try await service.c1.entitlement(appID: profile.appID, id: profile.entitlementID)
    if entitlement.entitlement.requestSchemaID != nil {
      try? await service.record(profile.name, .none)
      throw AccessStop(.formRequired, AccessMessages.formRequired(profile.name))
    }
    // Refuse an unlimited grant before announcing a request.
    if entitlement.entitlement.hasNoMaximum || entitlement.entitlement.maxGrantSeconds == nil {
      throw AccessError.durationRequired(profile: profile.name)
    }
    context.output.message(AccessMessages.submitting(profile.name) + "\n")
    let (task, isNew) = try await service.submit(
      profile, justification: "Requested by cone-shell for the AWS profile \(profile.name)", duration: nil,
      requestData: nil, entitlement: entitlement)
    guard isNew else {
      try? await service.record(profile.name, .pending(task))
      throw AccessStop(.pending, AccessMessages.pendingExists(profile.name, task), task: task)
    }
    context.output.message(AccessMessages.submitted(task) + "\n")
    // Auto-approved requests close within a poll or two; a person's approval is not
    // waited for here (the seed's behaviour), `request --wait` does that.
    var dots = false
    let watched = try await service.watch(task, timeout: .seconds(30), done: { $0 != .processing }) { _, _ in
      context.output.message(".")
      dots = true
    }
    if dots { context.output.message("\n") }
    switch TaskPhase(watched) {
    case .granted:
      context.output.message(AccessMessages.granted + "\n")
      guard case .active(let grantEnd) = try await service.state(of: profile) else {
        // Granted but the binding is not visible yet: the grant's own length is the
        // best estimate of its end.
        let end = watched.grantSeconds.map { (watched.outcomeTime ?? context.now()) + $0 }
        return try await service.credentials(for: profile, grantEnd: end, interactive: context.isInteractive)
      }
      return try await service.credentials(for: profile, grantEnd: grantEnd, interactive: context.isInteractive)
    case .waitingForApproval:
      try? await service.record(profile.name, .pending(watched))
      throw AccessStop(.pending, AccessMessages.requiresApproval(profile.name, watched), task: watched)
    case .waitingForForm:
      try? await service.record(profile.name, .pending(watched))
      throw AccessStop(.formRequired, AccessMessages.formRequired(profile.name), task: watched)
    case .processing:
      try? await service.record(profile.name, .pending(watched))
      throw AccessStop(.pending, AccessMessages.stillProcessing(profile.name, watched), task: watched)
    case .ended(let outcome):
      try? await service.record(profile.name, .none)
      throw AccessStop(.denied, AccessMessages.ended(profile.name, outcome), task: watched)
    }
  }
}
