import ArgumentParser
import ConeSandbox

@main
struct ConeSandboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cone-sandbox",
    abstract: "A local ConductorOne tenant and AWS IAM Identity Center, for trying cone-shell and for its tests.",
    version: ConeSandboxVersion.current
  )
}
