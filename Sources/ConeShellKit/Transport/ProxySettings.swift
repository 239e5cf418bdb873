import ConeShellBase

/// The proxy to use for a URL, from HTTPS_PROXY / HTTP_PROXY and NO_PROXY (either
/// case), with curl's matching rules for NO_PROXY: `*`, exact hosts, and domain
/// suffixes with or without a leading dot. Loopback addresses never go through a
/// proxy.
public struct ProxySettings: Sendable, Equatable {
  public struct Proxy: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// `user:password` from the proxy URL, if it carried any.
    public var credentials: String?
  }

  public var https: Proxy?
  public var http: Proxy?
  public var noProxy: [String]

  public init(environment: Environment) {
    func value(_ name: String) -> String? { environment[name] ?? environment[name.lowercased()] }
    https = value("HTTPS_PROXY").flatMap(Self.parse)
    http = value("HTTP_PROXY").flatMap(Self.parse)
    noProxy = (value("NO_PROXY") ?? "").split(separator: ",").map { $0.trimmingSpaces.lowercased() }
      .filter { !$0.isEmpty }
  }

  public func proxy(scheme: String, host: String) -> Proxy? {
    let host = host.lowercased()
    if URLParts.isLoopback(host) { return nil }
    for entry in noProxy {
      if entry == "*" { return nil }
      let domain = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
      let bare = domain.split(separator: ":").first.map(String.init) ?? domain
      if host == bare || host.hasSuffix("." + bare) { return nil }
    }
    return scheme == "https" ? https : http
  }

  static func parse(_ value: String) -> Proxy? {
    let withScheme = value.contains("://") ? value : "http://" + value
    guard let parts = URLParts(withScheme) else { return nil }
    return Proxy(host: parts.host, port: parts.port ?? 80, credentials: parts.userInfo)
  }
}
