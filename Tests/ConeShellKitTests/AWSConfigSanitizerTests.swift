import PropertyBased
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct AWSConfigSanitizerTests {
  /// What a hostile or careless API could return as an account or entitlement name.
  static let hostile = [
    "\n[profile evil]\ncredential_process = /bin/sh -c evil", "credential_process = x", "#", ";", "\"", "'", "\\",
    "\r", "\r\n", "\u{0}", "\u{2028}", "\u{2029}", "\u{85}", "\u{0B}", "\u{0C}", "\u{1C}", "\t", " ", "\u{A0}", "[",
    "]", "=", ":", "Production", "Admin Access", "ünï", "生产", "\u{212A}", "$HOME", "`id`", "e\u{301}", "\u{FEFF}",
    "\u{202E}", "../..", "a", "-",
  ]

  static let hostileText = Generator<String, Shrink.None<String>> { rng in
    var random = SplitMix(seed: rng.next())
    return (0..<Int.random(in: 0...6, using: &random)).map { _ in hostile.randomElement(using: &random)! }.joined()
  }

  @Test func profileNamesAreConesAndSafe() {
    #expect(
      AWSConfigSanitizer.profileName(account: "Production", role: "DatabaseAdministrator")
        == "production-databaseadministrator")
    #expect(
      AWSConfigSanitizer.profileName(account: "Prod Account", role: "AdministratorAccess")
        == "prod-account-administratoraccess")
    #expect(
      AWSConfigSanitizer.profileName(account: "prod\n[profile evil]", role: "x#y;z")
        == "prodprofile-evil-xyz")
    #expect(AWSConfigSanitizer.profileName(account: "生产", role: "") == "aws-role")
    #expect(AWSConfigSanitizer.profileName(account: "a.b_c@d+e/f", role: "R") == "a.b_c@d+e/f-r")
  }

  @Test func valuesLoseWhatCouldBreakAnyReader() {
    #expect(
      AWSConfigSanitizer.value("  prod\n[profile evil]\ncredential_process = /bin/sh -c evil # x; y  ")
        == "prodprofile evilcredential_process = /bin/sh -c evil  x y")
    #expect(AWSConfigSanitizer.value("a\r\u{0}\u{2028}b\"c\\d\t") == "abcd")
    #expect(AWSConfigSanitizer.value("\u{A0}\u{3000}x\u{A0}") == "x")
  }

  @Test func sanitisedHostileTextCreatesExactlyTheIntendedSectionAndKeys() async {
    await propertyCheck(count: 300, input: Self.hostileText, Self.hostileText) { account, role in
      let name = AWSConfigSanitizer.profileName(account: account, role: role)
      let value = AWSConfigSanitizer.value(account + role)
      var document = try AWSConfigDocument(parsing: "[default]\nregion = eu-west-1\n")
      try document.setProfile(name, [("cone_app_id", value), ("region", AWSConfigSanitizer.value(role))])
      try document.setProfile(name, [("cone_entitlement_id", value)])
      try document.setSSOSession("cone-sso", [("sso_start_url", value)])
      let reparsed = try AWSConfigDocument(parsing: document.text)
      #expect(reparsed.sections.map(\.header) == ["default", "profile " + name, "sso-session cone-sso"])
      #expect(reparsed.profileNames == ["default", name])
      #expect(
        reparsed.profile(name)?.entries == [
          AWSConfigEntry(key: "cone_app_id", value: .text(value)),
          AWSConfigEntry(key: "region", value: .text(AWSConfigSanitizer.value(role))),
          AWSConfigEntry(key: "cone_entitlement_id", value: .text(value)),
        ])
      #expect(reparsed.ssoSession("cone-sso")?.entries == [AWSConfigEntry(key: "sso_start_url", value: .text(value))])
    }
  }

  @Test func theWriterRefusesRawHostileText() throws {
    var document = AWSConfigDocument()
    for text in Self.hostile
    where text.unicodeScalars.contains(where: {
      "#;\n\r\u{0}\u{2028}\u{2029}\u{85}\u{0B}\u{0C}\u{1C}\t".unicodeScalars.contains($0)
    }) {
      #expect(throws: AWSConfigEditError.self) { try document.setProfile("a", [("k", "v" + text + "v")]) }
      #expect(throws: AWSConfigEditError.self) { try document.setProfile("v" + text, []) }
      #expect(throws: AWSConfigEditError.self) { try document.setProfile("a", [("k" + text, "v")]) }
    }
    #expect(throws: AWSConfigEditError.self) { try document.setProfile("a", [("k", " v")]) }
    #expect(document.text.isEmpty)
  }
}

