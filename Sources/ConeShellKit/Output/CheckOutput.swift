import ConeShellBase

/// What `check` shows: one profile's access, and where the answer came from.
public struct CheckOutput: CommandOutput {
  public var answer: CheckFlow.Answer
  public var now: Double

  public init(_ answer: CheckFlow.Answer, now: Double) {
    self.answer = answer
    self.now = now
  }

  public var text: String {
    let access = answer.access
    return switch access.state {
    case .active: "\(access.profile): active" + (access.expiresAt == nil ? " (no end)" : ", \(access.timeLeft(now: now)) left")
    case .pending: "\(access.profile): pending" + (access.task.map { " (task \($0.number))" } ?? "")
    case .none: "\(access.profile): no access (request it with `cone-shell request \(access.profile)`)"
    case .formRequired:
      "\(access.profile): no access; a request form must be filled (`cone-shell request \(access.profile)`)"
    }
  }

  public var json: JSONDocument {
    .object([.init("schema", .integer(1))] + answer.access.jsonMembers(now: now) + [.init("source", .string(answer.source))])
  }
}
