import PropertyBased
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct AWSConfigPropertyTests {
  @Test func parseThenWriteGivesBackEveryByte() async throws {
    await propertyCheck(count: 800, input: AWSConfigGrammar.generator) { text in
      let document = try AWSConfigDocument(parsing: text)
      #expect(Array(document.text.utf8) == Array(text.utf8))
      let fromBytes = try AWSConfigDocument(parsing: Array(text.utf8))
      #expect(fromBytes.bytes == Array(text.utf8))
    }
  }

  @Test func editsChangeOnlyTheirSectionAndReadBackExactly() async throws {
    await propertyCheck(count: 500, input: AWSConfigGrammar.generator, Gen.uint64()) { text, seed in
      var random = SplitMix(seed: seed)
      var document = try AWSConfigDocument(parsing: text)
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        let edit = AWSConfigEditPlan.random(for: document, using: &random)
        let edited = try edit.check(on: document)
        document = edited
      }
    }
  }
}

/// One random edit, and the checks that it did exactly what it says.
enum AWSConfigEditPlan {
  case set(profile: Bool, name: String, values: [(key: String, value: String)], removing: [String])
  case remove(profile: Bool, name: String)

  static let writableKeys = [
    "region", "output", "credential_process", "cone_app_id", "cone_shell_managed", "sso_session", "x", "new.key", "n-k",
  ]
  static let values = [
    "us-east-1", "json", "", "true", "\"/opt/cone shell/cone-shell\" creds \"a b\"", "ünï", "[v]", "a=b:c",
    "https://d-1.awsapps.com/start",
  ]
  static let newNames = ["new-one", "n.e_w@x+y/z", "default", "a", "dev", "cone-sso"]

  static func random(for document: AWSConfigDocument, using random: inout SplitMix) -> AWSConfigEditPlan {
    let profile = random.chance(0.7)
    let existing = profile ? document.profileNames : document.ssoSessionNames
    if !existing.isEmpty, random.chance(0.25) {
      return .remove(profile: profile, name: existing.randomElement(using: &random)!)
    }
    let fresh = newNames.filter { !existing.contains($0) }
    let name: String
    if !existing.isEmpty, fresh.isEmpty || random.chance(0.7) {
      name = existing.randomElement(using: &random)!
    } else if let new = fresh.randomElement(using: &random) {
      name = new
    } else {
      return .remove(profile: profile, name: existing[0])
    }
    let section = profile ? document.profile(name) : document.ssoSession(name)
    let present = (section?.entries.map(\.key) ?? []).filter { key in
      (try? AWSConfigDocument.validate(key: key)) != nil
    }
    var keys = Array(Set(present + writableKeys)).sorted().shuffled(using: &random)
    var values: [(key: String, value: String)] = []
    for _ in 0..<Int.random(in: 0...3, using: &random) where !keys.isEmpty {
      values.append((keys.removeFirst(), Self.values.randomElement(using: &random)!))
    }
    let removing = keys.filter(present.contains).prefix(Int.random(in: 0...2, using: &random))
    return .set(profile: profile, name: name, values: values, removing: Array(removing))
  }

  /// Applies the edit to `document` and checks the result; returns the edited document.
  func check(on document: AWSConfigDocument) throws -> AWSConfigDocument {
    var edited = document
    switch self {
    case .set(let profile, let name, let values, let removing):
      let positions = profile ? document.profileBlocks[ExactString(name)] : document.ssoSessionBlocks[ExactString(name)]
      let change =
        profile
        ? try edited.setProfile(name, values, removing: removing)
        : try edited.setSSOSession(name, values, removing: removing)
      if let target = positions?.last {
        try checkUpdate(of: document, to: edited, at: target, values: values, removing: removing, change: change)
      } else {
        #expect(change == .added)
        let header = profile ? (name == "default" ? "default" : "profile " + name) : "sso-session " + name
        try checkAppend(to: document, gives: edited, header: header, values: values)
      }
    case .remove(let profile, let name):
      let positions =
        profile ? document.profileBlocks[ExactString(name)]! : document.ssoSessionBlocks[ExactString(name)]!
      if profile { edited.removeProfile(name) } else { edited.removeSSOSession(name) }
      try checkRemoval(of: Set(positions), from: document, gives: edited)
    }
    // The edited document is in the state a fresh parse of its text gives.
    let reparsed = try AWSConfigDocument(parsing: edited.text)
    #expect(reparsed.sections == edited.sections)
    #expect(reparsed.profileNames == edited.profileNames)
    #expect(reparsed.ssoSessionNames == edited.ssoSessionNames)
    return edited
  }

