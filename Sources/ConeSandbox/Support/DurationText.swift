import Foundation

/// Durations as people and protocols write them.
///
/// Parses Go-style text (`90m`, `3h`, `1h30m`, `45s`, `500ms`, `2d`), proto3 JSON durations
/// (`"3600s"`, `"1.5s"`) and bare numbers of seconds; formats proto3 JSON and Go's
/// `time.Duration.String()` (the form C1's error messages use).
public enum DurationText {
  public struct InvalidDuration: Error, CustomStringConvertible, Equatable {
    public let text: String
    public var description: String {
      "invalid duration \"\(text)\": use a number with a unit, like 90m, 3h, 1h30m or 45s"
    }
  }

  private static let units: [(suffix: String, seconds: Double)] = [
    ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400),
  ]

  /// Seconds in `text`.
  public static func seconds(_ text: String) throws(InvalidDuration) -> TimeInterval {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let plain = Double(trimmed), plain.isFinite, plain >= 0 {
      return plain
    }
    var rest = Substring(trimmed)
    var total: TimeInterval = 0
    guard !rest.isEmpty else { throw InvalidDuration(text: text) }
    while !rest.isEmpty {
      let number = rest.prefix { $0.isNumber || $0 == "." }
      rest = rest.dropFirst(number.count)
      let unitText = rest.prefix { $0.isLetter }
      rest = rest.dropFirst(unitText.count)
      guard let value = Double(number), value.isFinite,
        let unit = units.first(where: { $0.suffix == unitText.lowercased() })
      else { throw InvalidDuration(text: text) }
      total += value * unit.seconds
    }
    return total
  }

  /// proto3 JSON: `"28800s"`, `"0.500s"`.
  static func proto(_ seconds: TimeInterval) -> String {
    if seconds == seconds.rounded() {
      return "\(Int64(seconds))s"
    }
    return String(format: "%.3fs", seconds)
  }

  /// Go's `time.Duration.String()` for whole seconds: `2h0m0s`, `1m30s`, `45s`.
  static func go(_ seconds: TimeInterval) -> String {
    let whole = Int64(seconds.rounded())
    let hours = whole / 3600
    let minutes = whole % 3600 / 60
    let rest = whole % 60
    if hours > 0 { return "\(hours)h\(minutes)m\(rest)s" }
    if minutes > 0 { return "\(minutes)m\(rest)s" }
    return "\(rest)s"
  }

  /// Short human text for messages: `2h`, `1h30m`, `45s`.
  public static func short(_ seconds: TimeInterval) -> String {
    let whole = Int64(seconds.rounded())
    if whole == 0 { return seconds > 0 ? "\(Int(seconds * 1000))ms" : "0s" }
    var text = ""
    if whole >= 86_400, whole % 3600 == 0, whole % 86_400 == 0 { return "\(whole / 86_400)d" }
    if whole / 3600 > 0 { text += "\(whole / 3600)h" }
    if whole % 3600 / 60 > 0 { text += "\(whole % 3600 / 60)m" }
    if whole % 60 > 0 { text += "\(whole % 60)s" }
    return text
  }
}
