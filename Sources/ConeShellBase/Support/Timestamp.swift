/// RFC 3339 timestamps as the services write them, and the `YYYY-MM-DDTHH:MM:SSZ` form
/// the AWS tools read, converted to and from seconds since the epoch. Hand-written
/// because the formats are narrow and the credential hot path should not pay for a
/// date-formatting library.
public enum Timestamp {
  /// Parses `2026-11-22T19:04:31Z`, with 0–9 fractional digits and `Z` or a
  /// `±HH:MM` offset; nil for anything else.
  public static func parse(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[range] {
        guard (48...57).contains(byte) else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
      bytes[13] == 58, bytes[16] == 58,
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var index = 19
    var fraction = 0.0
    if index < bytes.count, bytes[index] == 46 {
      index += 1
      var scale = 0.1
      let start = index
      while index < bytes.count, (48...57).contains(bytes[index]) {
        fraction += Double(bytes[index] - 48) * scale
        scale /= 10
        index += 1
      }
      guard index > start else { return nil }
    }
    guard index < bytes.count else { return nil }
    var offset = 0
    switch bytes[index] {
    case 90, 122:  // Z z
      guard index + 1 == bytes.count else { return nil }
    case 43, 45:  // + -
      guard index + 6 == bytes.count, bytes[index + 3] == 58,
        let hours = number(index + 1..<index + 3), let minutes = number(index + 4..<index + 6)
      else { return nil }
      offset = (hours * 3600 + minutes * 60) * (bytes[index] == 43 ? 1 : -1)
    default:
      return nil
    }
    let days = daysFromCivil(year: year, month: month, day: day)
    return Double(days * 86400 + hour * 3600 + minute * 60 + second - offset) + fraction
  }

  /// `YYYY-MM-DDTHH:MM:SSZ` in UTC, seconds truncated.
  public static func format(_ epoch: Double) -> String {
    let seconds = Int(epoch.rounded(.down))
    let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    let remainder = seconds - days * 86400
    let (year, month, day) = civilFromDays(days)
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(remainder / 3600, 2)):"
      + "\(pad(remainder % 3600 / 60, 2)):\(pad(remainder % 60, 2))Z"
  }

  /// Whole seconds since the epoch for a time that came from outside, or nil when it is
  /// not a time cone-shell can write down (infinite, NaN, before 1970, after year 5000):
  /// `Int(_:)` on such a value would trap.
  public static func epochSeconds(_ time: Double) -> Int? {
    guard time.isFinite, time >= 0, time < 1e11 else { return nil }
    return Int(time)
  }

  /// The current time in seconds since the epoch.
  public static func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }

  // Howard Hinnant's days-from-civil algorithm: exact for the proleptic Gregorian
  // calendar, no tables, no time zone database.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146097 + dayOfEra - 719468
  }

  static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let dayOfEra = z - era * 146097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
