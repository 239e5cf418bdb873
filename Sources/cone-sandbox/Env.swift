import ArgumentParser
import ConeSandbox

struct Env: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the exports that point cone-shell and the AWS CLI at the running sandbox.",
    discussion: "Use as: eval \"$(cone-sandbox env)\"")

  @OptionGroup var connection: AdminConnection

  func run() async throws {
    let variables = try await connection.client().environment()
    Standard.output(variables.map(\.exportLine).joined(separator: "\n") + "\n")
  }
}
