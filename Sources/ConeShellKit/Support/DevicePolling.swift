/// The pace and the end of an OAuth device sign-in (RFC 8628 §3.4–3.5), for C1 and AWS
/// alike: the server's `interval` and `expires_in` are honoured within sane bounds
/// (a server's 1e300 must neither trap nor wait for ever, its 0 must not hammer it),
/// `slow_down` adds five seconds, and the last wait never runs past the code's end.
public struct DevicePolling: Sendable, Equatable {
  public static let intervalBounds: ClosedRange<Double> = 1...60
  public static let defaultInterval: Double = 5
  /// Both services give a code ten minutes.
  public static let defaultLifetime: Double = 600
  public static let lifetimeBounds: ClosedRange<Double> = 1...3600
  /// What RFC 8628 §3.5 asks a client to add on `slow_down`.
  public static let slowDownStep: Double = 5

  /// Seconds between polls.
  public private(set) var interval: Double
  /// Seconds the code is valid for, from the start of the sign-in.
  public let lifetime: Double

  public init(interval: Double?, expiresIn: Double?) {
    self.interval = Self.clamp(interval, to: Self.intervalBounds, default: Self.defaultInterval)
    self.lifetime = Self.clamp(expiresIn, to: Self.lifetimeBounds, default: Self.defaultLifetime)
  }

  /// The server asked for a slower pace.
  public mutating func slowDown() {
    interval = min(interval + Self.slowDownStep, Self.intervalBounds.upperBound)
  }

  /// The wait before the next poll, `elapsed` seconds into the sign-in; nil once the
  /// code has expired.
  public func pause(elapsed: Double) -> Duration? {
    guard elapsed < lifetime else { return nil }
    let seconds = min(interval, lifetime - elapsed)
    return .milliseconds(Int64((seconds * 1000).rounded(.up)))
  }

  static func clamp(_ value: Double?, to bounds: ClosedRange<Double>, default fallback: Double) -> Double {
    guard let value, !value.isNaN else { return fallback }
    return min(max(value, bounds.lowerBound), bounds.upperBound)
  }
}

extension Duration {
  /// The duration in seconds, as a Double (for elapsed times in messages and checks).
  var inSeconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
