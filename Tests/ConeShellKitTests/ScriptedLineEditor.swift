import ConeShellKit

/// A line editor that replays inputs, for tests: it records every prompt it is given
/// and, when the script runs out, answers Ctrl-C so that a short script ends rather
/// than loops.
struct ScriptedLineEditor: LineEditor {
  private(set) var prompts: [LinePrompt] = []
  /// Each prompt with the input it got, as a terminal would show them.
  private(set) var transcript = ""
  private(set) var remaining: [LineInput]

  init(_ inputs: [LineInput]) {
    remaining = inputs
  }

  mutating func readLine(_ prompt: LinePrompt) -> LineInput {
    prompts.append(prompt)
    let input = remaining.isEmpty ? .interrupted : remaining.removeFirst()
    switch input {
    case .line(let line): transcript += prompt.text + (prompt.isSecret ? "" : line) + "\n"
    case .endOfFile: transcript += prompt.text + "^D\n"
    case .interrupted: transcript += prompt.text + "^C\n"
    }
    return input
  }
}
