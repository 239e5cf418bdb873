import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Doctor: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check the binary, PATH, config, sign-ins, the AWS CLI and config, and the shell integration.",
    discussion: """
      One line per check (✓ fine, ! worth a look, ✗ broken, – not checked) with what to
      fix. Changes nothing; only the ConductorOne sign-in uses the network.

      The shell hook is checked through the environment: in an interactive shell the
      integration exports __cone_shell_marker, which its prompt hook updates before every
      prompt. Run doctor straight from your shell's prompt for this check; `type aws`
      also tells whether the integration is loaded.

      Exit status: 0 when no check failed (warnings included), 1 otherwise.
      """)

  @Flag(
    help: "Print one JSON document on stdout: {schema: 1, healthy, summary, checks: [{name, status, message, fix}]}.")
  var json = false

  @Flag(help: "Skip the checks that use the network.")
  var offline = false

  @Flag(help: "Plain ASCII marks and no colour.")
  var noColor = false

  @Option(
    name: .customLong("c1-profile"),
    help: "The profile in ~/.conductorone/config.yaml to check (default: $CONE_PROFILE, else \"default\").")
  var c1Profile: String?

  func run() async throws {
    let context = ConeContext()
    let report = await DoctorRun(context: context, options: .current(c1Profile: c1Profile, offline: offline)).run()
    await context.shutdown()
    if json {
      StandardOutput.print(report.json.rendered)
    } else {
      let style = DoctorReport.Style(
        environment: context.environment, isTerminal: isTerminal(1), plain: noColor)
      StandardOutput.printRaw(report.text(style: style))
    }
    if !report.isHealthy { throw ExitCode(ExitStatus.failure.rawValue) }
  }
}
