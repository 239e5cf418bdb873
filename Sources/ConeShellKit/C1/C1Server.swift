import ConeShellBase

/// Where a C1 tenant's API lives: the base URL for API calls and the host the client
/// assertion's audience names (the host without its port, as cone sends it).
public struct C1Server: Sendable, Equatable {
  /// `https://acme.conductor.one` (no trailing slash). Plain http only for loopback.
  public let baseURL: String
  public let host: String
  public let port: Int?

  /// Accepts what cone accepts: a bare host, `host:port`, or a URL. A bare tenant name
  /// (`acme`) becomes `acme.conductor.one`, as `cone login acme` does; a full host names
  /// a tenant anywhere (`acme.c1eu.ai`). Hosts are lower-cased, and only https is taken
  /// (plain http to a loopback address, for cone-sandbox).
  public init(_ value: String) throws(C1Error) {
    var text = value.trimmingSpaces
    while text.hasSuffix("/") { text.removeLast() }
    if !text.contains("://") {
      if !text.contains("."), !text.contains(":"), text.lowercased() != "localhost" { text += ".conductor.one" }
      text = "https://" + text
    }
    guard let parts = URLParts(text) else { throw C1Error.invalidServer(value) }
    guard parts.userInfo == nil else {
      throw C1Error.invalidServer(value + " (an address with a user name or password in it)")
    }
    guard Self.isHostName(parts.host) else { throw C1Error.invalidServer(value + " (\(parts.host) is not a host name)") }
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

  /// A DNS name of letters, digits and inner hyphens (an internationalised name in its
  /// `xn--` form), an IPv4 address, or an IPv6 literal.
  static func isHostName(_ host: String) -> Bool {
    if host.contains(":") { return host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
    let labels = host.split(separator: ".", omittingEmptySubsequences: false)
    return host.utf8.count <= 253 && labels.allSatisfy { label in
      (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
        && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
  }

  /// The JWT audience: the host without its port.
  public var audience: String { host }

  public var tokenURL: String { baseURL + "/auth/v1/token" }
}
