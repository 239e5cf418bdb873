import ArgumentParser
import ConeShellBase
import ConeShellKit

/// The detached process that `request` starts for a pending task (TaskWatcher).
struct WatchTask: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: TaskWatcher.commandName,
    abstract: "Watch a pending request until it is decided (started by cone-shell itself).",
    shouldDisplay: false)

  @Argument(help: "The AWS profile.")
  var profile: String

  @Option(help: "The task's id.")
  var taskID: String

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    // Its own session: the terminal's Ctrl-C and hang-up are not for it.
    _ = setsid()
    signal(SIGHUP, SIG_IGN)
    signal(SIGINT, SIG_IGN)
    let context = ConeContext(debug: false, isInteractive: false)
    if let service = try? AccessService(context: context, c1Profile: global.c1Profile) {
      await TaskWatcher(service: service, profileName: profile, taskID: taskID).run()
    }
    await context.shutdown()
  }
}
