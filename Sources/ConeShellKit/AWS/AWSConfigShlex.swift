/// Python's `shlex.split(text)` (POSIX mode, no comments), which botocore uses to read
/// `[profile NAME]` headers and `credential_process` command lines.
enum AWSConfigShlex {
  /// The words of `text`, or nil where Python raises (an unclosed quote, a trailing
  /// backslash).
  static func split(_ text: some StringProtocol) -> [String]? {
    var words: [String] = []
    var word = String.UnicodeScalarView()
    // A quoted empty string ('' or "") is still a word.
    var inWord = false
    var quote: Unicode.Scalar?
    var iterator = text.unicodeScalars.makeIterator()
    while let scalar = iterator.next() {
      if let open = quote {
        if scalar == open {
          quote = nil
        } else if scalar == "\\" && open == "\"" {
          // Inside double quotes a backslash escapes only `"` and `\`.
          guard let next = iterator.next() else { return nil }
          if next != "\"" && next != "\\" { word.append("\\") }
          word.append(next)
        } else {
          word.append(scalar)
        }
        continue
      }
      switch scalar {
      case " ", "\t", "\r", "\n":
        if inWord {
          words.append(String(word))
          word = String.UnicodeScalarView()
          inWord = false
        }
      case "'", "\"":
        quote = scalar
        inWord = true
      case "\\":
        guard let next = iterator.next() else { return nil }
        word.append(next)
        inWord = true
      default:
        word.append(scalar)
        inWord = true
      }
    }
    if quote != nil { return nil }
    if inWord { words.append(String(word)) }
    return words
  }
}
