import ConeShellBase

/// Runs the console's commands that reach beyond it: `profiles`, `status`, `request`,
/// `check` and `task`, as the cone-shell commands of the same names do (`request`
/// as `request --wait`, filling a form on the terminal). They show their own output
/// and messages.
public protocol ConsoleActions {
  /// Runs `command` and tells whether it succeeded (for `request`: access is active).
  func perform(_ command: ConsoleCommand) async -> Bool
}

/// `cone-shell interactive`: a prompt that reads commands with line editing, history
/// and Tab completion, runs them one after another, and stays until `quit` or Ctrl-D.
/// A line it cannot run gets a message and the prompt again; Ctrl-C drops the line
/// being typed, as in a shell.
///
/// Its own messages go to `output` (the terminal, through stderr, as the line editor's
/// prompt does); the commands write where they always write.
public struct Console<Editor: LineEditor, Output: TextOutputStream> {
  public var editor: Editor
  public var output: Output
  public let actions: any ConsoleActions
  public let completion: ConsoleCompletion

  public static var prompt: String { "cone> " }

  public init(editor: Editor, output: Output, actions: any ConsoleActions, completion: ConsoleCompletion) {
    self.editor = editor
    self.output = output
    self.actions = actions
    self.completion = completion
  }

  /// Runs `first` (e.g. the request of `interactive PROFILE`), then reads commands
  /// until `quit`, `exit` or Ctrl-D.
  public mutating func run(first: ConsoleCommand? = nil) async {
    say("cone-shell interactive: type help for the commands. Tab completes, Ctrl-D leaves.")
    if let first { await execute(first) }
    let completion = self.completion
    let prompt = LinePrompt(
      Self.prompt, completion: { completion.candidates(line: $0, cursor: $1) }, historyKey: "console",
      completesWords: true)
    while true {
      switch editor.readLine(prompt) {
      case .interrupted:
        continue
      case .endOfFile:
        return
      case .line(let line):
        let command: ConsoleCommand?
        do {
          command = try ConsoleCommand(parsing: line)
        } catch {
          say(error.message)
          continue
        }
        guard let command else { continue }
        if command == .quit { return }
        await execute(command)
      }
    }
  }

  private mutating func execute(_ command: ConsoleCommand) async {
    switch command {
    case .help(let topic):
      say(ConsoleHelp.text(topic: topic))
    case .quit:
      break
    case .request(let profile, _, _):
      // The grant, with the time it leaves, from the credentials just fetched.
      if await actions.perform(command) { _ = await actions.perform(.check(profile: profile)) }
    default:
      _ = await actions.perform(command)
    }
  }

  private mutating func say(_ text: String) {
    output.write(text + "\n")
  }
}

extension ReadlineLineEditor {
  /// An editor whose history is the console's: `console-history` in the state
  /// directory (0600, the newest thousand lines), apart from the form answers'.
  public init(consoleHistoryIn store: StateStore) {
    self.init(historyFile: store.path("console-history"), historyLimit: 1000)
  }
}

/// The console's help: every command in a line, or one command with its options.
enum ConsoleHelp {
  static func text(topic: String?) -> String {
    if let topic, let spec = ConsoleCommandSpec.named(topic) {
      var lines = ["Usage: \(spec.usage)", "  \(spec.summary)"]
      let options = spec.options.filter { !$0.isHidden }
      let width = options.map { optionLabel($0).count }.max() ?? 0
      for option in options {
        let label = optionLabel(option)
        lines.append("  \(label)\(String(repeating: " ", count: width - label.count))  \(option.help)")
      }
      if spec.argumentsAreProfiles { lines.append("  Tab completes the profile names.") }
      return lines.joined(separator: "\n")
    }
    // A long usage gets its summary on a line of its own.
    let column = 18
    return (["Commands:"]
      + ConsoleCommandSpec.all.map { spec in
        let usage = "  " + spec.usage
        return usage.count < column
          ? usage + String(repeating: " ", count: column - usage.count) + spec.summary
          : usage + "\n" + String(repeating: " ", count: column) + spec.summary
      }
      + [
        "Tab completes commands and profile names; the up arrow brings back earlier lines;",
        "Ctrl-C clears the line or stops a wait; Ctrl-D leaves.",
      ]).joined(separator: "\n")
  }

  private static func optionLabel(_ option: ConsoleCommandSpec.Option) -> String {
    (option.short.map { "-\($0), " } ?? "    ") + "--\(option.name)" + (option.valueName.map { " \($0)" } ?? "")
  }
}
