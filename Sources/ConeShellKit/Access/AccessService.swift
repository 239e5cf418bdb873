import ConeShellBase

/// The access flow (ARCHITECTURE.md, One `creds` call) for one C1 account: is access
/// active, request it, watch the request, get and cache AWS credentials, and keep the
/// `grants` file current for the prompt.
public struct AccessService: Sendable {
  public let context: ConeContext
  public let c1: C1Client
  /// The profile of cone's config asked for, when one was (watchers ask the same).
  public let c1Profile: String?
  /// `aws_sso_start_url` and `aws_sso_region` from cone's config, for profiles that
  /// do not carry their own.
  private let ssoDefaults: (startURL: String?, region: String?)

  public init(context: ConeContext, c1Profile: String?) throws {
    let config = try context.loadC1Config()
    self.context = context
    self.c1Profile = c1Profile
    c1 = context.c1Client(
      account: try C1Account.resolve(
        environment: context.environment, config: config, profile: c1Profile, redactor: context.redactor))
    ssoDefaults = (config.awsSSOStartURL, config.awsSSORegion)
  }

  public var credentialCache: CredentialCache { CredentialCache(store: context.store) }

  /// The cached credentials `profile` may use now (see `CredentialCache.usable`).
  public func cachedCredentials(for profile: ManagedProfile) -> CredentialCache.Entry? {
    credentialCache.usable(profile.name, accountID: profile.accountID, roleName: profile.roleName, now: context.now())
  }
  public var grants: GrantsStore { GrantsStore(store: context.store) }

  // MARK: State

  /// Active grant first, then an open request of the user's, else none.
  public func state(of profile: ManagedProfile) async throws -> AccessState {
    let userID = try await c1.currentUserID()
    let bindings = try await c1.grants(appID: profile.appID, entitlementID: profile.entitlementID, userID: userID)
    if let end = Self.activeGrantEnd(bindings, now: context.now()) { return .active(grantEnd: end) }
    if let task = try await c1.openGrantTasks(userID: userID, entitlementID: profile.entitlementID).first {
      return .pending(task)
    }
    return .none
  }

  /// nil when no binding is active; `.some(nil)` for an active grant without an end.
  static func activeGrantEnd(_ bindings: [C1Binding], now: Double) -> Double?? {
    let active = bindings.filter { $0.isActive(at: now) }
    guard !active.isEmpty else { return nil }
    if active.contains(where: { $0.deprovisionAt == nil }) { return .some(nil) }
    return active.compactMap(\.deprovisionAt).max()
  }

  // MARK: Requests

  /// Opens a grant request and returns it, or the user's open one for the same access
  /// (`isNew` false). The duration defaults to the entitlement's maximum; without a
  /// maximum it must be given.
  public func submit(
    _ profile: ManagedProfile, justification: String, duration: Duration?, requestData: JSONValue?,
    entitlement: C1EntitlementView? = nil, isExtension: Bool = false
  ) async throws -> (task: C1Task, isNew: Bool) {
    let userID = try await c1.currentUserID()
    let view: C1EntitlementView
    if let entitlement {
      view = entitlement
    } else {
      view = try await c1.entitlement(appID: profile.appID, id: profile.entitlementID)
    }
    let seconds = try grantSeconds(profile, view.entitlement, requested: duration)
    do {
      let task = try await c1.createGrantTask(
        appID: profile.appID, entitlementID: profile.entitlementID, userID: userID, justification: justification,
        durationSeconds: seconds, requestData: requestData, isExtension: isExtension)
      return (task, true)
    } catch C1Error.duplicateRequest(let taskID, _) {
      return (try await c1.task(id: taskID), false)
    } catch let error as TransportError {
      // The answer was lost, not necessarily the request: look before asking again.
      if let task = try? await c1.openGrantTasks(userID: userID, entitlementID: profile.entitlementID).first {
        return (task, true)
      }
      throw error
    }
  }

  private func grantSeconds(_ profile: ManagedProfile, _ entitlement: C1Entitlement, requested: Duration?) throws -> Int {
    let maximum = entitlement.hasNoMaximum ? nil : entitlement.maxGrantSeconds
    if let requested {
      let seconds = Int(requested.components.seconds)
      if let maximum, Double(seconds) > maximum { throw AccessError.durationTooLong(profile: profile.name, maximum: maximum) }
      return seconds
    }
    guard let maximum else { throw AccessError.durationRequired(profile: profile.name) }
    return Int(maximum)
  }

  /// Polls `task` until `done` says so or `timeout` passes, backing off from `initial`
  /// to `maximum` between polls; `tick` runs before each pause.
  public func watch(
    _ task: C1Task, timeout: Duration, initial: Duration = .seconds(1), maximum: Duration = .seconds(10),
    done: (TaskPhase) -> Bool, tick: (C1Task, Double) -> Void = { _, _ in }
  ) async throws -> C1Task {
    let clock = ContinuousClock()
    let started = clock.now
    var current = task
    var pause = initial
    while !done(TaskPhase(current)) && clock.now - started < timeout {
      tick(current, Double((clock.now - started).components.seconds))
      try await Task.sleep(for: min(pause, timeout - (clock.now - started)))
      pause = min(pause * 1.5, maximum)
      current = try await c1.task(id: current.id)
    }
    return current
  }

  // MARK: Credentials

