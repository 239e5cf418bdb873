import Yams

/// The text of cone's config.yaml as Unicode scalars, with its lines counted as libyaml
/// counts them, so that the marks Yams gives each node (line and column, in characters)
/// turn into offsets in the text. `C1ConfigText+Editing` changes keys in place with it.
struct C1ConfigText: Equatable {
  private(set) var scalars: [Unicode.Scalar]
  /// The offset where each line starts. A text that ends with a line break has a last,
  /// empty line after it.
  private(set) var lineStarts: [Int]

  /// The line break most lines end with; LF when there are none. New lines get it.
  private(set) var lineEnding = "\n"

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
    lineStarts = Self.lineStarts(of: scalars)
    lineEnding = dominantLineEnding()
  }

  var text: String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return String(view)
  }

  var isEmpty: Bool { scalars.isEmpty }

  var lineCount: Int { lineStarts.count }

  private func dominantLineEnding() -> String {
    var counts: [String: Int] = [:]
    for line in 0..<lineCount {
      let ending = String(String.UnicodeScalarView(scalars[contentEnd(ofLine: line)..<lineEnd(line)]))
      if !ending.isEmpty { counts[ending, default: 0] += 1 }
    }
    return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? "\n"
  }

  /// Whether the last line ends with a line break (an empty text does not).
  var endsWithLineBreak: Bool {
    guard let last = scalars.last else { return false }
    return Self.isBreak(last)
  }

  // MARK: Lines

  func lineStart(_ line: Int) -> Int {
    line < lineCount ? lineStarts[line] : scalars.count
  }

  /// Where `line` ends, after its line break.
  func lineEnd(_ line: Int) -> Int {
    lineStart(line + 1)
  }

  /// Where `line`'s content ends, before its line break.
  func contentEnd(ofLine line: Int) -> Int {
    var end = lineEnd(line)
    while end > lineStart(line), Self.isBreak(scalars[end - 1]) { end -= 1 }
    return end
  }

  /// The line `offset` is on.
  func line(of offset: Int) -> Int {
    var low = 0
    var high = lineCount - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low
  }

  /// The number of spaces `line` starts with.
  func leadingSpaces(ofLine line: Int) -> Int {
    var offset = lineStart(line)
    while offset < scalars.count, scalars[offset] == " " { offset += 1 }
    return offset - lineStart(line)
  }

  /// True for a line of spaces and tabs only.
  func isBlank(line: Int) -> Bool {
    skipSpaces(from: lineStart(line)) >= contentEnd(ofLine: line)
  }

  /// True for a line with only a comment.
  func isComment(line: Int) -> Bool {
    let start = skipSpaces(from: lineStart(line))
    return start < contentEnd(ofLine: line) && scalars[start] == "#"
  }

  func isBlankOrComment(line: Int) -> Bool {
    isBlank(line: line) || isComment(line: line)
  }

  /// True for `---` or `...` at the start of a line: a document starts or ends there.
  func isDocumentMarker(line: Int) -> Bool {
    let start = lineStart(line)
    guard start + 3 <= scalars.count else { return false }
    let three = scalars[start..<start + 3]
    guard three.elementsEqual(["-", "-", "-"]) || three.elementsEqual([".", ".", "."]) else { return false }
    return start + 3 == contentEnd(ofLine: line) || Self.isSpace(scalars[start + 3])
  }

  // MARK: Marks

  /// The offset of a node's mark, or nil when the mark is not in the text.
  func offset(of mark: Mark?) -> Int? {
    guard let mark, mark.line >= 1, mark.line <= lineCount, mark.column >= 1 else { return nil }
    // libyaml does not count a byte order mark as a column.
    let bom = mark.line == 1 && scalars.first == "\u{FEFF}" ? 1 : 0
    let offset = lineStarts[mark.line - 1] + bom + mark.column - 1
    return offset <= contentEnd(ofLine: mark.line - 1) ? offset : nil
  }

  // MARK: Scanning

  func skipSpaces(from offset: Int) -> Int {
    var offset = offset
    while offset < scalars.count, Self.isSpace(scalars[offset]) { offset += 1 }
    return offset
  }

  /// Skips spaces, line breaks and comments.
  func skipSpacesAndComments(from offset: Int) -> Int {
    var offset = offset
    while offset < scalars.count {
      let scalar = scalars[offset]
      if Self.isSpace(scalar) || Self.isBreak(scalar) {
        offset += 1
      } else if scalar == "#", offset == 0 || Self.isSpace(scalars[offset - 1]) || Self.isBreak(scalars[offset - 1]) {
        while offset < scalars.count, !Self.isBreak(scalars[offset]) { offset += 1 }
      } else {
        break
      }
    }
    return offset
  }

  /// Skips a node's anchor (`&name`) and tag (`!tag`) and the spaces after them.
  func skipProperties(from offset: Int) -> Int {
    var offset = skipSpaces(from: offset)
    while offset < scalars.count, scalars[offset] == "&" || scalars[offset] == "!" {
      while offset < scalars.count, !Self.isSpace(scalars[offset]), !Self.isBreak(scalars[offset]) { offset += 1 }
      offset = skipSpaces(from: offset)
    }
    return offset
  }

  /// The end of the quoted scalar that starts at `offset` (after its closing quote), or
  /// nil when it does not close before `limit`.
  func quotedEnd(from offset: Int, limit: Int? = nil) -> Int? {
    let limit = limit ?? scalars.count
    let quote = scalars[offset]
    var index = offset + 1
    while index < limit {
      let scalar = scalars[index]
      if quote == "\"" && scalar == "\\" {
        index += 2
        continue
      }
      if scalar == quote {
        // '' is a quote inside a single-quoted scalar.
        if quote == "'", index + 1 < limit, scalars[index + 1] == "'" {
          index += 2
          continue
        }
        return index + 1
      }
      index += 1
    }
    return nil
  }

  /// The end of the flow node (a collection in brackets, a quoted or a plain scalar)
  /// that starts at `offset`, properties included.
  func flowNodeEnd(from offset: Int) -> Int? {
    let start = skipProperties(from: offset)
    guard start < scalars.count else { return start }
    switch scalars[start] {
    case "{", "[":
      return bracketEnd(from: start)
    case "\"", "'":
      return quotedEnd(from: start)
    default:
      return plainEnd(from: start, inFlow: true)
    }
  }

  /// The end of the `{…}` or `[…]` that opens at `offset`, skipping quoted scalars and
  /// comments inside.
  private func bracketEnd(from offset: Int) -> Int? {
    var depth = 0
    var index = offset
    // Where a node may start: a quote there opens a quoted scalar; elsewhere it is
    // part of a plain one (`[it's]`).
    var atNodeStart = true
    while index < scalars.count {
      let scalar = scalars[index]
      switch scalar {
      case "{", "[":
        depth += 1
        atNodeStart = true
      case "}", "]":
        depth -= 1
        if depth == 0 { return index + 1 }
        atNodeStart = false
      case ",", ":", "?":
        atNodeStart = true
      case "\"" where atNodeStart, "'" where atNodeStart:
        guard let end = quotedEnd(from: index) else { return nil }
        index = end
        atNodeStart = false
        continue
      case "#" where index > 0 && (Self.isSpace(scalars[index - 1]) || Self.isBreak(scalars[index - 1])):
        while index < scalars.count, !Self.isBreak(scalars[index]) { index += 1 }
        continue
      default:
        if !Self.isSpace(scalar) && !Self.isBreak(scalar) { atNodeStart = false }
      }
      index += 1
    }
    return nil
  }

  /// The end of the plain scalar (or alias) at `offset`, trailing spaces excluded. In a
  /// flow collection it ends at `,` `[` `]` `{` `}` and at `:` before a space or one of
  /// those, as libyaml reads it; anywhere it ends at `: `, at ` #` and, in block
  /// context, at the end of the line.
  func plainEnd(from offset: Int, inFlow: Bool) -> Int {
    var index = offset
    var end = offset
    while index < scalars.count {
      let scalar = scalars[index]
      let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
      let endsKey = next.map { Self.isSpace($0) || Self.isBreak($0) || (inFlow && Self.isFlowIndicator($0)) } ?? true
      if scalar == ":" && endsKey { break }
      if inFlow && Self.isFlowIndicator(scalar) { break }
      if scalar == "#", index > offset, Self.isSpace(scalars[index - 1]) || Self.isBreak(scalars[index - 1]) { break }
      if Self.isBreak(scalar) && !inFlow { break }
      if !Self.isSpace(scalar) && !Self.isBreak(scalar) { end = index + 1 }
      index += 1
    }
    return end
  }

  /// Where the comment at the end of `line` starts, from the spaces before its `#`,
  /// looking from `offset` (after a key's `:`); nil when the line has no comment there.
  /// A value that runs past the line has none.
  func commentStart(onLine line: Int, from offset: Int) -> Int? {
    let end = contentEnd(ofLine: line)
    var index = skipProperties(from: offset)
    if index < end {
      switch scalars[index] {
      case "\"", "'":
        guard let close = quotedEnd(from: index, limit: end) else { return nil }
        index = close
      case "{", "[":
        guard let close = bracketEnd(from: index), close <= end else { return nil }
        index = close
      default:
        break
      }
    }
    while index < end {
      if scalars[index] == "#", index > offset, Self.isSpace(scalars[index - 1]) {
        var start = index
        while start > offset, Self.isSpace(scalars[start - 1]) { start -= 1 }
        return start
      }
      index += 1
    }
    return nil
  }

  // MARK: Changing

  /// One change to the text: `range` is replaced with `text`.
  struct Replacement {
    var range: Range<Int>
    var text: String
  }

  /// The text with every replacement made. The ranges refer to this text and must not
  /// overlap; an insertion may sit where a replaced range ends.
  func replacing(_ replacements: [Replacement]) -> C1ConfigText? {
    let ordered = replacements.sorted {
      ($0.range.lowerBound, $0.range.upperBound) > ($1.range.lowerBound, $1.range.upperBound)
    }
    for (later, earlier) in zip(ordered, ordered.dropFirst()) where earlier.range.upperBound > later.range.lowerBound {
      return nil
    }
    var edited = scalars
    for replacement in ordered {
      edited.replaceSubrange(replacement.range, with: replacement.text.unicodeScalars)
    }
    var text = self
    text.scalars = edited
    text.lineStarts = Self.lineStarts(of: edited)
    text.lineEnding = text.dominantLineEnding()
    return text
  }

  // MARK: Characters

  /// The line breaks libyaml counts: LF, CR (CR LF is one), NEL, LS and PS.
  static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": true
    default: false
    }
  }

  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t"
  }

  static func isFlowIndicator(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "," || scalar == "[" || scalar == "]" || scalar == "{" || scalar == "}"
  }

  private static func lineStarts(of scalars: [Unicode.Scalar]) -> [Int] {
    var starts = [0]
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      guard isBreak(scalar) else { continue }
      if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
      starts.append(index)
    }
    return starts
  }
}
