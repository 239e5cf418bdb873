import ArgumentParser
import ConeShellBase
import ConeShellKit

extension PromptSegment.Markup: ExpressibleByArgument {}

struct Prompt: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the prompt segment: the current profile's grant and the other active grants.",
    discussion: """
      Prints what the shell integration's cone_shell_prompt prints, for prompts that run a
      command: starship's custom module, powerlevel10k, or PS1 without the integration. It
      reads the grants file only (no network) and prints nothing when nothing is relevant,
      or on any error.

      The current profile is --profile, else AWS_PROFILE, AWS_DEFAULT_PROFILE, or
      CONE_SHELL_LAST_PROFILE (set by the shell integration's aws wrapper).

      Placeholders: {profile} {left} (42m, 2h05m) {minutes} {task} {count}.
      Environment: CONE_SHELL_PROMPT_ACTIVE, _EXPIRING, _PENDING, _OTHERS, _NONE (formats;
      set but empty hides that part), CONE_SHELL_PROMPT_WARN (minutes before the end that
      _EXPIRING shows, default 10), CONE_SHELL_PROMPT_COLOR=1 (with _COLOR_ACTIVE, default
      32, _COLOR_EXPIRING, 31, and _COLOR_PENDING, 33: SGR parameters).
      """
  )

  @Option(help: "The profile to show (default: from the environment).", completion: .coneProfiles)
  var profile: String?

  @Option(help: ArgumentHelp("How colour escapes are marked for the prompt: plain, bash or zsh."))
  var markup: PromptSegment.Markup = .plain

  @Option(name: .customLong("active-format"), help: "Overrides CONE_SHELL_PROMPT_ACTIVE.")
  var active: String?

  @Option(name: .customLong("pending-format"), help: "Overrides CONE_SHELL_PROMPT_PENDING.")
  var pending: String?

  @Option(name: .customLong("others-format"), help: "Overrides CONE_SHELL_PROMPT_OTHERS.")
  var others: String?

  @Option(name: .customLong("none-format"), help: "Overrides CONE_SHELL_PROMPT_NONE.")
  var none: String?

  func run() {
    let environment = Environment.current
    var style = PromptSegment.Style(environment: environment)
    if let active { style.active = active }
    if let pending { style.pending = pending }
    if let others { style.others = others }
    if let none { style.none = none }
    StandardOutput.printRaw(
      PromptSegment.renderForCurrentShell(
        environment: environment, now: Int(time(nil)), profile: profile, style: style, markup: markup),
      terminator: "")
  }
}

extension CompletionKind {
  /// Completes the names in the `profiles` file (for PROFILE arguments).
  static var coneProfiles: CompletionKind {
    .custom { _, _, prefix in
      let store = StateStore(paths: Paths(environment: .current))
      guard let bytes = (try? store.read(ProfilesIndex.fileName)) ?? nil else { return [] }
      return ProfilesIndex(parsing: String(decoding: bytes, as: UTF8.self)).entries
        .map(\.name).filter { $0.hasPrefix(prefix) }
    }
  }
}
