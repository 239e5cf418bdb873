import ConeShellBase

/// What the shell integration leaves in the environment for `cone-shell doctor`, which
/// runs as a child of the shell and so cannot see the shell's functions or hooks.
///
/// In an interactive shell, `cone-shell init` exports
///
///     __cone_shell_marker='<shell> <pid> init'
///
/// and the prompt hook sets it, with builtins only, before every prompt to
///
///     __cone_shell_marker='<shell> <pid> prompt <epoch>'
///
/// (`<epoch>` is the time of that prompt; fish leaves it out when it cannot tell the
/// time without starting a process). A doctor started from that shell's prompt sees its
/// parent's pid in the marker: `prompt` says the hook still runs; `init` says something
/// loaded after the init line (a prompt theme, a framework) replaced the hook.
public struct ShellHookMarker: Sendable, Equatable {
  public static let variable = "__cone_shell_marker"

  public var shell: String
  public var processID: Int32
  /// nil: the init was loaded but the hook never ran.
  public var lastPrompt: Prompt?

  public enum Prompt: Sendable, Equatable {
    case at(Int)
    case unknownTime
  }

  public init(shell: String, processID: Int32, lastPrompt: Prompt?) {
    self.shell = shell
    self.processID = processID
    self.lastPrompt = lastPrompt
  }

  /// Parses the variable's value; nil for anything else.
  public init?(_ value: String) {
    let words = value.split(separator: " ").map(String.init)
    guard words.count >= 3, ["bash", "zsh", "fish"].contains(words[0]), let pid = Int32(words[1]), pid > 0
    else { return nil }
    shell = words[0]
    processID = pid
    switch (words[2], words.count) {
    case ("init", 3): lastPrompt = nil
    case ("prompt", 3): lastPrompt = .unknownTime
    case ("prompt", 4):
      guard let epoch = Int(words[3]) else { return nil }
      lastPrompt = .at(epoch)
    default: return nil
    }
  }

  /// The line that loads the integration, for `shell`.
  public static func initLine(for shell: String) -> String {
    shell == "fish" ? "cone-shell init fish | source" : "eval \"$(cone-shell init \(shell))\""
  }

  /// The rc file the init line belongs in, `~` for HOME.
  public static func rcFile(for shell: String, environment: Environment) -> String {
    switch shell {
    case "zsh": (environment["ZDOTDIR"] ?? "~") + "/.zshrc"
    case "fish": (environment["XDG_CONFIG_HOME"] ?? "~/.config") + "/fish/config.fish"
    default: "~/.bashrc"
    }
  }

  /// What replaces the hook in each shell, for the message.
  static func hookHolder(for shell: String) -> String {
    switch shell {
    case "zsh": "precmd_functions"
    case "fish": "the __cone_shell_hook function"
    default: "PROMPT_COMMAND"
    }
  }
}
