import Yams

extension C1ConfigText {
  /// Why an edit could not be made in place. `C1Config` names the file and the key.
  struct EditFailure: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
  }

  /// What to write under a key: a scalar, or a new mapping of further keys.
  indirect enum NewValue {
    case scalar(String)
    case mapping([(key: String, value: NewValue)])
  }

  /// The text with the keys of `entries` set (or removed, for nil) in the mapping at
  /// `path` of `root`, the document Yams composed from this text. Mappings missing on
  /// the way (or null, or not mappings) are written in full. Every other byte stays:
  /// a changed value is rewritten in its place (a comment after it on its line stays), a
  /// removed key goes with its lines, a new key goes after the mapping's last one, in the
  /// mapping's style and indentation. The caller checks the result by composing it.
  func setting(
    _ entries: [(key: String, value: String?)], at path: [String], in root: Node?
  ) throws(EditFailure) -> C1ConfigText {
    // With a final line break every line ends alike; it is taken off again after,
    // unless the last line went and the one before it now ends the file (that line keeps
    // its break: it is not the edit's to change).
    var text = self
    let addedBreak = !isEmpty && !endsWithLineBreak
    if addedBreak { text = text.replacing([Replacement(range: scalars.count..<scalars.count, text: lineEnding)])! }
    let replacements = try text.replacements(entries, at: path, in: root)
    guard var edited = text.replacing(replacements) else { throw EditFailure("two changes overlap") }
    let atEnd = replacements.filter { $0.range.upperBound == text.scalars.count }
    if addedBreak, edited.endsWithLineBreak, atEnd.isEmpty || atEnd.contains(where: { !$0.text.isEmpty }) {
      let last = edited.lineCount - 2
      edited = edited.replacing([Replacement(range: edited.contentEnd(ofLine: last)..<edited.scalars.count, text: "")])!
    }
    return edited
  }

  private func replacements(
    _ entries: [(key: String, value: String?)], at path: [String], in root: Node?
  ) throws(EditFailure) -> [Replacement] {
    let step = indentationStep(root)
    let written = entries.compactMap { entry in entry.value.map { (key: entry.key, value: NewValue.scalar($0)) } }
    // The new value for the rest of the path below `depth`, holding the entries.
    func nested(below depth: Int) -> NewValue {
      path[depth...].reversed().reduce(NewValue.mapping(written)) { value, key in .mapping([(key, value)]) }
    }
    guard let root, root.mapping != nil else {
      // An empty document (only comments, or nothing): the keys go at its end.
      guard case .mapping(let pairs) = nested(below: 0) else { return [] }
      return [Replacement(range: scalars.count..<scalars.count, text: renderBlock(pairs, indentation: 0, step: step))]
    }
    var node = root
    for (depth, key) in path.enumerated() {
      let mapping = try layout(of: node)
      guard let index = mapping.index(of: key) else {
        return [try mapping.insertion([(key, nested(below: depth + 1))], in: self, step: step)]
      }
      let pair = mapping.pairs[index]
      guard pair.value.mapping != nil else {
        return [try mapping.replacement(of: index, with: nested(below: depth + 1), in: self, step: step)]
      }
      if pair.valueIsAlias {
        throw EditFailure("\(path[...depth].joined(separator: ".")) is a YAML alias of a mapping elsewhere in the file")
      }
      node = pair.value
    }
    let mapping = try layout(of: node)
    var replacements: [Replacement] = []
    var added: [(key: String, value: NewValue)] = []
    var removed: Set<Int> = []
    for (key, value) in entries {
      switch (mapping.index(of: key), value) {
      case (let index?, let value?):
        replacements.append(try mapping.replacement(of: index, with: .scalar(value), in: self, step: step))
      case (let index?, nil):
        removed.insert(index)
      case (nil, let value?):
        added.append((key, .scalar(value)))
      case (nil, nil):
        continue
      }
    }
    replacements += try mapping.changes(
      removing: removed, adding: added, in: self, step: step, mayEmpty: path.isEmpty)
    return replacements
  }

  /// The anchors (`&name`) on the values along `path` and on its keys in `keys` that an
  /// alias (`*name`) in the text seems to use: changing such a value changes the alias
  /// too. Only for messages, so a `*name` inside a string may count.
  func sharedAnchors(along path: [String], keys: [String], in root: Node?) -> [String] {
    var anchors: [String] = []
    var node = root
    // The mappings along the path, then the one holding `keys`.
    for depth in 0...path.count {
      guard let current = node, let mapping = try? layout(of: current) else { break }
      let wanted = depth < path.count ? [path[depth]] : keys
      for index in wanted.compactMap(mapping.index(of:)) {
        let pair = mapping.pairs[index]
        let start = skipSpaces(from: mapping.isFlow ? pair.valueRange.lowerBound : (pair.colon ?? 0) + 1)
        if let name = anchorName(at: start), isAliased(name) { anchors.append(name) }
      }
      node = depth < path.count ? mapping.index(of: path[depth]).map { mapping.pairs[$0].value } : nil
    }
    return anchors
  }

  private func anchorName(at offset: Int) -> String? {
    guard offset < scalars.count, scalars[offset] == "&" else { return nil }
    let name = scalars[(offset + 1)...].prefix(while: YAMLAliasGuard.isAnchorCharacter)
    return name.isEmpty ? nil : String(String.UnicodeScalarView(name))
  }

  private func isAliased(_ name: String) -> Bool {
    let name = Array(name.unicodeScalars)
    for index in scalars.indices where scalars[index] == "*" {
      let end = index + 1 + name.count
      if end <= scalars.count, scalars[(index + 1)..<end].elementsEqual(name),
        end == scalars.count || !YAMLAliasGuard.isAnchorCharacter(scalars[end])
      {
        return true
      }
    }
    return false
  }

  // MARK: Layout

  /// Where a mapping's keys and values are in the text.
  struct MappingLayout {
    struct Pair {
      var key: Node
      var value: Node
      var keyStart: Int
      /// Block: the `:` after the key. Flow: nil when the key has none (`{a}`).
      var colon: Int?
      /// Block: from after the `:` to the start of the line after the value, trailing
      /// blank and comment lines left out. Flow: the value's text (empty when null).
      var valueRange: Range<Int>
      /// The value is an alias: its node (and mark) are the anchor's, elsewhere.
      var valueIsAlias: Bool
    }

    var node: Node
    var isFlow: Bool
    var pairs: [Pair]
    /// Block: the column of the keys. Flow: 0.
    var indentation: Int
    /// Flow: after the `{`.
    var open: Int
    /// Block: the start of the line after the last pair. Flow: the `}`.
    var end: Int

    /// The pair Yams' `node[key]` finds: the last one whose key equals `key` resolved
    /// as a plain scalar.
    func index(of key: String) -> Int? {
      let wanted = Node(key, node.tag.copy(with: .implicit))
      return pairs.lastIndex { $0.key == wanted }
    }
  }

  private func layout(of node: Node) throws(EditFailure) -> MappingLayout {
    guard let mapping = node.mapping, let start = offset(of: node.mark) else {
      throw EditFailure("a mapping has no place in the text")
    }
    let opening = skipProperties(from: start)
    // Yams reports every mapping's style as `any`: the text tells.
    if opening < scalars.count, scalars[opening] == "{" {
      return try flowLayout(of: node, mapping, open: opening + 1)
    }
    return try blockLayout(of: node, mapping)
  }

  /// Pairs' keys, which must be in the text in order: an aliased key's mark is its
  /// anchor's, elsewhere.
  private func keyStarts(_ mapping: Node.Mapping, after start: Int) throws(EditFailure) -> [Int] {
    var starts: [Int] = []
    for (key, _) in mapping {
      guard let offset = offset(of: key.mark), offset >= (starts.last.map { $0 + 1 } ?? start) else {
        throw EditFailure("a key of the mapping is a YAML alias")
      }
      starts.append(offset)
    }
    return starts
  }

  private func blockLayout(of node: Node, _ mapping: Node.Mapping) throws(EditFailure) -> MappingLayout {
    let starts = try keyStarts(mapping, after: 0)
    guard let first = starts.first else { throw EditFailure("an empty mapping is not in braces") }
    let indentation = first - lineStart(line(of: first))
    var pairs: [MappingLayout.Pair] = []
    for (index, (key, value)) in mapping.enumerated() {
      let keyStart = starts[index]
      let keyLine = line(of: keyStart)
      guard keyStart - lineStart(keyLine) == indentation, leadingSpaces(ofLine: keyLine) == indentation else {
        throw EditFailure("a key does not start its line at the mapping's indentation")
      }
      let colon = try blockColon(after: keyStart, onLine: keyLine)
      // Every node of the value starts before `valueEnd`, and flow collections and quoted
      // scalars end there too, whatever their lines' indentation.
      let valueEnd = textEnd(of: value, notBefore: keyStart) ?? colon + 1
      var endLine: Int
      if index + 1 < starts.count {
        endLine = line(of: starts[index + 1])
      } else {
        // What follows the last node (a block scalar's lines) is told by indentation.
        endLine = lastPairEndLine(
          after: line(of: valueEnd - 1), indentation: indentation, sequenceValue: value.sequence != nil)
      }
      endLine = max(endLine, line(of: valueEnd - 1) + 1)
      // Blank lines and comments after the value stay where they are, unless a comment
      // is indented into a block scalar that ends the value: it is text there.
      let endsInBlockScalar = Self.endsInBlockScalar(value)
      while endLine - 1 > keyLine, lineStart(endLine - 1) >= valueEnd {
        let line = endLine - 1
        let isText = endsInBlockScalar && leadingSpaces(ofLine: line) > indentation
        guard isBlank(line: line) || (isComment(line: line) && !isText) else { break }
        endLine -= 1
      }
      let valueIsAlias = (offset(of: value.mark) ?? 0) < keyStart
      pairs.append(
        MappingLayout.Pair(
          key: key, value: value, keyStart: keyStart, colon: colon, valueRange: colon + 1..<lineStart(endLine),
          valueIsAlias: valueIsAlias))
    }
    return MappingLayout(
      node: node, isFlow: false, pairs: pairs, indentation: indentation, open: 0,
      end: pairs.last!.valueRange.upperBound)
  }

  /// Whether the last node in `node`'s text is a literal (`|`) or folded (`>`) scalar.
  private static func endsInBlockScalar(_ node: Node) -> Bool {
    switch node {
    case .scalar(let scalar): scalar.style == .literal || scalar.style == .folded
    case .mapping(let mapping): Array(mapping.values).last.map(endsInBlockScalar) ?? false
    case .sequence(let sequence): sequence.last.map(endsInBlockScalar) ?? false
    case .alias: false
    }
  }

  /// The `:` after a block key: after the quoted key, or the first `:` followed by a
  /// space or the end of the line.
  private func blockColon(after keyStart: Int, onLine line: Int) throws(EditFailure) -> Int {
    let end = contentEnd(ofLine: line)
    var index = skipProperties(from: keyStart)
    guard index < end, scalars[index] != "?" else { throw EditFailure("a key is written as `? key`") }
    if scalars[index] == "\"" || scalars[index] == "'" {
      guard let close = quotedEnd(from: index, limit: end) else { throw EditFailure("a quoted key spans lines") }
      index = skipSpaces(from: close)
      guard index < end, scalars[index] == ":" else { throw EditFailure("no `:` after a key") }
      return index
    }
    let plain = plainEnd(from: index, inFlow: false)
    index = skipSpaces(from: plain)
    guard index < end, scalars[index] == ":" else { throw EditFailure("no `:` after a key") }
    return index
  }

  /// The line after the last pair of a block mapping: the first one after `start`
  /// that is indented no deeper than the keys (a sequence value may sit at their
  /// indentation), or a document marker.
  private func lastPairEndLine(after start: Int, indentation: Int, sequenceValue: Bool) -> Int {
    var line = start + 1
    while line < lineCount {
      if isDocumentMarker(line: line) { break }
      if !isBlankOrComment(line: line) {
        let indented = leadingSpaces(ofLine: line)
        if indented < indentation { break }
        if indented == indentation {
          let start = lineStart(line) + indented
          let next: Unicode.Scalar? = start + 1 < scalars.count ? scalars[start + 1] : nil
          let isItem = scalars[start] == "-" && (next.map { Self.isSpace($0) || Self.isBreak($0) } ?? true)
          if !(sequenceValue && isItem) { break }
        }
      }
      line += 1
    }
    return line
  }

  /// Where the text of `node` and the nodes in it ends, as far as their marks and the
  /// ends of flow collections and quoted scalars in it show; nil when none is in the
  /// text from `start` on. A node whose mark is before `start` is an alias, whose text
  /// is its anchor's: it is not followed.
  private func textEnd(of node: Node, notBefore start: Int) -> Int? {
    guard let offset = offset(of: node.mark), offset >= start else { return nil }
    // A null's mark may be where the next token starts.
    if let scalar = node.scalar, scalar.string.isEmpty, scalar.style == .plain { return nil }
    var end = offset + 1
    let opening = skipProperties(from: offset)
    if opening < scalars.count, ["{", "[", "\"", "'"].contains(scalars[opening]) {
      end = max(end, flowNodeEnd(from: offset) ?? end)
    }
    switch node {
    case .mapping(let mapping):
      for (key, value) in mapping {
        end = max(end, textEnd(of: key, notBefore: start) ?? end, textEnd(of: value, notBefore: start) ?? end)
      }
    case .sequence(let sequence):
      for item in sequence { end = max(end, textEnd(of: item, notBefore: start) ?? end) }
    case .scalar, .alias:
      break
    }
    return end
  }

  private func flowLayout(of node: Node, _ mapping: Node.Mapping, open: Int) throws(EditFailure) -> MappingLayout {
    let starts = try keyStarts(mapping, after: open)
    var pairs: [MappingLayout.Pair] = []
    var last = open
    for (index, (key, value)) in mapping.enumerated() {
      let keyStart = starts[index]
      guard let keyEnd = flowNodeEnd(from: keyStart) else { throw EditFailure("a key does not end") }
      let after = skipSpacesAndComments(from: keyEnd)
      var colon: Int?
      var valueRange = keyEnd..<keyEnd
      if after < scalars.count, scalars[after] == ":" {
        colon = after
        let valueStart = skipSpacesAndComments(from: after + 1)
        if valueStart < scalars.count, scalars[valueStart] == "," || scalars[valueStart] == "}" {
          valueRange = after + 1..<after + 1
        } else {
          guard let valueEnd = flowNodeEnd(from: valueStart) else { throw EditFailure("a value does not end") }
          valueRange = valueStart..<valueEnd
        }
      }
      last = valueRange.upperBound
      pairs.append(
        MappingLayout.Pair(
          key: key, value: value, keyStart: keyStart, colon: colon, valueRange: valueRange,
          valueIsAlias: (offset(of: value.mark) ?? 0) < keyStart))
    }
    var close = skipSpacesAndComments(from: last)
    if close < scalars.count, scalars[close] == "," { close = skipSpacesAndComments(from: close + 1) }
    guard close < scalars.count, scalars[close] == "}" else { throw EditFailure("a `{` does not close") }
    return MappingLayout(node: node, isFlow: true, pairs: pairs, indentation: 0, open: open, end: close)
  }

  /// The indentation nested block mappings use in this file (2 when none shows it).
  private func indentationStep(_ root: Node?) -> Int {
    guard let root, let layout = try? layout(of: root), !layout.isFlow else { return 2 }
    for pair in layout.pairs where pair.value.mapping != nil && !pair.valueIsAlias {
      if let child = try? self.layout(of: pair.value), !child.isFlow, child.indentation > layout.indentation {
        return child.indentation - layout.indentation
      }
    }
    return 2
  }

  // MARK: Writing

  /// `pairs` as block lines indented by `indentation`, each ending with a line break.
  fileprivate func renderBlock(_ pairs: [(key: String, value: NewValue)], indentation: Int, step: Int) -> String {
    let padding = String(repeating: " ", count: indentation)
    return pairs.map { key, value in
      if let inline = renderInline(value) { return padding + YAMLQuoting.key(key) + ": " + inline + lineEnding }
      guard case .mapping(let children) = value else { return "" }
      return padding + YAMLQuoting.key(key) + ":" + lineEnding
        + renderBlock(children, indentation: indentation + step, step: step)
    }.joined()
  }

  /// A value written on its key's line: a scalar, or an empty mapping as `{}`.
  fileprivate func renderInline(_ value: NewValue) -> String? {
    switch value {
    case .scalar(let string): YAMLQuoting.doubleQuoted(string)
    case .mapping(let pairs): pairs.isEmpty ? "{}" : nil
    }
  }

  /// `value` in flow style: `"scalar"` or `{key: value, …}`.
  fileprivate func renderFlow(_ value: NewValue) -> String {
    switch value {
    case .scalar(let string):
      YAMLQuoting.doubleQuoted(string)
    case .mapping(let pairs):
      "{" + pairs.map { YAMLQuoting.key($0.key) + ": " + renderFlow($0.value) }.joined(separator: ", ") + "}"
    }
  }
}

