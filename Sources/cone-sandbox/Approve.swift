import ArgumentParser
import ConeSandbox

struct Approve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Approve the approval step of a request.")

  @Argument(help: "The task number, like 1001.")
  var task: Int

  @Option(name: .customLong("as"), help: "The approver's e-mail (default: the step's approver).")
  var user: String?

  @OptionGroup var connection: AdminConnection

  func run() async throws {
    let summary = try await connection.client().approveTask(task, as: user)
    Standard.output("Approved task \(summary.number): \(summary.displayName) (\(summary.describedState)).\n")
  }
}

struct Deny: AsyncParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Deny the approval step of a request.")

  @Argument(help: "The task number, like 1001.")
  var task: Int

  @Option(name: .customLong("as"), help: "The approver's e-mail (default: the step's approver).")
  var user: String?

  @OptionGroup var connection: AdminConnection

  func run() async throws {
    let summary = try await connection.client().denyTask(task, as: user)
    Standard.output("Denied task \(summary.number): \(summary.displayName) (\(summary.describedState)).\n")
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
