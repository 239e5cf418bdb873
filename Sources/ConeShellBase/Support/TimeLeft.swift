/// Time left on a grant, by one rule everywhere (status, check, use, --json, the
/// prompt, completion descriptions): whole minutes rounded up, so a grant that is
/// still active never shows 0m; written `42m` under an hour, else `2h05m`.
public enum TimeLeft {
  /// Minutes from `now` to `end`, rounded up; 0 once it has passed.
  public static func minutes(until end: Double, now: Double) -> Int {
    let seconds = end - now
    guard seconds > 0 else { return 0 }
    // Beyond any grant's length (and any Int) a count means nothing: clamp.
    return seconds >= 1e15 ? Int(1e13) : Int((seconds / 60).rounded(.up))
  }

  /// `42m` under an hour, else `2h05m`.
  public static func text(minutes: Int) -> String {
    if minutes < 60 { return "\(minutes)m" }
    let rest = minutes % 60
    return "\(minutes / 60)h\(rest < 10 ? "0" : "")\(rest)m"
  }

  public static func text(until end: Double, now: Double) -> String {
    text(minutes: minutes(until: end, now: now))
  }
}
