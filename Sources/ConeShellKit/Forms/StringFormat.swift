import ConeShellBase

/// The well-known formats of protoc-gen-validate's StringRules: e-mail, host name, IP
/// addresses, URIs, UUIDs and HTTP header parts.
public enum StringFormat: Sendable, Hashable {
  case email, hostname, ip, ipv4, ipv6, uri, uriReference, address, uuid
  case httpHeaderName(strict: Bool)
  case httpHeaderValue(strict: Bool)

  /// What the value must be, with an example, as the end of "<field> must be …".
  public var requirement: String {
    switch self {
    case .email: "an e-mail address, e.g. name@example.com"
    case .hostname: "a host name, e.g. db.example.com"
    case .ip: "an IP address, e.g. 10.0.0.1 or 2001:db8::1"
    case .ipv4: "an IPv4 address, e.g. 10.0.0.1"
    case .ipv6: "an IPv6 address, e.g. 2001:db8::1"
    case .uri: "an absolute URI, e.g. https://example.com/path"
    case .uriReference: "a URI or a relative reference, e.g. /path?query"
    case .address: "a host name or an IP address"
    case .uuid: "a UUID, e.g. 123e4567-e89b-12d3-a456-426614174000"
    case .httpHeaderName: "an HTTP header name"
    case .httpHeaderValue: "an HTTP header value"
    }
  }

  public func matches(_ value: String) -> Bool {
    switch self {
    case .email: Self.isEmail(value)
    case .hostname: Self.isHostname(value)
    case .ip: Self.isIPv4(value) || Self.isIPv6(value)
    case .ipv4: Self.isIPv4(value)
    case .ipv6: Self.isIPv6(value)
    case .uri: Self.isURIReference(value) && Self.scheme(of: value) != nil
    case .uriReference: Self.isURIReference(value)
    case .address: Self.isHostname(value) || Self.isIPv4(value) || Self.isIPv6(value)
    case .uuid: Self.isUUID(value)
    case .httpHeaderName(let strict): Self.isHeaderName(value, strict: strict)
    case .httpHeaderValue(let strict): Self.isHeaderValue(value, strict: strict)
    }
  }

  /// A bare address (no display name): a dot-atom local part of at most 64 bytes, and
  /// a host name, as protoc-gen-validate accepts.
  static func isEmail(_ value: String) -> Bool {
    let parts = value.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, let local = parts.first, let domain = parts.last,
      !local.isEmpty, local.utf8.count <= 64, isHostname(String(domain))
    else { return false }
    let atext = alphanumerics.union("!#$%&'*+-/=?^_`{|}~".utf8)
    return local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
      !atom.isEmpty && atom.utf8.allSatisfy(atext.contains)
    }
  }

  /// RFC 1034: at most 253 characters, dot-separated labels of 1 to 63 letters, digits
  /// and hyphens, no label starting or ending with a hyphen; one trailing dot allowed.
  static func isHostname(_ value: String) -> Bool {
    let name = value.hasSuffix(".") ? String(value.dropLast()) : value
    guard !name.isEmpty, name.utf8.count <= 253 else { return false }
    return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
      !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
        && label.utf8.allSatisfy { alphanumerics.contains($0) || $0 == UInt8(ascii: "-") }
    }
  }

  static func isIPv4(_ value: String) -> Bool {
    var address = in_addr()
    return inet_pton(AF_INET, value, &address) == 1
  }

  static func isIPv6(_ value: String) -> Bool {
    var address = in6_addr()
    return inet_pton(AF_INET6, value, &address) == 1
  }

  /// The scheme of an absolute URI: a letter, then letters, digits, "+", "-" or ".",
  /// before the first ":".
  static func scheme(of value: String) -> Substring? {
    guard let colon = value.firstIndex(of: ":") else { return nil }
    let scheme = value[..<colon]
    let allowed = alphanumerics.union("+-.".utf8)
    guard let first = scheme.utf8.first, letters.contains(first),
      scheme.utf8.allSatisfy(allowed.contains)
    else { return nil }
    return scheme
  }

  /// RFC 3986 characters only (percent escapes well formed), so no spaces, quotes or
  /// controls.
  static func isURIReference(_ value: String) -> Bool {
    let allowed = alphanumerics.union("-._~:/?#[]@!$&'()*+,;=%".utf8)
    let bytes = Array(value.utf8)
    for (index, byte) in bytes.enumerated() {
      guard allowed.contains(byte) else { return false }
      if byte == UInt8(ascii: "%") {
        guard index + 2 < bytes.count, bytes[index + 1].isHexDigit, bytes[index + 2].isHexDigit
        else { return false }
      }
    }
    return true
  }

  /// 8-4-4-4-12 hexadecimal digits.
  static func isUUID(_ value: String) -> Bool {
    let groups = value.split(separator: "-", omittingEmptySubsequences: false)
    return groups.map(\.utf8.count) == [8, 4, 4, 4, 12]
      && groups.allSatisfy { $0.utf8.allSatisfy(\.isHexDigit) }
  }

  /// Strict: an RFC 7230 token, with an optional leading ":" for HTTP/2 pseudo-headers.
  /// Loose: no NUL, CR or LF.
  static func isHeaderName(_ value: String, strict: Bool) -> Bool {
    guard strict else { return isLooseHeader(value) }
    let token = alphanumerics.union("!#$%&'*+-.^_`|~".utf8)
    let name = value.hasPrefix(":") ? value.utf8.dropFirst() : value.utf8[...]
    return !name.isEmpty && name.allSatisfy { token.contains($0) }
  }

  /// Strict: no control characters but tab. Loose: no NUL, CR or LF.
  static func isHeaderValue(_ value: String, strict: Bool) -> Bool {
    guard strict else { return isLooseHeader(value) }
    return value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
  }

  private static let letters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
  private static let alphanumerics = letters.union("0123456789".utf8)

  private static func isLooseHeader(_ value: String) -> Bool {
    !value.utf8.contains { $0 == 0 || $0 == 0x0A || $0 == 0x0D }
  }
}

extension UInt8 {
  fileprivate var isHexDigit: Bool {
    (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
  }
}
