import ArgumentParser
import ConeShellBase
import ConeShellKit

struct TaskCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "task", abstract: "Show a ConductorOne task: its state, current step, outcome and web address.")

  @Argument(help: "The task number (as in \"task: 1234\") or id.")
  var task: String

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    try await withContext(global) { context in
      let client = try context.c1Client(profile: global.c1Profile)
      let task = try await client.task(id: self.task)
      let server = client.server
      let phase = TaskPhase(task)
      let url = "\(server.baseURL)/task/\(task.number)"
      var approvers: [String] = []
      if phase == .waitingForApproval, let ids = task.currentStep?.approverIDs {
        for id in ids { approvers.append((try? await client.user(id: id))?.email ?? id) }
      }
      let outcome = task.isOpen ? nil : task.outcome.summary
      if json {
        let fields: [(String, String)] = [
          ("id", JSONText.quote(task.id)), ("number", JSONText.quote(task.number)),
          ("display_name", task.displayName.map(JSONText.quote) ?? "null"),
          ("state", JSONText.quote(task.isOpen ? "open" : "closed")), ("step", JSONText.quote(phase.step)),
          ("approvers", "[" + approvers.map(JSONText.quote).joined(separator: ", ") + "]"),
          ("outcome", outcome.map(JSONText.quote) ?? "null"),
          ("created_at", task.createdAt.map { JSONText.quote(Timestamp.format($0)) } ?? "null"),
          ("url", JSONText.quote(url)),
        ]
        StandardOutput.print(JSONText.object([("schema", "1"), ("task", JSONText.object(fields))], pretty: true))
        return
      }
      let state: String
      switch phase {
      case .waitingForApproval:
        state = "open, waiting for approval" + (approvers.isEmpty ? "" : " by \(approvers.joined(separator: ", "))")
      case .waitingForForm: state = "open, waiting for its request form (cone-shell request fills it)"
      case .processing: state = "open, processing"
      case .granted, .ended: state = "closed"
      }
      var lines = ["Task \(task.number)" + (task.displayName.map { ": \($0)" } ?? "")]
      lines.append("  state    \(state)")
      if let outcome { lines.append("  outcome  \(outcome)") }
      if let created = task.createdAt { lines.append("  created  \(Timestamp.format(created))") }
      lines.append("  url      \(url)")
      StandardOutput.print(lines.joined(separator: "\n"))
    }
  }
}
