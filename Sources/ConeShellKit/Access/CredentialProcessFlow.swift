/// `cone-shell creds PROFILE`: what `cone aws credentials` does, without a terminal
/// conversation (the AWS CLI shows the helper's stderr only when it fails), with the
/// seed's messages for each outcome.
public struct CredentialProcessFlow: Sendable {
  public let service: AccessService
  public let directory: ProfileDirectory

  public init(service: AccessService) {
    self.service = service
    directory = ProfileDirectory(paths: service.context.paths, store: service.context.store)
  }

  /// Credentials for `profileName`, from the cache or through the whole flow. Throws
  /// `AccessStop` (message already printed or in `message`) when there is no access.
  public func credentials(profileName: String) async throws -> CredentialCache.Entry {
    let context = service.context
    let profile = try directory.profile(named: profileName)
    // Many `aws` calls may start at once; one does the work, the others wait and then
    // find the result in the cache (or the same open request).
    let lock = try await context.store.lock(
      profile.name, timeout: .seconds(150), purpose: "getting access for \(profile.name)")
    defer { lock.release() }
    if let cached = service.credentialCache.usable(profile.name, now: context.now()) { return cached }

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
      return try await request(profile)
    }
  }

  private func request(_ profile: ManagedProfile) async throws -> CredentialCache.Entry {
    let context = service.context
    let entitlement = try await service.c1.entitlement(appID: profile.appID, id: profile.entitlementID)
    if entitlement.entitlement.requestSchemaID != nil {
      try? await service.record(profile.name, .none)
      throw AccessStop(.formRequired, AccessMessages.formRequired(profile.name))
    }
    // Refuse an unlimited grant before announcing a request.
    if entitlement.entitlement.hasNoMaximum || entitlement.entitlement.maxGrantSeconds == nil {
      throw AccessError.durationRequired(profile: profile.name)
    }
    StandardError.write(AccessMessages.submitting(profile.name) + "\n")
    let (task, isNew) = try await service.submit(
      profile, justification: "Requested by cone-shell for the AWS profile \(profile.name)", duration: nil,
      requestData: nil, entitlement: entitlement)
    guard isNew else {
      try? await service.record(profile.name, .pending(task))
      throw AccessStop(.pending, AccessMessages.pendingExists(profile.name, task), task: task)
    }
    StandardError.write(AccessMessages.submitted(task) + "\n")
    // Auto-approved requests close within a poll or two; a person's approval is not
    // waited for here (the seed's behaviour), `request --wait` does that.
    var dots = false
    let watched = try await service.watch(task, timeout: .seconds(30), done: { $0 != .processing }) { _, _ in
      StandardError.write(".")
      dots = true
    }
    if dots { StandardError.write("\n") }
    switch TaskPhase(watched) {
    case .granted:
      StandardError.write(AccessMessages.granted + "\n")
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