@Suite struct AWSCredentialProcessTests {
  @Test(arguments: [
    (["/usr/local/bin/cone-shell", "creds", "prod-admin"], "/usr/local/bin/cone-shell creds prod-admin"),
    (["/Users/Jane Doe/bin/cone-shell", "creds", "prod-admin"], "\"/Users/Jane Doe/bin/cone-shell\" creds prod-admin"),
    (["/Users/Jane Doe/cone-shell", "creds", "a b"], "/\"Users/Jane Doe/cone-shell\" creds \"a b\""),
    (["/home/o'brien/cone-shell"], "/\"home/o'brien/cone-shell\""),
    (["/x", "", "~/y", "a=b", "*"], "/x \"\" \"~/y\" \"a=b\" \"*\""),
  ])
  func rendersArgumentsSoBothReadersGetThemBack(arguments: [String], line: String) throws {
    #expect(try AWSCredentialProcess.commandLine(arguments) == line)
    #expect(AWSCredentialProcess.arguments(of: line) == arguments)
  }

  @Test(arguments: [
    [], [""], ["/a#b"], ["/a;b"], ["/a\"b"], ["/a\\b"], ["/a$b"], ["/a`b"], ["/a\nb"], ["/x", "\r"], [" x"],
  ])
  func refusesWhatItCannotQuoteSafely(arguments: [String]) {
    #expect(throws: AWSConfigEditError.self) { try AWSCredentialProcess.commandLine(arguments) }
  }

  static let argument = Generator<String, Shrink.None<String>> { rng in
    var random = SplitMix(seed: rng.next())
    let pieces = [
      "a", "Z", "0", "/", "-", ".", "_", " ", "'", "=", "~", "*", "!", "&", "|", "(", "ü", "@", "%", ",", ":", "\t",
      "#", "$",
    ]
    return (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
  }

  @Test func shlexReadsBackEveryRenderedCommandLine() async {
    await propertyCheck(count: 400, input: Self.argument.array(of: 1...4)) { arguments in
      let command = ["/usr/bin/cone-shell"] + arguments
      guard let line = try? AWSCredentialProcess.commandLine(command) else {
        #expect(arguments.contains { $0.contains("#") || $0.contains("$") || $0.contains("\t") })
        return
      }
      #expect(AWSCredentialProcess.arguments(of: line) == command)
      #expect((try? AWSConfigDocument.validate(value: line, of: "credential_process")) != nil)
      #expect(!(line.hasPrefix("\"") && line.hasSuffix("\"")), "the Go SDK would drop these quotes")
    }
  }

  @Test(.enabled(if: AWSConfigPython.hasPython))
  func pythonShlexAndShAgree() throws {
    let dir = TemporaryDirectory()
    let printer = dir.file("dir with space/print args")
    try FileSystem.createDirectory(dir.file("dir with space"))
    try FileSystem.writeAtomically(
      Array("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n".utf8), to: printer, mode: 0o755)
    var random = SplitMix(seed: 42)
    var lines: [String] = []
    var expected: [[String]] = []
    for _ in 0..<60 {
      let arguments = (0..<Int.random(in: 0...3, using: &random)).map { _ in
        ["a b", "'q'", "x=y", "~/h", "*", "ü", "p/q", "(x)", "!", "a|b", "", "-v"].randomElement(using: &random)!
      }
      let line = try AWSCredentialProcess.commandLine([printer] + arguments)
      lines.append(line)
      expected.append([printer] + arguments)
      // The Go SDK runs `sh -c LINE`.
      let (status, output) = try AWSConfigPython.shell(line)
      #expect(status == 0)
      #expect(String(decoding: output, as: UTF8.self) == arguments.map { $0 + "\n" }.joined(), "\(line)")
    }
    // botocore runs shlex.split(LINE).
    let file = dir.file("lines.json")
    try FileSystem.writeAtomically(Array(PythonJSON.array(lines.map(PythonJSON.string)).utf8), to: file)
    let script = """
      import json, shlex, sys
      lines = json.load(open(sys.argv[1]))
      print(json.dumps([shlex.split(line) for line in lines], separators=(",", ":")))
      """
    let output = try AWSConfigPython.run(script, [file])
    #expect(output == PythonJSON.array(expected.map { PythonJSON.array($0.map(PythonJSON.string)) }) + "\n")
  }
}
