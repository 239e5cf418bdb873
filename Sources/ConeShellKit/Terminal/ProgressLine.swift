import ConeShellBase

/// A status line on stderr for long waits. On a terminal it rewrites one line in place
/// (`\r`); elsewhere (a log, a pipe) it prints the first text at once, then a changed text
/// at most every few seconds, and the last one when it finishes, so logs stay short: a
/// catalog read page by page is two lines, not one a page.
public final class ProgressLine: @unchecked Sendable {
  /// Away from a terminal, the least time between two printed lines, in seconds.
  static let logInterval: Double = 5

  private let isTerminal: Bool
  private let write: (String) -> Void
  private let clock: () -> Double
  private var last = ""
  private var printed = ""
  private var printedAt = -Double.infinity
  private var shown = false

  public init(
    isTerminal: Bool, write: @escaping (String) -> Void, clock: @escaping () -> Double = Timestamp.now
  ) {
    self.isTerminal = isTerminal
    self.write = write
    self.clock = clock
  }

  public func update(_ text: String) {
    // The line is rewritten in place, so it must stay one line of plain text.
    let text = TerminalText.safe(text, keepingLines: false)
    last = text
    if isTerminal {
      write("\r\u{1B}[K" + text)
      shown = true
      return
    }
    let now = clock()
    if text != printed && now - printedAt >= Self.logInterval {
      write(text + "\n")
      printed = text
      printedAt = now
    }
  }

  /// Ends the line so that what follows starts on a fresh one; away from a terminal,
  /// prints the last text if it was held back.
  public func finish() {
    if isTerminal {
      if shown { write("\r\u{1B}[K") }
    } else if last != printed {
      write(last + "\n")
      printed = last
    }
    shown = false
  }

  /// `12s`, `3m 05s`.
  public static func elapsed(_ seconds: Double) -> String {
    let total = Int(seconds)
    return total < 60 ? "\(total)s" : "\(total / 60)m \(String(total % 60).leftPadded(2))s"
  }
}
