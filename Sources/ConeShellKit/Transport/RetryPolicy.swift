/// How often and how patiently failed requests are tried again.
public struct RetryPolicy: Sendable {
  /// Attempts in all, the first included.
  public var maxAttempts: Int
  public var baseDelay: Duration
  public var maxDelay: Duration
  /// The longest Retry-After honoured; a server asking for more gets an error now
  /// rather than a terminal that hangs.
  public var maxRetryAfter: Duration

  public init(
    maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(300), maxDelay: Duration = .seconds(5),
    maxRetryAfter: Duration = .seconds(30)
  ) {
    self.maxAttempts = maxAttempts
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.maxRetryAfter = maxRetryAfter
  }

  /// The pause before attempt `attempt + 1`: exponential with full jitter, so many
  /// clients failing at once do not retry in step.
  public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration {
    if let retryAfter { return min(retryAfter, maxRetryAfter) }
    let ceiling = min(baseDelay * (1 << min(attempt - 1, 16)), maxDelay)
    let milliseconds = max(1, Int(ceiling.components.seconds * 1000 + ceiling.components.attoseconds / 1_000_000_000_000_000))
    return .milliseconds(Int.random(in: milliseconds / 2...milliseconds))
  }

  /// A Retry-After header in seconds (the HTTP-date form is rare for APIs and is
  /// treated as absent).
  public static func retryAfter(_ value: String?) -> Duration? {
    guard let value, let seconds = Int(value.trimmingSpaces), seconds >= 0 else { return nil }
    return .seconds(seconds)
  }

  /// Statuses that say "not now" rather than "no".
  static func isRetryable(status: Int) -> Bool {
    status == 429 || status == 502 || status == 503 || status == 504 || status == 500
  }
}
