/// Base64url without padding (RFC 4648 §5), as JWTs and C1 client secrets use it.
public enum Base64URL {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

  public static func encode(_ bytes: some Collection<UInt8>) -> String {
    let input = Array(bytes)
    var output: [UInt8] = []
    output.reserveCapacity((input.count * 4 + 2) / 3)
    var index = 0
    while index + 2 < input.count {
      let value = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
      output += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)],
                 alphabet[Int(value >> 6 & 63)], alphabet[Int(value & 63)]]
      index += 3
    }
    let rest = input.count - index
    if rest == 1 {
      let value = UInt32(input[index]) << 16
      output += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)]]
    } else if rest == 2 {
      let value = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
      output += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], alphabet[Int(value >> 6 & 63)]]
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Decodes base64url (padding and the standard alphabet's `+/` tolerated); nil when
  /// the text is not base64.
  public static func decode(_ text: String) -> [UInt8]? {
    var values: [UInt8] = []
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - 65)
      case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - 97 + 26)
      case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte - 48 + 52)
      case UInt8(ascii: "-"), UInt8(ascii: "+"): values.append(62)
      case UInt8(ascii: "_"), UInt8(ascii: "/"): values.append(63)
      case UInt8(ascii: "="): continue
      default: return nil
      }
    }
    guard values.count % 4 != 1 else { return nil }
    var output: [UInt8] = []
    var index = 0
    while index < values.count {
      let chunk = values[index..<min(index + 4, values.count)]
      var value: UInt32 = 0
      for (offset, sixBits) in chunk.enumerated() { value |= UInt32(sixBits) << (18 - 6 * offset) }
      output.append(UInt8(value >> 16 & 255))
      if chunk.count > 2 { output.append(UInt8(value >> 8 & 255)) }
      if chunk.count > 3 { output.append(UInt8(value & 255)) }
      index += 4
    }
    return output
  }
}
