/// The pieces of an absolute URL that the transport needs: scheme, host, port. Parsed
/// by hand because the rules here are few and strict, and so that the decision "is
/// this loopback?" does not depend on a URL library's leniency.
public struct URLParts: Sendable, Equatable {
  public var scheme: String
  public var userInfo: String?
  public var host: String
  public var port: Int?
  /// Everything from the first `/` after the authority, `/` when there is none.
  public var pathAndQuery: String

  public init?(_ url: String) {
    guard let schemeEnd = url.range(of: "://") else { return nil }
    scheme = url[..<schemeEnd.lowerBound].lowercased()
    guard scheme == "http" || scheme == "https" else { return nil }
    let rest = url[schemeEnd.upperBound...]
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    var authority = rest[..<authorityEnd]
    pathAndQuery = authorityEnd == rest.endIndex ? "/" : String(rest[authorityEnd...])
    if let at = authority.lastIndex(of: "@") {
      userInfo = String(authority[..<at])
      authority = authority[authority.index(after: at)...]
    }
    if authority.hasPrefix("[") {
      // An IPv6 literal: [::1]:8443
      guard let close = authority.firstIndex(of: "]") else { return nil }
      host = String(authority[authority.index(after: authority.startIndex)..<close])
      let after = authority[authority.index(after: close)...]
      if after.hasPrefix(":") {
        guard let number = Int(after.dropFirst()) else { return nil }
        port = number
      } else if !after.isEmpty {
        return nil
      }
    } else if let colon = authority.lastIndex(of: ":") {
      host = String(authority[..<colon])
      guard let number = Int(authority[authority.index(after: colon)...]) else { return nil }
      port = number
    } else {
      host = String(authority)
    }
    host = host.lowercased()
    guard !host.isEmpty, port.map({ (1...65535).contains($0) }) ?? true else { return nil }
  }

  /// `host:port` as written for messages and JWT audiences.
  public var hostAndPort: String {
    let shown = host.contains(":") ? "[\(host)]" : host
    return port.map { "\(shown):\($0)" } ?? shown
  }

  public var isLoopback: Bool { Self.isLoopback(host) }

  /// `localhost`, `::1`, or an IPv4 address in 127.0.0.0/8 written as one; not a name
  /// that merely starts with `127.` (`127.example.com`).
  public static func isLoopback(_ host: String) -> Bool {
    if host == "localhost" || host == "::1" { return true }
    let octets = host.split(separator: ".", omittingEmptySubsequences: false)
    return octets.count == 4 && octets.first == "127"
      && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy { $0.isASCII && $0.isNumber } && Int($0)! <= 255 }
  }
}
