extension Duration {
  /// `2h`, `1h 30m`, `45m`, `30s`: how people say a grant length.
  public var spelled: String {
    let total = Int(components.seconds)
    let (days, hours, minutes, seconds) = (total / 86400, total % 86400 / 3600, total % 3600 / 60, total % 60)
    var parts: [String] = []
    if days > 0 { parts.append("\(days)d") }
    if hours > 0 { parts.append("\(hours)h") }
    if minutes > 0 { parts.append("\(minutes)m") }
    if seconds > 0 || parts.isEmpty { parts.append("\(seconds)s") }
    return parts.joined(separator: " ")
  }

  /// The longest grant length that parses: protobuf's longest duration (10,000 years).
  /// More is a typo, not a wish, and would overflow on the way to the server.
  public static let longestSpelledSeconds = 315_576_000_000

  /// Parses `90m`, `2h`, `1h30m`, `1d`, `1w2d`, `45s`, or a bare number of seconds;
  /// nil for anything else, zero, or more than `longestSpelledSeconds`.
  public static func parse(spelled text: String) -> Duration? {
    let trimmed = text.trimmingSpaces.lowercased()
    var total = 0
    var number: Int?
    func isDigit(_ character: Character) -> Bool { character.isASCII && character.isWholeNumber }
    // Every step checks for overflow: `99999999999999999h` must be "not a duration",
    // not a trap.
    func add(_ value: Int, times unit: Int) -> Bool {
      let (product, overflow) = value.multipliedReportingOverflow(by: unit)
      guard !overflow else { return false }
      let (sum, overflowed) = total.addingReportingOverflow(product)
      guard !overflowed, sum <= longestSpelledSeconds else { return false }
      total = sum
      return true
    }
    for character in trimmed where character != " " {
      if isDigit(character) {
        let (shifted, overflow) = (number ?? 0).multipliedReportingOverflow(by: 10)
        let (next, overflowed) = shifted.addingReportingOverflow(Int(character.asciiValue! - 48))
        guard !overflow, !overflowed else { return nil }
        number = next
        continue
      }
      guard let value = number else { return nil }
      let unit: Int
      switch character {
      case "s": unit = 1
      case "m": unit = 60
      case "h": unit = 3600
      case "d": unit = 86400
      case "w": unit = 604800
      default: return nil
      }
      guard add(value, times: unit) else { return nil }
      number = nil
    }
    // A bare number (`90`, not `1h 30`) is seconds.
    if let value = number {
      guard total == 0, !trimmed.contains(" "), add(value, times: 1) else { return nil }
    }
    guard total > 0 else { return nil }
    return .seconds(total)
  }
}