  private func checkUpdate(
    of document: AWSConfigDocument, to edited: AWSConfigDocument, at target: Int,
    values: [(key: String, value: String)], removing: [String], change: AWSConfigDocument.Change
  ) throws {
    // Every byte before and after the section is unchanged.
    let before = render(document.preamble + document.blocks[..<target].flatMap(\.lines))
    let after = render(document.blocks[(target + 1)...].flatMap(\.lines))
    let text = Array(edited.text.utf8)
    #expect(text.starts(with: before.utf8))
    #expect(text.reversed().starts(with: after.utf8.reversed()))
    // Reading it back finds exactly the edit.
    var entries = document.sections[target].entries
    for (key, value) in values {
      if let found = entries.firstIndex(where: { $0.key == key }) {
        entries[found].value = .text(value)
      } else {
        entries.append(AWSConfigEntry(key: key, value: .text(value)))
      }
    }
    entries.removeAll { removing.contains($0.key) }
    var expected = document.sections
    expected[target].entries = entries
    let reparsed = try AWSConfigDocument(parsing: edited.text).sections
    #expect(reparsed == expected)
    #expect((change == .unchanged) == (edited.text == document.text))
  }

  private func checkAppend(
    to document: AWSConfigDocument, gives edited: AWSConfigDocument, header: String,
    values: [(key: String, value: String)]
  ) throws {
    let original = document.text
    let ending = firstLineEnding(original)
    var expected = original
    if let last = original.utf8.last {
      if last != 0x0A && last != 0x0D { expected += ending }
      // After a lone CR, the blank line ends with CR too: an LF would join that CR.
      let blankEnding = last == 0x0D ? "\r" : ending
      if !(lastLine(original).allSatisfy(AWSConfigSyntax.isSpace)) { expected += blankEnding }
    }
    expected += "[" + header + "]" + ending
    for (key, value) in values { expected += key + " = " + value + ending }
    #expect(Array(edited.text.utf8) == Array(expected.utf8))
    let entries = values.map { AWSConfigEntry(key: $0.key, value: .text($0.value)) }
    #expect(
      try AWSConfigDocument(parsing: edited.text).sections
        == document.sections + [AWSConfigSection(header: header, entries: entries)])
  }

  private func checkRemoval(
    of positions: Set<Int>, from document: AWSConfigDocument, gives edited: AWSConfigDocument
  ) throws {
    // The removed sections' header, settings and the blank lines right after them go;
    // every other line stays (a header may lose its indentation).
    var expected = document.preamble
    for (position, block) in document.blocks.enumerated() {
      expected +=
        positions.contains(position) ? Array(block.lines[block.contentEnd...].drop(while: \.isBlank)) : block.lines
    }
    let lines = AWSConfigLine.split(edited.text)
    #expect(lines.count == expected.count)
    for (line, wanted) in zip(lines, expected) where line.text != wanted.text || line.ending != wanted.ending {
      let unindented = String(wanted.text.unicodeScalars.drop(while: AWSConfigSyntax.isSpace))
      #expect(line.text == unindented && line.ending == wanted.ending)
      #expect(AWSConfigSyntax.headerName(AWSConfigSyntax.stripped(wanted.text[...])) != nil)
    }
    let kept = document.sections.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
    #expect(try AWSConfigDocument(parsing: edited.text).sections == kept)
  }
}

func render(_ lines: some Sequence<AWSConfigLine>) -> String {
  lines.map { $0.text + $0.ending.text }.joined()
}

func firstLineEnding(_ text: String) -> String {
  let bytes = Array(text.utf8)
  guard let index = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return "\n" }
  if bytes[index] == 0x0A { return "\n" }
  return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? "\r\n" : "\r"
}

/// The last line of `text`, without its line end.
func lastLine(_ text: String) -> Substring.UnicodeScalarView {
  var scalars = Substring(text).unicodeScalars
  if scalars.last == "\n" { scalars.removeLast() }
  if scalars.last == "\r" { scalars.removeLast() }
  if let start = scalars.lastIndex(where: { $0 == "\n" || $0 == "\r" }) {
    return scalars[scalars.index(after: start)...]
  }
  return scalars
}

extension AWSConfigLine {
  static func split(_ text: String) -> [AWSConfigLine] {
    Array(text.utf8).withUnsafeBufferPointer { split($0) }
  }
}
