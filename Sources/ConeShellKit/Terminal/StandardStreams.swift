import ConeShellBase

/// Writes to stderr, unbuffered, so messages interleave correctly with child processes
/// and survive a crash. Text is made terminal-safe first: messages carry server text.
public enum StandardError {
  public static func write(_ text: String) {
    writeRaw(TerminalText.safe(text))
  }

  /// For cone-shell's own control sequences (a progress line's `\r`, colours), never
  /// for text that holds anything from outside.
  public static func writeRaw(_ text: String) {
    StandardStream.write(2, text)
  }
}

/// What commands print on stdout: one place, terminal-safe, unbuffered like stderr so
/// the two stay in order.
public enum StandardOutput {
  public static func print(_ text: String, terminator: String = "\n") {
    StandardStream.write(1, TerminalText.safe(text) + terminator)
  }

  /// For text that is cone-shell's own (an init script, a coloured report built from
  /// safe parts).
  public static func printRaw(_ text: String, terminator: String = "\n") {
    StandardStream.write(1, text + terminator)
  }
}

enum StandardStream {
  static func write(_ descriptor: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes {
        systemWrite(descriptor, $0.baseAddress! + offset, $0.count - offset)
      }
      if written <= 0 {
        if written < 0 && errno == EINTR { continue }
        return
      }
      offset += written
    }
  }
}
