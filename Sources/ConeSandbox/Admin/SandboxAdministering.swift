import Foundation

/// What the admin API offers, in process (`SandboxServer.admin`) or over HTTP
/// (`SandboxAdminClient`, behind the `cone-sandbox` admin commands).
public protocol SandboxAdministering: Sendable {
  /// Answers the current approval step of a task, as `user` (an e-mail) or its approver.
  func decideTask(_ number: Int, _ decision: ApprovalDecision, as user: String?) async throws -> TaskSummary
  /// Answers a C1 or AWS device login, given its user code or verification URL.
  func decideDevice(_ codeOrURL: String, as user: String?, approve: Bool) async throws -> DeviceDecision
  func advanceClock(by seconds: TimeInterval) async throws -> ClockReading
  func clock() async throws -> ClockReading
  /// Adds a fault; it applies to the next `count` matching requests.
  func addFault(_ fault: Fault) async throws -> Fault
  func faults() async throws -> [Fault]
  func clearFaults() async throws
  func requestLog() async throws -> RequestLogSnapshot
  func resetRequestLog() async throws
  /// The exports `cone-sandbox env` prints.
  func environment() async throws -> [EnvironmentVariable]
}

extension SandboxAdministering {
  public func approveTask(_ number: Int, as user: String?) async throws -> TaskSummary {
    try await decideTask(number, .approve, as: user)
  }

  public func denyTask(_ number: Int, as user: String?) async throws -> TaskSummary {
    try await decideTask(number, .deny, as: user)
  }
}

/// An admin request that cannot be done, with what to do instead.
public struct SandboxAdminError: Error, CustomStringConvertible, Equatable, Codable {
  /// The HTTP status the admin API answers with.
  public let statusCode: Int
  public let message: String

  public init(status: Int = 400, _ message: String) {
    self.statusCode = status
    self.message = message
  }

  public var description: String { message }
}

/// A task after an admin decision.
public struct TaskSummary: Sendable, Equatable, Codable {
  public let number: Int
  public let id: String
  public let displayName: String
  /// `TASK_STATE_OPEN` or `TASK_STATE_CLOSED`.
  public let state: String
  /// `GRANT_OUTCOME_…` or `REVOKE_OUTCOME_…` once closed.
  public let outcome: String?
}

/// A device login after an admin decision.
public struct DeviceDecision: Sendable, Equatable, Codable {
  /// Empty for an authorization-code sign-in, which has no user code.
  public let userCode: String
  /// `c1` or `aws`.
  public let service: String
  public let approved: Bool
  public let user: String
  /// For an authorization-code sign-in (`/authorize`): where the browser goes next, the
  /// client's loopback redirect URI with the code and state (or the error).
  public let redirect: String?

  public init(userCode: String, service: String, approved: Bool, user: String, redirect: String? = nil) {
    self.userCode = userCode
    self.service = service
    self.approved = approved
    self.user = user
    self.redirect = redirect
  }
}

/// One `export NAME='value'` line of `cone-sandbox env`.
public struct EnvironmentVariable: Sendable, Equatable, Codable {
  public let name: String
  public let value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }

  public var exportLine: String { "export \(name)=\(ShellQuote.quote(value))" }
}