extension C1ConfigText.MappingLayout {
  typealias Replacement = C1ConfigText.Replacement
  typealias EditFailure = C1ConfigText.EditFailure

  /// Replaces the value of pair `index`, keeping its key and a comment after it on the
  /// key's line.
  func replacement(
    of index: Int, with value: C1ConfigText.NewValue, in text: C1ConfigText, step: Int
  ) throws(EditFailure) -> Replacement {
    let pair = pairs[index]
    if isFlow {
      let written = text.renderFlow(value)
      guard pair.colon != nil else { return Replacement(range: pair.valueRange, text: ": " + written) }
      let lead = pair.valueRange.isEmpty ? " " : ""
      return Replacement(range: pair.valueRange, text: lead + written)
    }
    let colon = pair.colon!
    let keyLine = text.line(of: pair.keyStart)
    let lineEnd = text.contentEnd(ofLine: keyLine)
    let comment = text.commentStart(onLine: keyLine, from: colon + 1).map {
      String(String.UnicodeScalarView(text.scalars[$0..<lineEnd]))
    } ?? ""
    // The value's lines end as its last line did.
    let lastLine = text.line(of: pair.valueRange.upperBound - 1)
    let ending = String(
      String.UnicodeScalarView(text.scalars[text.contentEnd(ofLine: lastLine)..<text.lineEnd(lastLine)]))
    if let inline = text.renderInline(value) {
      return Replacement(range: pair.valueRange, text: " " + inline + comment + ending)
    }
    guard case .mapping(let children) = value else { throw EditFailure("no value to write") }
    return Replacement(
      range: pair.valueRange,
      text: comment + text.lineEnding + text.renderBlock(children, indentation: indentation + step, step: step))
  }

