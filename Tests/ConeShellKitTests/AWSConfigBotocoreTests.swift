import Testing
@testable import ConeShellBase
@testable import ConeShellKit

/// Compares the model with botocore itself on many files: generated ones, the same
/// after random edits, broken variants (each must be rejected by both, at the same
/// line), files built from hostile API text, and the fixtures.
@Suite(.enabled(if: AWSConfigPython.hasBotocore)) struct AWSConfigBotocoreTests {
  /// Prints, per file in the directory, botocore's view or its error as one JSON line.
  static let script = """
    import configparser, json, os, sys
    import botocore.configloader as loader, botocore.exceptions as exceptions
    directory = sys.argv[1]
    for name in sorted(os.listdir(directory)):
        try:
            raw = loader.raw_config_parse(os.path.join(directory, name))
            profiles = loader.build_profile_map(raw)
            view = {"profiles": list(profiles["profiles"]), "raw": raw, "sso": list(profiles["sso_sessions"])}
        except exceptions.ConfigParseError as failure:
            error = failure.kwargs["error"]
            line = getattr(error, "lineno", None)
            if line is None and isinstance(error, configparser.ParsingError):
                line = error.errors[0][0]
            view = {"error": type(error).__name__, "line": line}
        print(json.dumps(view, sort_keys=True, separators=(",", ":")))
    """

  @Test func botocoreReadsEveryFileAsTheModelDoes() throws {
    var files: [[UInt8]] = []
    var generated: [String] = []
    var random = SplitMix(seed: 2024)
    for _ in 0..<300 {
      var grammar = AWSConfigGrammar(random: SplitMix(seed: random.next()))
      let text = grammar.document()
      generated.append(text)
      files.append(Array(text.utf8))
      // The same file after edits: what cone-shell would write.
      var document = try AWSConfigDocument(parsing: text)
      for _ in 0..<3 {
        switch AWSConfigEditPlan.random(for: document, using: &random) {
        case .set(let profile, let name, let values, let removing):
          if profile {
            try document.setProfile(name, values, removing: removing)
          } else {
            try document.setSSOSession(name, values, removing: removing)
          }
        case .remove(let profile, let name):
          if profile { document.removeProfile(name) } else { document.removeSSOSession(name) }
        }
      }
      files.append(document.bytes)
      files.append(Self.broken(text, using: &random))
    }
    for _ in 0..<100 {
      var hostile = (0..<4).map { _ in
        (0..<3).map { _ in AWSConfigSanitizerTests.hostile.randomElement(using: &random)! }.joined()
      }
      var document = try AWSConfigDocument(parsing: generated.randomElement(using: &random)!)
      hostile = hostile.map(AWSConfigSanitizer.value)
      try document.setProfile(
        AWSConfigSanitizer.profileName(account: hostile[0], role: hostile[1]),
        [("cone_app_id", hostile[2]), ("region", hostile[3])])
      files.append(document.bytes)
    }
    for name in AWSConfigFixtureTests.names { files.append(try AWSConfigFixtureTests.fixture(name)) }
    try Self.compare(files)
  }

  /// `text` with one line botocore rejects, or one that changes its meaning.
  static func broken(_ text: String, using random: inout SplitMix) -> [UInt8] {
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { Array($0.utf8) }
    let insertions = [
      "garbage", "= v", ": v", "[", "[]", "[]=x", "  indented = 1", "  [indented header]", "[DEFAULT]", "region = 1",
      "REGION: 2", "s3 =", "  junk", "x = a\u{2028}b", "\u{0C}", "[preview]", "[profile a]", "[default]", "# c", "",
      "  continued", "[DEFAULT]\ns3 =\n  junk",
    ]
    switch Int.random(in: 0...9, using: &random) {
    case 0:
      lines.insert([0xEF, 0xBB, 0xBF] + (lines.first ?? []), at: 0)
    case 1:
      lines.insert(Array("x = ".utf8) + [0xFF, 0xFE], at: Int.random(in: 0...lines.count, using: &random))
    case 2, 3:
      // A repeated header or key line: a duplicate section or key, unless it lands
      // where it means something else.
      let candidates = lines.filter { line in line.first.map { ![0x20, 0x09, 0x23, 0x3B].contains($0) } ?? false }
      guard let line = candidates.randomElement(using: &random) else { break }
      lines.insert(line, at: Int.random(in: 0...lines.count, using: &random))
    default:
      let line = Array(insertions.randomElement(using: &random)!.utf8)
      lines.insert(line, at: Int.random(in: 0...lines.count, using: &random))
    }
    return Array(lines.joined(separator: [0x0A]))
  }

  /// Writes the files, asks botocore, and compares its answer with the model's.
  static func compare(_ files: [[UInt8]]) throws {
    let dir = TemporaryDirectory()
    for (number, bytes) in files.enumerated() {
      // Plain writes: a thousand fsyncs would take seconds.
      let fd = open(dir.file(String(100_000 + number)), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      try FileSystem.writeAll(fd, bytes, path: dir.path)
      close(fd)
    }
    let answers = try AWSConfigPython.run(script, [dir.path]).split(separator: "\n").map(String.init)
    try #require(answers.count == files.count)
    var accepted = 0
    for (bytes, answer) in zip(files, answers) {
      let text = String(decoding: bytes, as: UTF8.self)
      do {
        let document = try AWSConfigDocument(parsing: bytes)
        accepted += 1
        #expect(answer == view(of: document), "\(text.debugDescription)")
      } catch {
        let expected = "{\"error\":\"\(pythonName(of: error.reason))\",\"line\":"
        if answer.hasPrefix(expected) {
          // The same error: at the same line, when botocore gives one.
          #expect(answer == expected + "\(error.line)}" || answer == expected + "null}", "\(text.debugDescription)")
        } else {
          // botocore stops at its first error of some kinds and reports others only at
          // the end, so it may name a later line; it must still reject the file.
          #expect(answer.hasPrefix("{\"error\":"), "\(error) \(text.debugDescription)")
          let line = answer.split(separator: ":").last.flatMap { Int($0.dropLast()) }
          #expect(line.map { error.line < $0 } ?? false, "\(error) vs \(answer): \(text.debugDescription)")
        }
      }
    }
    // Most files parse, and the broken ones are many.
    #expect(accepted > files.count / 2 && accepted < files.count - 100)
  }

  static func pythonName(of reason: AWSConfigParseError.Reason) -> String {
    switch reason {
    case .textBeforeFirstSection, .byteOrderMark: "MissingSectionHeaderError"
    case .duplicateSection: "DuplicateSectionError"
    case .duplicateKey: "DuplicateOptionError"
    case .missingDelimiter, .emptyKey: "ParsingError"
    case .nestedLineWithoutEquals: "ValueError"
    case .invalidUTF8: "UnicodeDecodeError"
    }
  }

  /// The model's view in the shape of botocore's: every section but `[DEFAULT]` with
  /// the keys it inherits from `[DEFAULT]`, and the profile and sso-session names.
  static func view(of document: AWSConfigDocument) -> String {
    let defaults = document.sections.filter { $0.kind == .defaults }.flatMap(\.entries)
    let raw = document.sections.filter { $0.kind != .defaults }.map { section in
      let entries = section.entries + defaults.filter { section[$0.key] == nil }
      return (section.header, PythonJSON.object(entries.map { ($0.key, json($0.value)) }))
    }
    return PythonJSON.object([
      ("profiles", PythonJSON.array(document.profileNames.map(PythonJSON.string))),
      ("raw", PythonJSON.object(raw)),
      ("sso", PythonJSON.array(document.ssoSessionNames.map(PythonJSON.string))),
    ])
  }

  static func json(_ value: AWSConfigValue) -> String {
    switch value {
    case .text(let text): PythonJSON.string(text)
    case .nested(let values): PythonJSON.object(values.map { ($0.key, PythonJSON.string($0.value)) })
    }
  }
}
