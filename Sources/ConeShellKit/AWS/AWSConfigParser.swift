/// Reads the config file exactly as botocore's `raw_config_parse` (configparser's
/// `RawConfigParser` with default options, then `_parse_nested`) does, and keeps every
/// line so that nothing is lost.
enum AWSConfigParser {
  struct Result {
    var preamble: [AWSConfigLine]
    var blocks: [AWSConfigBlock]
    /// Broken nested `[DEFAULT]` values that no section inherits yet.
    var brokenDefaults: [(key: String, error: AWSConfigParseError)] = []
  }

  /// The section scanned from a header up to the next header.
  struct Scan {
    var block: AWSConfigBlock
    /// The index of the next header, or the line count.
    var end: Int
    /// Nested blocks with a line without `=`. botocore only fails on them when it reads
    /// the value, so for `[DEFAULT]` it depends on the other sections.
    var nestedErrors: [(key: String, error: AWSConfigParseError)]
  }

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(AWSConfigParseError) -> Result {
    guard String(validating: bytes, as: UTF8.self) != nil else {
      throw AWSConfigParseError(.invalidUTF8, line: firstInvalidLine(bytes))
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      throw AWSConfigParseError(.byteOrderMark, line: 1)
    }
    let lines = AWSConfigLine.split(bytes)
    var index = 0
    while index < lines.count {
      let text = AWSConfigSyntax.stripped(lines[index].text[...])
      if text.isEmpty || AWSConfigSyntax.isComment(text) {
        index += 1
        continue
      }
      if AWSConfigSyntax.headerName(text) != nil { break }
      throw AWSConfigParseError(.textBeforeFirstSection, line: index + 1)
    }
    var result = Result(preamble: Array(lines[..<index]), blocks: [])
    var headerLines: [ExactString: Int] = [:]
    var defaultKeys: [ExactString: Int] = [:]
    var deferred: [(key: String, error: AWSConfigParseError)] = []
    while index < lines.count {
      let header = ExactString(AWSConfigSyntax.headerName(AWSConfigSyntax.stripped(lines[index].text[...]))!)
      let isDefaults = AWSConfigSection.kind(of: header.value) == .defaults
      if !isDefaults {
        if let first = headerLines[header] {
          throw AWSConfigParseError(.duplicateSection(header.value, firstLine: first), line: index + 1)
        }
        headerLines[header] = index + 1
      }
      // `[DEFAULT]` may repeat, but its keys are one set.
      let scan = try scanSection(lines, at: index, knownKeys: isDefaults ? defaultKeys : [:])
      if isDefaults {
        for (entry, span) in zip(scan.block.section.entries, scan.block.spans) {
          defaultKeys[ExactString(entry.key)] = index + span.lowerBound + 1
        }
        deferred += scan.nestedErrors
      } else if let nested = scan.nestedErrors.first {
        throw nested.error
      }
      result.blocks.append(scan.block)
      index = scan.end
    }
    // A broken nested `[DEFAULT]` value fails once a section inherits it.
    for (key, error) in deferred
    where result.blocks.contains(where: { $0.section.kind != .defaults && $0.section[key] == nil }) {
      throw error
    }
    result.brokenDefaults = deferred
    return result
  }

