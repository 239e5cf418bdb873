import ArgumentParser
import ConeSandbox

struct ApproveDevice: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "approve-device",
    abstract: "Approve (or deny) a device login, C1's or AWS's, as a person would on its web page.")

  @Argument(help: "The user code (ABCD-EFGH) or the verification URL.")
  var code: String

  @Option(name: .customLong("as"), help: "Who signs in (default: the scenario's first user with a client, alice).")
  var user: String?

  @Flag(help: "Deny the login instead.")
  var deny = false

  @OptionGroup var connection: AdminConnection

  func run() async throws {
    let decision = try await connection.client().decideDevice(code, as: user, approve: !deny)
    let service = decision.service == "aws" ? "AWS" : "ConductorOne"
    let verb = decision.approved ? "Approved" : "Denied"
    Standard.output("\(verb) the \(service) sign-in \(decision.userCode) as \(decision.user).\n")
  }
}
