/// Where a C1 tenant's API lives: the base URL for API calls and the host the client
/// assertion's audience names (the host without its port, as cone sends it).
public struct C1Server: Sendable, Equatable {
  /// `https://acme.conductor.one` (no trailing slash). Plain http only for loopback.
  public let baseURL: String
  public let host: String
  public let port: Int?

  /// Accepts what cone accepts: a bare host, `host:port`, or a URL. A bare tenant name
  /// (`acme`) becomes `acme.conductor.one`, as `cone login acme` does.
  public init(_ value: String) throws(C1Error) {
    var text = value.trimmingSpaces
    while text.hasSuffix("/") { text.removeLast() }
    if !text.contains("://") {
      if !text.contains("."), !text.contains(":"), text != "localhost" { text += ".conductor.one" }
      text = "https://" + text
    }
    guard let parts = URLParts(text) else { throw C1Error.invalidServer(value) }
    guard parts.scheme == "https" || parts.isLoopback else {
      throw C1Error.invalidServer(value + " (plain http is only allowed to localhost)")
    }
    baseURL = "\(parts.scheme)://\(parts.hostAndPort)"
    host = parts.host
    port = parts.port
  }

  /// The server for a C1 profile, resolved the way cone does (docs/c1-api.md §2.1):
  /// CONE_API_ENDPOINT, then the profile's `api-endpoint`, then
  /// CONDUCTORONE_SERVER_URL, then the host in the client id.
  public static func resolve(
    environment: Environment, profile: C1Profile?, clientID: C1ClientID?
  ) throws(C1Error) -> C1Server {
    if let value = environment["CONE_API_ENDPOINT"] ?? profile?.apiEndpoint
      ?? environment["CONDUCTORONE_SERVER_URL"]
    {
      return try C1Server(value)
    }
    guard let clientID else { throw C1Error.notSignedIn(profile: profile?.name ?? C1Config.defaultProfileName) }
    return try C1Server(clientID.host)
  }

  /// The JWT audience: the host without its port.
  public var audience: String { host }

  public var tokenURL: String { baseURL + "/auth/v1/token" }
}
