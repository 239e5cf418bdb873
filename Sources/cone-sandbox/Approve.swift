import ArgumentParser
import ConeSandbox

struct Approve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Approve the approval step of a request.")

  @OptionGroup var decision: TaskDecision

  func run() async throws {
    try await decision.run(.approve)
  }
}

struct Deny: AsyncParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Deny the approval step of a request.")

  @OptionGroup var decision: TaskDecision

  func run() async throws {
    try await decision.run(.deny)
  }
}

/// What `approve` and `deny` take, and what they do with it.
struct TaskDecision: ParsableArguments {
  @Argument(help: "The task number, like 1001.")
  var task: Int

  @Option(name: .customLong("as"), help: "The approver's e-mail (default: the step's approver).")
  var user: String?

  @OptionGroup var connection: AdminConnection

  func run(_ decision: ApprovalDecision) async throws {
    let summary = try await connection.client().decideTask(task, decision, as: user)
    Standard.output("\(decision.pastTense) task \(summary.number): \(summary.displayName) (\(summary.describedState)).\n")
  }
}

extension TaskSummary {
  /// `closed, granted` or `open`.
  var describedState: String {
    let state = self.state == "TASK_STATE_CLOSED" ? "closed" : "open"
    guard let outcome else { return state }
    let word = outcome.split(separator: "_").last.map { $0.lowercased() } ?? outcome
    return "\(state), \(word)"
  }
}
