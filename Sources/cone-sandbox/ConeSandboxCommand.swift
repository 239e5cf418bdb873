import ArgumentParser
import ConeSandbox

@main
struct ConeSandboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cone-sandbox",
    abstract: "A local ConductorOne tenant and AWS IAM Identity Center, for trying cone-shell and for its tests.",
    discussion: """
      Start one with `cone-sandbox serve`, then `eval "$(cone-sandbox env)"` in another terminal \
      to point cone-shell and the AWS CLI at it. The other commands act on the running sandbox.
      """,
    version: ConeSandboxVersion.current,
    subcommands: [
      Serve.self, Env.self, Approve.self, Deny.self, ApproveDevice.self, Clock.self, Faults.self, Log.self,
      ScenarioCommand.self,
    ]
  )
}
