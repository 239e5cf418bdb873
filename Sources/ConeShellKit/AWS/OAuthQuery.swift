import ConeShellBase

/// URL query strings of an OAuth sign-in: the `/authorize` URL cone-shell builds and the
/// loopback callback the browser brings back (`application/x-www-form-urlencoded`).
public enum OAuthQuery {
  /// `name=value&…`, every byte but the unreserved ones percent-encoded.
  public static func encode(_ items: [(String, String)]) -> String {
    items.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
  }

  static func escape(_ text: String) -> String {
    var output = ""
    for byte in text.utf8 {
      if byte.isASCIIUnreserved {
        output.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
      }
    }
    return output
  }

  /// The query of a request target (`/path?a=b`): the first value of each name, `+` as a
  /// space, percent escapes decoded.
  public static func parse(_ query: Substring) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = decode(parts[0])
      if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
    }
    return fields
  }

  static func decode(_ text: Substring) -> String {
    String(text).replacing("+", with: " ").removingPercentEncoding
  }
}

extension UInt8 {
  fileprivate var isASCIIUnreserved: Bool {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "-") || self == UInt8(ascii: ".")
      || self == UInt8(ascii: "_") || self == UInt8(ascii: "~")
  }
}
