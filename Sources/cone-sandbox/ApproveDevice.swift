import ArgumentParser
import ConeSandbox

struct ApproveDevice: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "approve-device",
    abstract: "Approve (or deny) a browser sign-in, C1's or AWS's, as a person would on its web page.",
    discussion: """
      Given a device login's code or verification URL, answers it. Given an AWS /authorize
      URL (the AWS CLI v2's default sign-in, and cone-shell's), answers it and then goes to
      the client's loopback redirect URI with the code and state, as a browser would.
      """)

  @Argument(help: "The user code (ABCD-EFGH), the verification URL, or the /authorize URL.")
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
    guard let redirect = decision.redirect else {
      Standard.output("\(verb) the \(service) sign-in \(decision.userCode) as \(decision.user).\n")
      return
    }
    let status = try await BrowserRedirect.follow(redirect)
    Standard.output(
      "\(verb) the \(service) sign-in as \(decision.user); the browser went back to "
        + "\(BrowserRedirect.withoutQuery(redirect)) (\(status)).\n")
  }
}
