import ConeShellBase

/// `cone-shell drop PROFILE`: give an active grant back (a revoke task, waited for
/// briefly), forget the profile's cached credentials and its prompt line at once.
public struct DropFlow: Sendable {
  /// What was dropped.
  public struct Outcome: Sendable {
    public var task: C1Task
    /// The revoke finished within the wait (else it is still being processed).
    public var isDone: Bool
    /// When the role credentials already handed out expire; AWS cannot recall them.
    public var credentialsExpire: Double?
  }

  public let service: AccessService

  public init(service: AccessService) {
    self.service = service
  }

  public func run(profileName: String, wait: Duration = .seconds(30)) async throws -> Outcome {
    let context = service.context
    let profile = try ProfileDirectory(paths: context.paths, store: context.store).profile(named: profileName)
    let lock = try await context.store.lock(profile.name, timeout: .seconds(150), purpose: "dropping access to \(profile.name)")
    defer { lock.release() }
    let handedOut = service.credentialCache.read(profile.name)?.expiration
    let state = try await service.state(of: profile)
    guard case .active = state else {
      service.credentialCache.remove(profile.name)
      try? await service.record(profile.name, state)
      throw AccessStop(
        .noAccess, "You have no access to \"\(profile.name)\" to drop" + (handedOut == nil ? "." : "; its cached credentials are removed."))
    }
    let userID = try await service.c1.currentUserID()
    let task = try await service.c1.createRevokeTask(
      appID: profile.appID, entitlementID: profile.entitlementID, userID: userID,
      justification: "Dropped with cone-shell for the AWS profile \(profile.name)")
    // The credentials and the prompt line go at once: the grant is being given back.
    service.credentialCache.remove(profile.name)
    try? await service.record(profile.name, .none)
    let progress = context.progressLine()
    let done = try await service.watch(task, timeout: wait, initial: .seconds(1), maximum: .seconds(3), done: { !$0.isWaiting }) {
      current, elapsed in
      progress.update("Giving back access to \"\(profile.name)\" (task \(current.number))… \(ProgressLine.elapsed(elapsed))")
    }
    progress.finish()
    if !done.isOpen, done.outcome != .revoked {
      throw AccessStop(
        .denied, "ConductorOne did not revoke access to \"\(profile.name)\" (task \(done.number): \(done.outcome.summary)); "
          + "check it with `cone-shell task \(done.number)`.", task: done)
    }
    return Outcome(task: done, isDone: !done.isOpen, credentialsExpire: handedOut)
  }
}
