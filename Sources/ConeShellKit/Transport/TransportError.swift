/// Why a request got no usable answer, worded for the person at the terminal: what
/// failed, where, and what to try.
public enum TransportError: Error, CustomStringConvertible, Sendable {
  /// The URL cannot be used (malformed, or plain http to a host that is not local).
  case invalidURL(String, reason: String)
  /// No connection could be made.
  case cannotConnect(request: String, host: String, reason: String, attempts: Int)
  /// The connection was made but no complete answer came in time or at all.
  case noResponse(request: String, reason: String, attempts: Int)
  /// The server's certificate is not trusted.
  case untrustedCertificate(host: String, reason: String)
  /// The server kept answering with a status that is worth retrying (429, 5xx).
  case unavailable(request: String, status: Int, attempts: Int, body: String)
  /// The whole exchange (connect, send, the complete answer) took longer than `limit`.
  case deadlineExceeded(request: String, host: String, limit: Duration, attempts: Int)
  /// The answer's body was longer than `limit` bytes.
  case responseTooLarge(request: String, host: String, limit: Int)

  public var description: String {
    switch self {
    case .invalidURL(let url, let reason):
      return "cannot use \(url): \(reason)"
    case .cannotConnect(let request, let host, let reason, let attempts):
      return "\(request): cannot connect to \(host) (\(reason))\(Self.tries(attempts)); "
        + "check the address, your network and any proxy settings (HTTPS_PROXY, NO_PROXY)"
    case .noResponse(let request, let reason, let attempts):
      return "\(request): \(reason)\(Self.tries(attempts)); the service may be slow or "
        + "unreachable, try again (CONE_SHELL_HTTP_TIMEOUT sets the wait in seconds)"
    case .untrustedCertificate(let host, let reason):
      return "the TLS certificate of \(host) is not trusted (\(reason)); if your "
        + "organisation uses its own certificate authority, set SSL_CERT_FILE to its PEM file"
    case .unavailable(let request, let status, let attempts, _):
      return "\(request): the service answered \(status) \(HTTPStatus.reason(status))"
        + "\(Self.tries(attempts)); try again in a moment"
    case .deadlineExceeded(let request, let host, let limit, let attempts):
      return "\(request): \(host) did not send its complete answer within \(Self.spell(limit))"
        + "\(Self.tries(attempts)); the service may be slow or unreachable: try again, or allow "
        + "more time with CONE_SHELL_HTTP_TIMEOUT=<seconds>"
    case .responseTooLarge(let request, let host, let limit):
      return "\(request): the answer from \(host) is larger than \(Self.spell(bytes: limit)), more than "
        + "cone-shell reads; check that the address points at the right service"
    }
  }

  /// `30 s`, `1.5 s`, `250 ms`: a time limit as a message states it.
  public static func spell(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    if milliseconds < 1000 { return "\(milliseconds) ms" }
    if milliseconds % 1000 == 0 { return "\(seconds) s" }
    return "\(Double(milliseconds) / 1000) s"
  }

  /// `32 MiB`, `512 KiB`, `100 bytes`.
  public static func spell(bytes: Int) -> String {
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }

  private static func tries(_ attempts: Int) -> String {
    attempts > 1 ? " after \(attempts) attempts" : ""
  }
}

enum HTTPStatus {
  static func reason(_ status: Int) -> String {
    switch status {
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 408: "Request Timeout"
    case 409: "Conflict"
    case 429: "Too Many Requests"
    case 500: "Internal Server Error"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    default: ""
    }
  }
}
