/// Writes JSON text by hand where the key order matters (files other tools also
/// write, such as the AWS token cache) or where start-up time matters (the
/// credential_process document).
public enum JSONText {
  /// A JSON string literal.
  public static func quote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      // C0, DEL and C1 controls escaped, so that no control byte reaches a terminal even
      // inside a JSON document (U+2028/9 break JavaScript readers).
      case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
        || scalar.value == 0x2029:
        result += "\\u" + String(scalar.value, radix: 16).leftPadded(4)
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// An object from ordered pairs of already-encoded values.
  public static func object(_ pairs: [(String, String)]) -> String {
    guard !pairs.isEmpty else { return "{}" }
    // A plain loop: `joined` on this path makes the Swift runtime look up a protocol
    // witness, which scans every conformance in the binary (the credential hot path
    // prints through here).
    var text = "{"
    for (index, (key, value)) in pairs.enumerated() {
      if index > 0 { text += ", " }
      text += quote(key) + ": " + value
    }
    return text + "}"
  }
}
