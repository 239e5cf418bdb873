import ConeShellBase

/// One profile's access as the machine-readable commands report it.
public struct ProfileAccess: Sendable, Equatable {
  public enum State: String, Sendable {
    case active, pending, none
    case formRequired = "form_required"
  }

  public struct TaskSummary: Sendable, Equatable {
    public var number: String
    public var id: String?
    /// `approval`, `form`, `processing`, `closed`, when known.
    public var step: String?
    public var url: String?

    public init(number: String, id: String? = nil, step: String? = nil, url: String? = nil) {
      self.number = number
      self.id = id
      self.step = step
      self.url = url
    }

    public init(_ task: C1Task, server: C1Server?) {
      self.init(
        number: task.number, id: task.id, step: TaskPhase(task).step,
        url: server.map { "\($0.baseURL)/task/\(task.number)" })
    }

    var json: JSONDocument {
      .object(["number": .string(number), "id": .nullable(id), "step": .nullable(step), "url": .nullable(url)])
    }
  }

  public var profile: String
  public var accountID: String?
  public var roleName: String?
  public var state: State
  /// When an active grant ends (nil: no end, or not active).
  public var expiresAt: Double?
  public var task: TaskSummary?

  public init(
    profile: String, accountID: String? = nil, roleName: String? = nil, state: State, expiresAt: Double? = nil,
    task: TaskSummary? = nil
  ) {
    self.profile = profile
    self.accountID = accountID
    self.roleName = roleName
    self.state = state
    self.expiresAt = expiresAt
    self.task = task
  }

  /// The profile's fields in a JSON document (snake_case, RFC 3339 UTC times).
  public func jsonMembers(now: Double) -> [JSONDocument.Member] {
    [
      .init("profile", .string(profile)),
      .init("account_id", .nullable(accountID)),
      .init("role", .nullable(roleName)),
      .init("state", .string(state.rawValue)),
      .init("expires_at", .time(expiresAt)),
      .init("minutes_left", expiresAt.map { .integer(Int(TimeLeft.minutes(until: $0, now: now))) } ?? .null),
      .init("task", task?.json ?? .null),
    ]
  }

  /// `42m`, `7h59m`, `no end`, for tables (`TimeLeft`'s rule, as the prompt shows it).
  public func timeLeft(now: Double) -> String {
    switch state {
    case .active:
      guard let expiresAt else { return "no end" }
      return TimeLeft.text(until: expiresAt, now: now)
    case .pending: return task.map { "task \($0.number)" } ?? ""
    case .none, .formRequired: return ""
    }
  }
}
