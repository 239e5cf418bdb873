/// `application/x-www-form-urlencoded` bodies and URL query and path escaping.
public enum FormURLEncoding {
  public static func encode(_ fields: [(String, String)]) -> [UInt8] {
    Array(fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&").utf8)
  }

  /// Percent-escapes everything but RFC 3986's unreserved characters.
  public static func escape(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        result.append(Character(UnicodeScalar(byte)))
      default:
        let hex = Array("0123456789ABCDEF")
        result += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
      }
    }
    return result
  }
}
