import ConeShellBase

/// What `task N` shows: a ConductorOne task's state, current step, outcome and address.
public struct TaskOutput: CommandOutput {
  public var task: C1Task
  /// The approvers' e-mails (or ids) while it waits for an approval.
  public var approvers: [String]
  public var url: String

  public init(_ task: C1Task, approvers: [String], server: C1Server) {
    self.task = task
    self.approvers = approvers
    url = "\(server.baseURL)/task/\(task.number)"
  }

  private var outcome: String? { task.isOpen ? nil : task.outcome.summary }

  public var text: String {
    let state =
      switch TaskPhase(task) {
      case .waitingForApproval:
        "open, waiting for approval" + (approvers.isEmpty ? "" : " by \(approvers.joined(separator: ", "))")
      case .waitingForForm: "open, waiting for its request form (cone-shell request fills it)"
      case .processing: "open, processing"
      case .granted, .ended: "closed"
      }
    var lines = ["Task \(task.number)" + (task.displayName.map { ": \($0)" } ?? "")]
    lines.append("  state    \(state)")
    if let outcome { lines.append("  outcome  \(outcome)") }
    if let created = task.createdAt { lines.append("  created  \(Timestamp.format(created))") }
    lines.append("  url      \(url)")
    return lines.joined(separator: "\n")
  }

  public var json: JSONDocument {
    .object([
      "schema": .integer(1),
      "task": .object([
        "id": .string(task.id), "number": .string(task.number), "display_name": .nullable(task.displayName),
        "state": .string(task.isOpen ? "open" : "closed"), "step": .string(TaskPhase(task).step),
        "approvers": .array(approvers.map { .string($0) }), "outcome": .nullable(outcome),
        "created_at": .time(task.createdAt), "url": .string(url),
      ]),
    ])
  }
}
