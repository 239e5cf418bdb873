import Foundation

/// Everything that changes while the sandbox runs: the clock, tokens, device logins, tasks,
/// grants and AWS sessions. One actor, so every request sees a consistent tenant; its
/// methods are short and never wait, so one slow client never holds up another.
actor Tenant {
  nonisolated let catalog: Catalog
  var clock = VirtualClock()

  // C1
  var personalClients: [String: PersonalClient] = [:]
  var c1Sessions: [String: C1Session] = [:]
  var c1RefreshTokens: [String: String] = [:]
  var devices: [String: DeviceAuthorization] = [:]
  var deviceCodesByUserCode: [String: String] = [:]

  // Requests and grants
  static let firstTaskNumber = 1001
  var tasks: [AccessTask] = []
  /// Open task per "<identity user id>/<entitlement id>", for the duplicate check.
  var openTasks: [String: Int] = [:]
  /// Tasks whose provision step completes by itself at a later time.
  var provisioningTasks: Set<Int> = []
  /// user ID → entitlement ID → grant.
  var grants: [String: [String: Grant]] = [:]

  // AWS
  var oidcClients: [String: OIDCClient] = [:]
  var ssoSessions: [String: SSOSession] = [:]
  var ssoRefreshTokens: [String: SSOSession] = [:]
  /// Sign-ins begun at `GET /authorize`, by the id their page carries.
  var authorizationRequests: [String: AuthorizationRequest] = [:]
  /// Authorization codes not yet redeemed.
  var authorizationCodes: [String: AuthorizationCode] = [:]
  var roleCredentials: [String: RoleCredential] = [:]
  var signinTokens: [String: SigninToken] = [:]

  init(catalog: Catalog) {
    self.catalog = catalog
    for client in catalog.clients {
      personalClients[client.name] = PersonalClient(
        name: client.name, userId: client.userId, displayName: "cone-sandbox scenario client",
        publicKey: client.privateKey.publicKey.rawRepresentation, createdAt: Catalog.epoch)
    }
  }

  var now: Date { clock.now }

  /// Moves the virtual clock forward and lets whatever fell due happen.
  func advanceClock(by seconds: TimeInterval) -> ClockReading {
    clock.advance(by: seconds)
    settle()
    return clockReading()
  }

  func clockReading() -> ClockReading {
    ClockReading(now: clock.now, offset: clock.offset)
  }

  /// Completes provisioning that has fallen due; called before every read of tasks or grants.
  /// Work is timed at its due moment, not at the read, so results do not depend on polling.
  func settle() {
    guard !provisioningTasks.isEmpty else { return }
    let now = clock.now
    for index in provisioningTasks {
      guard let due = tasks[index].current?.dueAt, due <= now else { continue }
      provisioningTasks.remove(index)
      var task = tasks[index]
      task.current?.result = .provisioned(at: due)
      task.history.append(task.current!)
      task.current = nil
      advance(&task, at: due)
      store(task)
    }
  }
}

/// The virtual clock as the admin API reports it.
public struct ClockReading: Sendable, Equatable, Codable {
  public let now: Date
  /// Seconds the clock is ahead of real time.
  public let offset: TimeInterval

  public init(now: Date, offset: TimeInterval) {
    self.now = now
    self.offset = offset
  }
}