  /// Role credentials for a profile with an active grant: SSO token (renewed, or a
  /// sign-in when `interactive`), GetRoleCredentials with up to `provisioningWait` of
  /// retries while AWS provisions a new assignment, then cached with `Expiration`
  /// capped at the grant's end and recorded in `grants`. A cache that cannot be written
  /// (a full disk) costs a warning, never the credentials.
  public func credentials(
    for profile: ManagedProfile, grantEnd: Double?, interactive: Bool, provisioningWait: Duration = .seconds(60)
  ) async throws -> CredentialCache.Entry {
    guard
      let settings = profile.ssoSettings(
        defaultStartURL: ssoDefaults.startURL, defaultRegion: ssoDefaults.region, environment: context.environment)
    else { throw SSOError.notConfigured }
    let session = context.ssoSession(settings, interactive: interactive)
    let portal = context.ssoPortal(settings)
    var token = try await session.accessToken()
    var renewed = false
    let progress = context.progressLine()
    defer { progress.finish() }
    let clock = ContinuousClock()
    let started = clock.now
    // Whether the grant is older than any provisioning takes; asked once, at the first refusal.
    var grantedLongAgo: Bool?
    while true {
      do {
        let role = try await portal.roleCredentials(
          accountID: profile.accountID, roleName: profile.roleName, accessToken: token)
        let entry = CredentialCache.Entry(
          profile: profile.name, accountID: profile.accountID, roleName: profile.roleName, credentials: role,
          grantEnd: grantEnd, signInFile: SSOCacheFiles(directory: context.paths.ssoCacheDirectory, settings: settings).tokenPath)
        do {
          try credentialCache.write(entry)
        } catch {
          context.output.message(AccessMessages.notCached(profile.name, error) + "\n")
        }
        try? await record(profile.name, .active(grantEnd: grantEnd))
        return entry
      } catch SSOError.unauthorized where !renewed {
        renewed = true
        token = try await session.accessToken(replacing: token)
      } catch SSOError.forbidden(let account, let role, let message) {
        if grantedLongAgo == nil { grantedLongAgo = await grantIsOlder(than: Self.provisioningTime, profile) }
        if grantedLongAgo == true {
          throw SSOError.forbidden(
            accountID: account, roleName: role,
            message: message + "; ConductorOne granted it more than \(Int(Self.provisioningTime / 60)) minutes ago, "
              + "so AWS is not still provisioning it: check that the profile names the permission set's account and "
              + "role (`cone-shell setup` writes them)")
        }
        let elapsed = clock.now - started
        guard elapsed < provisioningWait else {
          throw SSOError.forbidden(
            accountID: account, roleName: role,
            message: message + "; ConductorOne shows the grant, but AWS has not provisioned it after "
              + "\(provisioningWait.components.seconds) s")
        }
        progress.update(AccessMessages.provisioning(Double(elapsed.components.seconds)))
        try await Task.sleep(for: .seconds(2))
      }
    }
  }

  /// Longer than AWS takes to provision a granted permission set: a refusal after it
  /// means something else (the profile names another role), not a wait.
  static let provisioningTime: Double = 5 * 60

  /// Whether `profile`'s active grant began more than `age` seconds ago (false when
  /// ConductorOne cannot say).
  private func grantIsOlder(than age: Double, _ profile: ManagedProfile) async -> Bool {
    guard let userID = try? await c1.currentUserID(),
      let bindings = try? await c1.grants(appID: profile.appID, entitlementID: profile.entitlementID, userID: userID)
    else { return false }
    let now = context.now()
    let starts = bindings.filter { $0.isActive(at: now) }.map { $0.createdAt ?? now }
    return starts.max().map { now - $0 > age } ?? false
  }

  // MARK: Grants file

  /// Records a profile's state for the prompt.
  public func record(_ profile: String, _ state: AccessState) async throws {
    try await grants.update(now: context.now()) { file in
      file.update(state.grantsEntry(for: profile))
    }
  }
}

extension AccessService {
  /// Every managed profile's access, each asked of the C1 profile it records (or
  /// `c1Profile` when given), recorded in the `grants` file, in the profiles' order.
  public static func refreshAll(
    _ profiles: [ManagedProfile], context: ConeContext, c1Profile: String?
  ) async throws -> [ProfileAccess] {
    var groups: [String?: [ManagedProfile]] = [:]
    var order: [String?] = []
    for profile in profiles {
      let key = c1Profile ?? profile.c1Profile
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(profile)
    }
    var byName: [String: ProfileAccess] = [:]
    let managed = Set(profiles.map(\.name))
    for key in order {
      let service = try AccessService(context: context, c1Profile: key)
      for access in try await service.refresh(groups[key] ?? [], managed: managed) { byName[access.profile] = access }
    }
    return profiles.compactMap { byName[$0.name] }
  }

  /// `profiles`' access from two questions to C1 (the entitlements the user holds, and
  /// the user's open requests) rather than one per profile. The grants file gets their
  /// lines; lines of profiles no longer in `managed` go.
  func refresh(_ profiles: [ManagedProfile], managed: Set<String>) async throws -> [ProfileAccess] {
    let userID = try await c1.currentUserID()
    let held = try await c1.catalogEntitlements(grantedOnly: true)
    let now = context.now()
    var ends: [String: Double?] = [:]
    for view in held {
      if let end = Self.activeGrantEnd(view.bindings, now: now) { ends[view.entitlement.id] = end }
    }
    var open: [String: C1Task] = [:]
    for task in try await c1.openGrantTasks(userID: userID) {
      if let id = task.entitlementID, open[id] == nil { open[id] = task }
    }
    let states = profiles.map { profile -> AccessState in
      if let end = ends[profile.entitlementID] { return .active(grantEnd: end) }
      return open[profile.entitlementID].map { .pending($0) } ?? .none
    }
    let names = Set(profiles.map(\.name))
    try await grants.update(now: now) { file in
      file.entries.removeAll { names.contains($0.profile) || !managed.contains($0.profile) }
      for (profile, state) in zip(profiles, states) where state != .none {
        file.update(state.grantsEntry(for: profile.name))
      }
    }
    return zip(profiles, states).map { ProfileAccess($0, $1, server: c1.server) }
  }
}
