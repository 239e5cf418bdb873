/// proto3-JSON durations: seconds with an optional fraction and a trailing `s`
/// (`"3600s"`, `"1.5s"`), as C1 writes `durationGrant` and `grantDuration`.
public enum C1Duration {
  public static func parse(_ text: String) -> Double? {
    guard text.hasSuffix("s"), let seconds = Double(text.dropLast()), seconds >= 0 else { return nil }
    return seconds
  }

  /// Whole seconds, as cone sends them.
  public static func format(seconds: Int) -> String { "\(seconds)s" }
}
