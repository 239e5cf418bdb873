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
    }
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
