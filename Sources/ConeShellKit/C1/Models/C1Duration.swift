/// proto3-JSON durations: seconds with an optional fraction and a trailing `s`
/// (`"3600s"`, `"1.5s"`), as C1 writes `durationGrant` and `grantDuration`.
public enum C1Duration {
  /// The longest duration protobuf can express (10,000 years). Anything the server
  /// claims beyond it is read as this, which keeps every later conversion (to `Int`, to
  /// `Duration`, to a date) in range.
  public static let maximumSeconds: Double = 315_576_000_000

  /// Seconds, clamped to `maximumSeconds`; nil for a negative or unreadable duration.
  /// Only decimal digits, a point and an exponent are read: `Double`'s own parser
  /// would also take `inf`, `nan` and hexadecimal.
  public static func parse(_ text: String) -> Double? {
    guard text.hasSuffix("s") else { return nil }
    let number = text.dropLast()
    guard number.utf8.first.map({ (48...57).contains($0) || $0 == UInt8(ascii: ".") }) == true,
      number.utf8.allSatisfy({ byte in
        (48...57).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
          || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
      }),
      let seconds = Double(number), !seconds.isNaN, seconds >= 0
    else { return nil }
    // A digit string too long for a Double reads as infinity: the longest there is.
    return min(seconds, maximumSeconds)
  }

  /// Whole seconds, as cone sends them.
  public static func format(seconds: Int) -> String { "\(seconds)s" }
}
