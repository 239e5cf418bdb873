extension AWSConfigDocument {
  /// What an edit did.
  public enum Change: Equatable, Sendable {
    case added, updated, unchanged
  }

  /// Creates or updates profile `name` (`[default]` for `default`, else `[profile NAME]`).
  ///
  /// A new profile is appended at the end of the file after one blank line. In an
  /// existing one, a key that is already there gets its new value on its own line (its
  /// spelling, its place and the comments around it stay), new keys go after the last
  /// setting, and the keys in `removing` go away. Nothing outside the section changes.
  ///
  /// - Throws: `AWSConfigEditError` for a name, key or value that is not safe to write
  ///   (a line break, `#`, `;`, a control character, …); the document is then unchanged.
  @discardableResult
  public mutating func setProfile(
    _ name: String, _ values: [(key: String, value: String)], removing: [String] = []
  ) throws(AWSConfigEditError) -> Change {
    let header = AWSConfigSyntax.same(name, "default") ? "default" : "profile " + name
    return try set(name, header: header, in: \.profileBlocks, values, removing: removing)
  }

  /// Creates or updates `[sso-session NAME]`, like `setProfile`.
  @discardableResult
  public mutating func setSSOSession(
    _ name: String, _ values: [(key: String, value: String)], removing: [String] = []
  ) throws(AWSConfigEditError) -> Change {
    try set(name, header: "sso-session " + name, in: \.ssoSessionBlocks, values, removing: removing)
  }

  /// Removes every section botocore reads as profile `name`: its header, its settings
  /// and the blank lines after it. Comments after those blank lines stay, as they
  /// usually describe what follows. Returns false when there was no such profile.
  @discardableResult
  public mutating func removeProfile(_ name: String) -> Bool {
    removeProfiles([name]) > 0
  }

  /// Removes many profiles in one pass; returns how many sections went.
  @discardableResult
  public mutating func removeProfiles(_ names: some Sequence<String>) -> Int {
    removeBlocks(Set(names.flatMap { profileBlocks[ExactString($0)] ?? [] }))
  }

  /// Removes `[sso-session NAME]` like `removeProfile`.
  @discardableResult
  public mutating func removeSSOSession(_ name: String) -> Bool {
    removeBlocks(Set(ssoSessionBlocks[ExactString(name)] ?? [])) > 0
  }

  // MARK: Implementation

  /// `index` is a key path, not the dictionary: a copy held here would make every
  /// append copy the whole index.
  private mutating func set(
    _ name: String, header: String, in index: KeyPath<Self, [ExactString: [Int]]>,
    _ values: [(key: String, value: String)], removing: [String]
  ) throws(AWSConfigEditError) -> Change {
    var keys = Set<ExactString>()
    for (key, value) in values {
      try Self.validate(key: key)
      try Self.validate(value: value, of: key)
      guard keys.insert(ExactString(key)).inserted else { throw .repeatedKey(key) }
    }
    for key in removing {
      try Self.validate(key: key)
      guard !keys.contains(ExactString(key)) else { throw .repeatedKey(key) }
    }
    let existing = self[keyPath: index][ExactString(name)]?.last
    // A section without one of these keys would inherit a broken [DEFAULT] value.
    let inherited = brokenDefaults.first { broken in
      existing == nil ? !keys.contains(ExactString(broken.key)) : removing.contains(broken.key)
    }
    if let inherited { throw .inheritsBrokenDefault(inherited.error) }
    if let existing {
      return try update(block: existing, values, removing: removing)
    }
    try Self.validate(name: name)
    try append(header: header, values)
    return .added
  }

  private mutating func append(header: String, _ values: [(key: String, value: String)]) throws(AWSConfigEditError) {
    let ending = lineEnding
    var lines = [AWSConfigLine("[" + header + "]", ending)]
    lines += values.map { AWSConfigLine($0.key + " = " + $0.value, ending) }
    guard let scan = try? AWSConfigParser.scanSection(lines, at: 0), scan.end == lines.count,
      scan.block.section.header == header,
      scan.block.section.entries == values.map({ AWSConfigEntry(key: $0.key, value: .text($0.value)) })
    else { throw .unsafeEdit(section: header) }
    // One blank line between the file's last line (given a line end) and the new header.
    func separate(_ lines: inout [AWSConfigLine]) {
      guard let last = lines.last else { return }
      if last.ending == .none { lines[lines.count - 1].ending = ending }
      // After a lone CR, an empty LF line would read back as that CR's LF.
      if !last.isBlank { lines.append(AWSConfigLine("", last.ending == .cr ? .cr : ending)) }
    }
    if blocks.isEmpty { separate(&preamble) } else { separate(&blocks[blocks.count - 1].lines) }
    blocks.append(scan.block)
    self.index(block: blocks.count - 1)
  }

  private mutating func update(
    block position: Int, _ values: [(key: String, value: String)], removing: [String]
  ) throws(AWSConfigEditError) -> Change {
    let block = blocks[position]
    let entries = block.section.entries
    func entry(_ key: String) -> Int? {
      entries.firstIndex { AWSConfigSyntax.same($0.key, key) }
    }
    var replaced: [Int: String] = [:]
    var added: [(key: String, value: String)] = []
    for (key, value) in values {
      guard let found = entry(key) else {
        added.append((key, value))
        continue
      }
      // A value that is already right keeps its line as it is.
      if block.spans[found].count > 1 || entries[found].value != .text(value) { replaced[found] = value }
    }
    let removed = Set(removing.compactMap(entry))
    if replaced.isEmpty && removed.isEmpty && added.isEmpty { return .unchanged }

    // Rebuild the lines: a replaced setting becomes one line, a removed one none; the
    // comments inside them stay. New keys go after the last setting, before the blank
    // lines and comments that end the section.
    var lines = [block.lines[0]]
    var insertion = 1
    var lastKeyLine: String?
    var next = 1
    for (number, span) in block.spans.enumerated() {
      lines += block.lines[next..<span.lowerBound]
      next = span.upperBound
      let keyLine = block.lines[span.lowerBound]
      if removed.contains(number) {
        lines += block.lines[span].filter(\.isComment)
      } else if let value = replaced[number] {
        lines.append(AWSConfigLine(Self.replacingValue(in: keyLine.text, with: value), keyLine.ending))
        insertion = lines.count
        lastKeyLine = keyLine.text
        lines += block.lines[span].filter(\.isComment)
      } else {
        lines += block.lines[span]
        insertion = lines.count
        lastKeyLine = keyLine.text
      }
    }
    lines += block.lines[next...]
    if !added.isEmpty {
      let indentation = newKeyIndentation(after: lastKeyLine, inBlock: position)
      if lines[insertion - 1].ending == .none { lines[insertion - 1].ending = lineEnding }
      let newLines = added.map { AWSConfigLine(indentation + $0.key + " = " + $0.value, lineEnding) }
      lines.insert(contentsOf: newLines, at: insertion)
    }
    lines = AWSConfigLine.rejoined(lines)

    var expected = entries.enumerated().compactMap { number, entry -> AWSConfigEntry? in
      if removed.contains(number) { return nil }
      return replaced[number].map { AWSConfigEntry(key: entry.key, value: .text($0)) } ?? entry
    }
    expected += added.map { AWSConfigEntry(key: $0.key, value: .text($0.value)) }
    guard let scan = try? AWSConfigParser.scanSection(lines, at: 0), scan.end == lines.count,
      scan.block.section.entries == expected, isSafe(scan.block, before: position + 1)
    else { throw .unsafeEdit(section: block.section.header) }
    blocks[position] = scan.block
    return .updated
  }

  /// The indentation of a new key: that of the last key, which can be no deeper than the
  /// next header's (else the header would have continued its value). After a header
  /// alone, the deeper of the header's and the next header's, so that the next header
  /// does not become part of the new value.
  private func newKeyIndentation(after lastKeyLine: String?, inBlock position: Int) -> String {
    if let lastKeyLine { return String(AWSConfigSyntax.leadingSpace(of: lastKeyLine[...])) }
    let header = blocks[position].lines[0].text[...]
    guard position + 1 < blocks.count else { return String(AWSConfigSyntax.leadingSpace(of: header)) }
    let nextHeader = blocks[position + 1].lines[0].text[...]
    let deeper =
      AWSConfigSyntax.indentation(of: nextHeader) > AWSConfigSyntax.indentation(of: header) ? nextHeader : header
    return String(AWSConfigSyntax.leadingSpace(of: deeper))
  }

  /// True when the header of the block at `next` still starts a section after `block`.
  private func isSafe(_ block: AWSConfigBlock, before next: Int) -> Bool {
    guard next < blocks.count, let limit = block.lastKeyIndentation else { return true }
    return blocks[next].headerIndentation <= limit
  }

  /// `key = old` becomes `key = value`, keeping the key's spelling, indentation and
  /// spacing.
  static func replacingValue(in keyLine: String, with value: String) -> String {
    let scalars = keyLine.unicodeScalars
    let delimiter = scalars.firstIndex { $0 == "=" || $0 == ":" }!
    let afterDelimiter = scalars.index(after: delimiter)
    let valueStart = scalars[afterDelimiter...].firstIndex { !AWSConfigSyntax.isSpace($0) } ?? scalars.endIndex
    if value.isEmpty { return String(scalars[..<afterDelimiter]) }
    var prefix = String(scalars[..<valueStart])
    // `key =` (no value) becomes `key = value`, not `key =value`.
    if valueStart == afterDelimiter, delimiter > scalars.startIndex,
      AWSConfigSyntax.isSpace(scalars[scalars.index(before: delimiter)])
    {
      prefix += " "
    }
    return prefix + value
  }

  /// Removes the blocks at `positions` with their trailing blank lines; the comments
  /// after those stay, joining the section before.
  private mutating func removeBlocks(_ positions: Set<Int>) -> Int {
    guard !positions.isEmpty else { return 0 }
    var kept: [AWSConfigBlock] = []
    kept.reserveCapacity(blocks.count - positions.count)
    for (position, block) in blocks.enumerated() {
      if positions.contains(position) {
        let trailing = block.lines[block.contentEnd...].drop(while: \.isBlank)
        if kept.isEmpty { preamble += trailing } else { kept[kept.count - 1].lines += trailing }
        continue
      }
      var block = block
      // A header indented deeper than the last key of the section now before it would
      // continue that key's value: unindent it (botocore ignores a header's indentation).
      if let limit = kept.last?.lastKeyIndentation, block.headerIndentation > limit {
        block.lines[0].text = String(block.lines[0].text.unicodeScalars.drop(while: AWSConfigSyntax.isSpace))
      }
      kept.append(block)
    }
    blocks = kept
    reindex()
    return positions.count
  }

  /// One word for shlex and for Go's header split alike.
  static func validate(name: String) throws(AWSConfigEditError) {
    let allowed = "._@+/-".unicodeScalars
    guard !name.isEmpty,
      name.unicodeScalars.allSatisfy({ AWSConfigSyntax.isASCIIAlphanumeric($0) || allowed.contains($0) })
    else { throw .invalidName(name) }
  }

  static func validate(key: String) throws(AWSConfigEditError) {
    let allowed = "_-.".unicodeScalars
    guard !key.isEmpty,
      key.unicodeScalars.allSatisfy({ AWSConfigSyntax.isLowercaseASCIIAlphanumeric($0) || allowed.contains($0) })
    else { throw .invalidKey(key) }
  }

  static func validate(value: String, of key: String) throws(AWSConfigEditError) {
    for scalar in value.unicodeScalars {
      switch scalar.value {
      case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C...0x1E, 0x85, 0x2028, 0x2029:
        throw .invalidValue(key: key, value: value, problem: "contains a line break")
      case 0x00...0x1F, 0x7F...0x9F:
        throw .invalidValue(key: key, value: value, problem: "contains a control character")
      case 0x23, 0x3B:
        throw .invalidValue(
          key: key, value: value, problem: "contains '#' or ';', where Go-based AWS tools cut a value as a comment")
      default:
        continue
      }
    }
    guard AWSConfigSyntax.stripped(value[...]).utf8.count == value.utf8.count else {
      throw .invalidValue(key: key, value: value, problem: "starts or ends with a space, which the AWS CLI strips")
    }
  }
}
