import ArgumentParser
import ConeSandbox

struct ScenarioCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenario",
    abstract: "Print the built-in scenario, or check a scenario file.",
    discussion: "Start from the built-in one: cone-sandbox scenario > my.yaml")

  @Option(help: "Check this scenario file instead of printing the built-in one.")
  var check: String?

  func run() throws {
    guard let check else {
      Standard.output(Scenario.defaultYAML)
      return
    }
    let scenario = try Scenario(contentsOfFile: check)
    Standard.output(
      "\(check): \(scenario.users.count) users, \(scenario.accounts.count) accounts, "
        + "\(scenario.entitlements.count) entitlements\(scenario.generate.map { " + \($0.accounts * $0.permissionSets) generated" } ?? "").\n")
  }
}
