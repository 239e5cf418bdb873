import ConeShellBase

/// Where one run's text goes: stdout and stderr, or a test's buffer. The context carries
/// it, so a flow run in-process in a test prints where the test can read it (swiftly's
/// pattern). Text is made terminal-safe here unless a `Raw` method says it is cone-shell's
/// own.
public struct ConeOutput: Sendable {
  public enum Stream: Sendable { case output, error }

  private let write: @Sendable (Stream, String) -> Void

  /// Text goes to `write` as it would go to the stream, already made safe.
  public init(write: @escaping @Sendable (Stream, String) -> Void) {
    self.write = write
  }

  /// The process's stdout and stderr, unbuffered, so they stay in order.
  public static let standard = ConeOutput { stream, text in
    switch stream {
    case .output: StandardOutput.printRaw(text, terminator: "")
    case .error: StandardError.writeRaw(text)
    }
  }

  /// A line (or `terminator`) on stdout.
  public func print(_ text: String, terminator: String = "\n") {
    write(.output, TerminalText.safe(text) + terminator)
  }

  /// `text` on stderr; the caller ends its lines (a progress dot has no newline).
  public func message(_ text: String) {
    write(.error, TerminalText.safe(text))
  }

  /// cone-shell's own control sequences on stderr (a progress line's `\r`), never text
  /// that holds anything from outside.
  public func messageRaw(_ text: String) {
    write(.error, text)
  }

  /// A progress line on stderr.
  public func progressLine(isTerminal: Bool) -> ProgressLine {
    ProgressLine(isTerminal: isTerminal, write: messageRaw)
  }
}
