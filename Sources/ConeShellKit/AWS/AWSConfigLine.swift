/// One physical line of the config file, kept byte for byte so that writing the
/// document back gives the same file.
struct AWSConfigLine: Sendable {
  /// Python reads `\n`, `\r\n` and a lone `\r` as line ends (universal newlines).
  enum Ending: UInt8, Sendable {
    case none, lf, crlf, cr

    var text: String {
      switch self {
      case .none: ""
      case .lf: "\n"
      case .crlf: "\r\n"
      case .cr: "\r"
      }
    }
  }

  /// Without the line end.
  var text: String
  var ending: Ending

  init(_ text: String, _ ending: Ending) {
    self.text = text
    self.ending = ending
  }

  var isBlank: Bool {
    AWSConfigSyntax.stripped(text[...]).isEmpty
  }

  var isComment: Bool {
    AWSConfigSyntax.isComment(AWSConfigSyntax.stripped(text[...]))
  }

  /// `lines` as they read back once written: a lone CR followed by an empty LF line
  /// is one CRLF. Dropping or inserting lines can bring the two together.
  static func rejoined(_ lines: [AWSConfigLine]) -> [AWSConfigLine] {
    var result: [AWSConfigLine] = []
    result.reserveCapacity(lines.count)
    for line in lines {
      if line.text.isEmpty, line.ending == .lf, result.last?.ending == .cr {
        result[result.count - 1].ending = .crlf
      } else {
        result.append(line)
      }
    }
    return result
  }

  /// The lines of UTF-8 text (already validated).
  static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [AWSConfigLine] {
    ranges(bytes).map {
      AWSConfigLine(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.range]), as: UTF8.self), $0.ending)
    }
  }

  /// Where each line of `bytes` is, without its line end.
  static func ranges(_ bytes: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, ending: Ending)] {
    var lines: [(range: Range<Int>, ending: Ending)] = []
    var start = 0
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      guard byte == 0x0A || byte == 0x0D else {
        index += 1
        continue
      }
      if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
        lines.append((start..<index, .crlf))
        index += 2
      } else {
        lines.append((start..<index, byte == 0x0A ? .lf : .cr))
        index += 1
      }
      start = index
    }
    if start < bytes.count { lines.append((start..<bytes.count, .none)) }
    return lines
  }
}
