/// A status line on stderr for long waits. On a terminal it rewrites one line in place
/// (`\r`); elsewhere it prints a line only when the text changes, so logs stay short.
public final class ProgressLine: @unchecked Sendable {
  private let isTerminal: Bool
  private var last = ""
  private var shown = false

  public init(isTerminal: Bool) {
    self.isTerminal = isTerminal
  }

  public func update(_ text: String) {
    if isTerminal {
      StandardError.write("\r\u{1B}[K" + text)
      shown = true
    } else if text != last {
      StandardError.write(text + "\n")
    }
    last = text
  }

  /// Ends the line so that what follows starts on a fresh one.
  public func finish() {
    if isTerminal && shown { StandardError.write("\r\u{1B}[K") }
    shown = false
  }

  /// `12s`, `3m 05s`.
  public static func elapsed(_ seconds: Double) -> String {
    let total = Int(seconds)
    return total < 60 ? "\(total)s" : "\(total / 60)m \(String(total % 60).leftPadded(2))s"
  }
}
