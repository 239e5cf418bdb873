import ConeShellBase

/// Reads one line from a person: GNU readline at a terminal, a script in tests.
public protocol LineEditor {
  mutating func readLine(_ prompt: LinePrompt) -> LineInput
}

/// What a line editor returns.
public enum LineInput: Sendable, Hashable {
  case line(String)
  /// Ctrl-D on an empty line.
  case endOfFile
  /// Ctrl-C.
  case interrupted
}

/// Candidates to complete the text before `cursor` in `line`; each one replaces that
/// text: from the start of the line, or only its last word when the prompt completes
/// words.
public typealias LineCompletion = (_ line: String, _ cursor: String.Index) -> [String]

/// One question: the prompt and how the editor should help with the answer.
public struct LinePrompt {
  public var text: String
  /// Text already in the line when it opens, to edit (an earlier answer).
  public var initialText: String
  public var completion: LineCompletion?
  /// Lines entered under the same key come back with the up arrow, across runs; nil
  /// keeps this line out of history (secrets, y/n questions).
  public var historyKey: String?
  /// Not shown while typed, never kept in history.
  public var isSecret: Bool
  /// Completion replaces the word before the cursor (words are separated by spaces) and
  /// a single candidate is followed by a space, as in a shell; otherwise it replaces
  /// the whole text before the cursor, which may hold spaces (a form's answer).
  public var completesWords: Bool

  public init(
    _ text: String, initialText: String = "", completion: LineCompletion? = nil,
    historyKey: String? = nil, isSecret: Bool = false, completesWords: Bool = false
  ) {
    // A form's labels, defaults and choices come from the server.
    self.text = TerminalText.safe(text)
    self.initialText = TerminalText.safe(initialText, keepingLines: false)
    self.completion = completion.map { complete in
      { line, cursor in complete(line, cursor).map { TerminalText.safe($0, keepingLines: false) } }
    }
    self.historyKey = isSecret ? nil : historyKey
    self.isSecret = isSecret
    self.completesWords = completesWords
  }

  /// The candidates for the whole line typed so far.
  public func completions(for typed: String) -> [String] {
    completion?(typed, typed.endIndex) ?? []
  }
}
