/// Text from outside (a server's names and messages, a file's fields) made safe to show on
/// a terminal or store in a line-based file: control characters are what a hostile name
/// would use to retitle the window, clear the screen or write the clipboard (OSC 52), so
/// each one becomes U+FFFD. Every line cone-shell prints goes through here
/// (`StandardError.write`, `StandardOutput.print`).
public enum TerminalText {
  /// The character that stands in for a removed control character.
  public static let replacement: Unicode.Scalar = "\u{FFFD}"

  /// `text` with C0 controls (but newline and tab when `keepingLines`), DEL and C1
  /// controls replaced.
  public static func safe(_ text: String, keepingLines: Bool = true) -> String {
    guard text.unicodeScalars.contains(where: { isControl($0, keepingLines: keepingLines) }) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      result.append(isControl(scalar, keepingLines: keepingLines) ? replacement : scalar)
    }
    return String(result)
  }

  /// True when `text` holds no control character at all (not even a tab or newline):
  /// what every field of a state file must be.
  public static func isPlainField(_ text: String) -> Bool {
    !text.unicodeScalars.contains { isControl($0, keepingLines: false) }
  }

  static func isControl(_ scalar: Unicode.Scalar, keepingLines: Bool) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: !keepingLines
    case 0x00..<0x20, 0x7F, 0x80...0x9F: true
    default: false
    }
  }
}