  /// Scans the section whose header is `lines[start]`. Line numbers in errors count
  /// from `lines[0]` as line 1.
  static func scanSection(
    _ lines: [AWSConfigLine], at start: Int, knownKeys: [ExactString: Int] = [:]
  ) throws(AWSConfigParseError) -> Scan {
    let headerText = lines[start].text[...]
    let header = String(AWSConfigSyntax.headerName(AWSConfigSyntax.stripped(headerText))!)
    let isDefaults = AWSConfigSection.kind(of: header) == .defaults
    var keys: [String] = []
    var parts: [[Substring]] = []
    var spans: [Range<Int>] = []
    var nestedErrors: [(key: String, error: AWSConfigParseError)] = []
    var contentEnd = start + 1
    // configparser's state: the indentation of the last header or key line, and the
    // key that deeper indented lines continue.
    var indentLevel = AWSConfigSyntax.indentation(of: headerText)
    var current: Int?
    var index = start + 1

    func fail(_ reason: AWSConfigParseError.Reason) -> AWSConfigParseError {
      // An earlier broken nested block is the first error in file order.
      if !isDefaults, let nested = nestedErrors.first { return nested.error }
      return AWSConfigParseError(reason, line: index + 1)
    }

    while index < lines.count {
      let raw = lines[index].text[...]
      let text = AWSConfigSyntax.stripped(raw)
      if text.isEmpty {
        // A blank line belongs to the value above (rstrip removes it at the end).
        if let current { parts[current].append(text) }
        index += 1
        continue
      }
      if AWSConfigSyntax.isComment(text) {
        index += 1
        continue
      }
      let indent = AWSConfigSyntax.indentation(of: raw)
      if let current, indent > indentLevel {
        parts[current].append(text)
        let reported = nestedErrors.last.map { AWSConfigSyntax.same($0.key, keys[current]) } ?? false
        if parts[current][0].isEmpty, !reported, !isValidNestedLine(text) {
          let error = AWSConfigParseError(.nestedLineWithoutEquals(key: keys[current]), line: index + 1)
          nestedErrors.append((keys[current], error))
        }
        spans[current] = spans[current].lowerBound..<index + 1
        contentEnd = index + 1
        index += 1
        continue
      }
      indentLevel = indent
      if AWSConfigSyntax.headerName(text) != nil { break }
      guard let (key, value) = AWSConfigSyntax.splitOption(text) else { throw fail(.missingDelimiter) }
      guard !key.isEmpty else { throw fail(.emptyKey) }
      let lowered = AWSConfigSyntax.lowercased(key)
      // Sections are small: a linear search beats hashing every key.
      if let first = keys.firstIndex(where: { AWSConfigSyntax.same($0, lowered) }) {
        throw fail(.duplicateKey(lowered, section: header, firstLine: spans[first].lowerBound + 1))
      }
      if !knownKeys.isEmpty, let first = knownKeys[ExactString(lowered)] {
        throw fail(.duplicateKey(lowered, section: header, firstLine: first))
      }
      keys.append(lowered)
      parts.append([value])
      spans.append(index..<index + 1)
      current = keys.count - 1
      contentEnd = index + 1
      index += 1
    }

    let entries = zip(keys, parts).map { AWSConfigEntry(key: $0, value: value(of: $1)) }
    let block = AWSConfigBlock(
      lines: Array(lines[start..<index]),
      section: AWSConfigSection(header: header, entries: entries),
      spans: spans.map { $0.lowerBound - start..<$0.upperBound - start },
      contentEnd: contentEnd - start)
    return Scan(block: block, end: index, nestedErrors: nestedErrors)
  }

  /// configparser joins the lines with `\n` and strips the end; botocore then reads a
  /// value that starts with a line break as a nested block.
  static func value(of parts: [Substring]) -> AWSConfigValue {
    var parts = parts[...]
    while parts.count > 1, parts.last!.isEmpty { parts.removeLast() }
    guard parts.count > 1, parts.first!.isEmpty else {
      return .text(parts.joined(separator: "\n"))
    }
    var nested: [String: String] = [:]
    for line in parts.dropFirst().flatMap(nestedLines) {
      let text = AWSConfigSyntax.stripped(line)
      guard !text.isEmpty, let equals = text.unicodeScalars.firstIndex(of: "=") else { continue }
      let key = AWSConfigSyntax.stripped(Substring(text.unicodeScalars[..<equals]))
      let value = AWSConfigSyntax.stripped(Substring(text.unicodeScalars[text.unicodeScalars.index(after: equals)...]))
      nested[String(key)] = String(value)
    }
    return .nested(nested)
  }

  /// Python's `splitlines` of one continuation line (U+2028, form feed, … split it).
  static func nestedLines(_ text: Substring) -> [Substring] {
    text.unicodeScalars.split(omittingEmptySubsequences: false, whereSeparator: AWSConfigSyntax.isLineBoundary)
      .map { Substring($0) }
  }

  static func isValidNestedLine(_ text: Substring) -> Bool {
    nestedLines(text).allSatisfy {
      AWSConfigSyntax.stripped($0).isEmpty || $0.unicodeScalars.contains("=")
    }
  }

  /// The line of the first byte that is not UTF-8, for the error message.
  static func firstInvalidLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let lines = AWSConfigLine.ranges(bytes)
    let invalid = lines.firstIndex {
      String(validating: UnsafeBufferPointer(rebasing: bytes[$0.range]), as: UTF8.self) == nil
    }
    return (invalid ?? lines.count) + 1
  }
}
