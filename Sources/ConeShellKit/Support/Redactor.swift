import Synchronization

/// Removes secrets from text before it reaches a terminal or a log. Secrets are
/// registered as they become known (a client secret read from config, a token just
/// received); well-known secret shapes are removed even when nobody registered them.
public final class Redactor: Sendable {
  private let secrets = Mutex<Set<String>>([])

  public init() {}

  /// Remembers `secret` so that every later `redact` removes it. Short strings are
  /// ignored: redacting "1" would mangle every message.
  public func register(_ secret: String?) {
    guard let secret, secret.count >= 8 else { return }
    secrets.withLock { _ = $0.insert(secret) }
  }

  public func redact(_ text: String) -> String {
    var result = text
    // Longest first, so a secret that contains another is removed whole.
    for secret in secrets.withLock({ $0 }).sorted(by: { $0.count > $1.count }) {
      result = result.replacing(secret, with: "[redacted]")
    }
    return Self.redactShapes(result)
  }

  /// C1 client secrets, JWTs and AWS access keys, by their shape.
  static func redactShapes(_ text: String) -> String {
    var result = text
    result.replace(/secret-token:[A-Za-z0-9.\-]+:v1:[A-Za-z0-9_\-]+/, with: "[redacted]")
    result.replace(/eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*/, with: "[redacted]")
    result.replace(/\b(?:ASIA|AKIA)[A-Z0-9]{16}\b/, with: "[redacted]")
    return result
  }
}
