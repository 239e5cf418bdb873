/// Single-quotes a value for POSIX shells: `'it'\''s'`.
enum ShellQuote {
  static func quote(_ value: String) -> String {
    "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
