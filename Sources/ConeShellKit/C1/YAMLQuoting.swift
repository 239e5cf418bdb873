/// How cone-shell writes a key or a value into YAML text so that it reads back as the
/// same string and nothing in it (a line break, `#`, `: `, `&`, `*`, `{`, a quote, a
/// leading `-`) can start a comment, a key or a structure.
enum YAMLQuoting {
  /// `value` as a double-quoted scalar. Only `"`, `\` and the characters libyaml would
  /// not take as they are (controls, line breaks, a BOM, non-characters) are escaped, so
  /// the text stays readable.
  static func doubleQuoted(_ value: String) -> String {
    var quoted = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": quoted += "\\\""
      case "\\": quoted += "\\\\"
      case "\n": quoted += "\\n"
      case "\r": quoted += "\\r"
      case "\t": quoted += "\\t"
      default:
        if needsEscape(scalar) {
          quoted += scalar.value <= 0xFF ? "\\x" + hex(scalar.value, digits: 2) : "\\u" + hex(scalar.value, digits: 4)
        } else {
          quoted.unicodeScalars.append(scalar)
        }
      }
    }
    return quoted + "\""
  }

  /// `key` plain when it is a simple word (as cone's own keys are) or `~`, else
  /// double-quoted. A plain key resolves exactly as Yams' `node[key]` looks it up (`123`
  /// as a number, `~` as null); a quoted one is only needed for names with other
  /// characters, which resolve as strings either way.
  static func key(_ key: String) -> String {
    guard key == "~" || key.unicodeScalars.first.map(isWordStart) == true,
      key.unicodeScalars.allSatisfy({ isWordCharacter($0) || key == "~" })
    else { return doubleQuoted(key) }
    return key
  }

  /// C0 and C1 controls, DEL, the line breaks libyaml counts (NEL, LS, PS), the BOM and
  /// the non-characters U+FFFE and U+FFFF.
  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: true
    default: false
    }
  }

  private static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
  }

  private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
    isWordStart(scalar) || scalar == "-" || scalar == "."
  }

  private static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
