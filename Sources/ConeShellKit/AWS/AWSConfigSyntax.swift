import ConeShellBase

/// The character classes and line rules of botocore's config parser (Python's
/// `configparser`). Everything works on Unicode scalars, because Python compares code
/// points while Swift's `Character` and `String ==` would merge canonically equivalent
/// text that Python keeps apart.
enum AWSConfigSyntax {
  /// Python's `str.isspace`, which configparser uses to strip lines and to measure
  /// indentation. It is wider than ASCII whitespace (U+001C…U+001F, U+00A0, U+3000, …).
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
      0x205F, 0x3000:
      return true
    default:
      return false
    }
  }

  /// The extra line boundaries of Python's `str.splitlines`, which botocore applies to
  /// nested blocks (`s3 =` + indented keys) after configparser has read them.
  static func isLineBoundary(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A...0x0D, 0x1C...0x1E, 0x85, 0x2028, 0x2029: return true
    default: return false
    }
  }

  static func isLowercaseASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
  }

  static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    isLowercaseASCIIAlphanumeric(scalar) || ("A"..."Z").contains(scalar)
  }

  /// `text.strip()` in Python.
  static func stripped(_ text: Substring) -> Substring {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }) else {
      return text[text.endIndex...]
    }
    let last = scalars.lastIndex(where: { !isSpace($0) })!
    return Substring(scalars[first...last])
  }

  /// The number of leading whitespace scalars: configparser's indentation level.
  static func indentation(of text: Substring) -> Int {
    var count = 0
    for scalar in text.unicodeScalars {
      guard isSpace(scalar) else { break }
      count += 1
    }
    return count
  }

  /// The leading whitespace itself, to give a new line the same indentation.
  static func leadingSpace(of text: Substring) -> Substring {
    let scalars = text.unicodeScalars
    let end = scalars.firstIndex(where: { !isSpace($0) }) ?? scalars.endIndex
    return Substring(scalars[..<end])
  }

  /// A whole-line comment: the stripped line starts with `#` or `;`.
  static func isComment(_ strippedText: Substring) -> Bool {
    let first = strippedText.unicodeScalars.first
    return first == "#" || first == ";"
  }

  /// The name of a section header (`\[(?P<header>.+)\]` matched at the start of the
  /// stripped line: greedy, so it runs to the last `]`, and text after it is ignored),
  /// or nil when the line is not a header.
  static func headerName(_ strippedText: Substring) -> Substring? {
    let scalars = strippedText.unicodeScalars
    guard scalars.first == "[", let close = scalars.lastIndex(of: "]") else { return nil }
    let start = scalars.index(after: scalars.startIndex)
    guard start < close else { return nil }
    return Substring(scalars[start..<close])
  }

  /// Splits `key = value` or `key: value` at the first delimiter, as configparser's
  /// option pattern does. Nil when there is no delimiter.
  static func splitOption(_ strippedText: Substring) -> (key: Substring, value: Substring)? {
    let scalars = strippedText.unicodeScalars
    guard let delimiter = scalars.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
    let key = Substring(scalars[..<delimiter])
    let value = Substring(scalars[scalars.index(after: delimiter)...])
    return (stripped(key), stripped(value))
  }

  /// Python's `str.lower`, which configparser applies to keys.
  static func lowercased(_ text: Substring) -> String {
    // Most keys are lower-case ASCII already; other ASCII is lowered byte by byte, the
    // rest with full case mapping.
    var isLowerASCII = true
    for byte in text.utf8 {
      if byte >= 0x80 { return text.lowercased() }
      if byte >= 0x41 && byte <= 0x5A { isLowerASCII = false }
    }
    if isLowerASCII { return String(text) }
    return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
  }

  /// True when `a` and `b` hold the same scalars. Swift's `==` would also equate
  /// canonically equivalent strings (`é` and `e` + U+0301), which Python keeps apart.
  static func same(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { a in
      b.withUTF8 { b in a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
    }
  }
}

/// A string that hashes and compares by its scalars, as Python does: the key of the
/// document's indexes of sections and keys.
struct ExactString: Hashable, Sendable {
  var value: String

  init(_ value: some StringProtocol) {
    self.value = String(value)
  }

  static func == (a: ExactString, b: ExactString) -> Bool {
    AWSConfigSyntax.same(a.value, b.value)
  }

  func hash(into hasher: inout Hasher) {
    var bytes = value
    bytes.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}
