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
      var approvers: [String] = []
      if TaskPhase(task) == .waitingForApproval, let ids = task.currentStep?.approverIDs {
        for id in ids { approvers.append((try? await client.user(id: id))?.email ?? id) }
      }
      context.output.show(TaskOutput(task, approvers: approvers, server: client.server), json: json)
    }
  }
}
