import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Interactive: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "An access console: list profiles, check and request access (forms included), follow tasks.",
    discussion: """
      Commands: profiles, status, request PROFILE [--duration D]
      [--justification TEXT], check PROFILE [--refresh], task N, help, quit.
      They do what the cone-shell commands of the same names do; a request fills
      its form on the terminal and waits for the decision (Ctrl-C stops waiting;
      the request stays open). Tab completes commands and profile names; the
      history is kept in the state directory. With PROFILE, the console starts
      by requesting access for it.

      It needs a terminal. Without one, use `cone-shell request PROFILE`, with a
      form's values in --field NAME=VALUE or --form-data JSON.
      """)

  @Argument(help: "A profile to request access for first.", completion: .coneProfiles)
  var profile: String?

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    let context = ConeContext(debug: global.debug)
    guard context.isInteractive else {
      StandardError.write(
        "cone-shell interactive needs a terminal. Without one, request access with "
          + "`cone-shell request PROFILE`, giving a form's values with --field NAME=VALUE or --form-data JSON.\n")
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    var console = Console(
      editor: ReadlineLineEditor(consoleHistoryIn: context.store), output: FileDescriptorOutput(),
      actions: CommandLineActions(global: global),
      completion: ConsoleCompletion(directory: ProfileDirectory(paths: context.paths, store: context.store)))
    // A stray Ctrl-C between commands must not end the console; during one, it stops it.
    await Interrupts.ignoring { await console.run(first: profile.map { .request(profile: $0) }) }
    await context.shutdown()
  }
}

/// The console's commands run as the cone-shell commands of the same names, so they
/// show and fail exactly as those do; Ctrl-C while one runs stops it.
struct CommandLineActions: ConsoleActions {
  let global: GlobalOptions

  func perform(_ command: ConsoleCommand) async -> Bool {
    // Their output is on the screen before the next prompt.
    defer { fflush(nil) }
    var shared = global.debug ? ["--debug"] : []
    if let c1Profile = global.c1Profile { shared += ["--c1-profile", c1Profile] }
    switch command {
    case .profiles:
      return await run(Profiles.self, [])
    case .status:
      return await run(Status.self, shared)
    case .request(let profile, let duration, let justification):
      let options = (duration.map { ["--duration", $0] } ?? []) + (justification.map { ["--justification", $0] } ?? [])
      return await run(Request.self, shared + ["--wait"] + options + ["--", profile])
    case .check(let profile, let refresh):
      return await run(Check.self, shared + (refresh ? ["--refresh"] : []) + ["--", profile])
    case .task(let task):
      return await run(TaskCommand.self, shared + ["--", task])
    case .help, .quit:
      return true
    }
  }

  private func run<Command: AsyncParsableCommand>(_: Command.Type, _ arguments: [String]) async -> Bool {
    do {
      nonisolated(unsafe) let parsed = try Command.parse(arguments)
      try await Interrupts.cancelling {
        var command = parsed
        try await command.run()
      }
      return true
    } catch is CancellationError {
      StandardError.write("\nStopped.\n")
      return false
    } catch {
      // The commands print their own messages before they exit with a status.
      let message = Command.message(for: error)
      if !message.isEmpty { StandardError.write("cone-shell: \(message)\n") }
      return false
    }
  }
}