  /// Removes the pairs at `removed` and adds `added` after the last pair. Only the root
  /// mapping may be left empty (`mayEmpty`): a block mapping cannot be.
  func changes(
    removing removed: Set<Int>, adding added: [(key: String, value: C1ConfigText.NewValue)], in text: C1ConfigText,
    step: Int, mayEmpty: Bool
  ) throws(EditFailure) -> [Replacement] {
    guard !removed.isEmpty || !added.isEmpty else { return [] }
    if !isFlow {
      if removed.count == pairs.count && added.isEmpty && !mayEmpty {
        throw EditFailure("the mapping would be left empty")
      }
      // A removed pair goes with its lines.
      var changes = removed.map { index in
        let pair = pairs[index]
        return Replacement(range: text.lineStart(text.line(of: pair.keyStart))..<pair.valueRange.upperBound, text: "")
      }
      if !added.isEmpty { changes.append(try insertion(added, in: text, step: step)) }
      return changes
    }
    let written = added.map { YAMLQuoting.key($0.key) + ": " + text.renderFlow($0.value) }.joined(separator: ", ")
    let kept = pairs.indices.filter { !removed.contains($0) }
    // The removed pairs after the last kept one go with the comma before them; any other
    // goes with the comma after it.
    let tail = (kept.last ?? -1) + 1
    var changes = removed.filter { $0 < tail }.map { index in
      Replacement(range: pairs[index].keyStart..<pairs[index + 1].keyStart, text: "")
    }
    if tail < pairs.count {
      let end = pairs[pairs.count - 1].valueRange.upperBound
      if let last = kept.last {
        changes.append(Replacement(range: pairs[last].valueRange.upperBound..<end, text: ""))
      } else {
        // Nothing is kept: the new pairs take the old ones' place.
        return [Replacement(range: pairs[0].keyStart..<end, text: written)]
      }
    }
    if !added.isEmpty {
      let at = kept.last.map { pairs[$0].valueRange.upperBound } ?? open
      changes.append(Replacement(range: at..<at, text: kept.isEmpty ? written : ", " + written))
    }
    return changes
  }

  /// Adds `added` after the last pair.
  func insertion(
    _ added: [(key: String, value: C1ConfigText.NewValue)], in text: C1ConfigText, step: Int
  ) throws(EditFailure) -> Replacement {
    if isFlow {
      let written = added.map { YAMLQuoting.key($0.key) + ": " + text.renderFlow($0.value) }.joined(separator: ", ")
      guard let last = pairs.last else { return Replacement(range: open..<open, text: written) }
      return Replacement(range: last.valueRange.upperBound..<last.valueRange.upperBound, text: ", " + written)
    }
    return Replacement(range: end..<end, text: text.renderBlock(added, indentation: indentation, step: step))
  }
}
