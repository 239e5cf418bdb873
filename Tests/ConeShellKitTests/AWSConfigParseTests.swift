import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct AWSConfigParseTests {
  private func parse(_ text: String) throws -> AWSConfigDocument {
    try AWSConfigDocument(parsing: text)
  }

  @Test(arguments: [
    "",
    "\n\n",
    "# only a comment",
    "[default]",
    "[default]\nregion = us-west-2",
    "[default]\r\nregion = us-west-2\r\n",
    "[a]\rx = 1\r  continued\r",
    "; top\n  # indented\n[profile x]\nRegion: eu-west-1\n\n  # inside\ns3 =\n  addressing_style = path\n",
    "[ profile odd ]  ; trailing text after the header\nk=v",
    "[default]\nx = 1\n\n\n",
  ])
  func writesBackTheSameBytes(text: String) throws {
    #expect(Array(try parse(text).text.utf8) == Array(text.utf8))
  }

  @Test func readsValuesAsBotocoreDoes() throws {
    let document = try parse(
      """
      [profile x]
      Region_Case = Mixed
      colon: a = b
      inline = v # not a comment
      empty =
      multi = first
        second

        third
      # a comment inside is dropped
      s3 =
        Addressing_Style = path
        max = 1 # kept
      after = value\u{00A0}\u{3000}
      """)
    let profile = try #require(document.profile("x"))
    #expect(profile.entries.map(\.key) == ["region_case", "colon", "inline", "empty", "multi", "s3", "after"])
    #expect(profile.text("region_case") == "Mixed")
    #expect(profile.text("REGION_CASE") == "Mixed")
    #expect(profile.text("colon") == "a = b")
    #expect(profile.text("inline") == "v # not a comment")
    #expect(profile.text("empty") == "")
    #expect(profile.text("multi") == "first\nsecond\n\nthird")
    #expect(profile["s3"] == .nested(["Addressing_Style": "path", "max": "1 # kept"]))
    #expect(profile.text("after") == "value")
  }

  @Test func commentsInsideAValueAreDroppedAndTheValueGoesOn() throws {
    let document = try parse("[a]\nx = 1\n  # c\n  2\n\n\n")
    #expect(document.sections[0].text("x") == "1\n2")
  }

  @Test func anIndentedHeaderLikeLineContinuesAValue() throws {
    let document = try parse("[a]\nx = 1\n  [b]\ny = 2\n")
    #expect(document.sections.map(\.header) == ["a"])
    #expect(document.sections[0].text("x") == "1\n[b]")
  }

  @Test func headersFollowBotocoresRules() throws {
    let document = try parse(
      """
      [default]
      [profile   spaced]
      [profile "quoted name"]
      [profile 'c d']
      [profile x y]
      [profilefoo]
      [profile a"b]
      [Profile upper]
      [profile e]f]
      [profilex y2]
      [sso-session cone-sso]
      [services my-services]
      [preview]
      [DEFAULT]
      [ profile b ]
      """)
    #expect(document.profileNames == ["default", "spaced", "quoted name", "c d", "e]f", "y2"])
    #expect(document.ssoSessionNames == ["cone-sso"])
    #expect(
      document.sections.map(\.kind) == [
        .profile("default"), .profile("spaced"), .profile("quoted name"), .profile("c d"), .other, .other, .other,
        .other, .profile("e]f"), .profile("y2"), .ssoSession("cone-sso"), .services("my-services"), .other,
        .defaults, .other,
      ])
  }

  @Test func theLaterOfDefaultAndProfileDefaultWins() throws {
    let document = try parse("[profile default]\nj = 2\n[default]\nk = 1\n")
    #expect(document.profileNames == ["default"])
    #expect(document.profile("default")?.header == "default")
    #expect(document.profile("default")?.text("j") == nil)
  }

  @Test func resolvedProfileInheritsDefaults() throws {
    let document = try parse("[DEFAULT]\nregion = eu\noutput = json\n[profile a]\nregion = us\n[DEFAULT]\nx = 1\n")
    let resolved = try #require(document.resolvedProfile("a"))
    #expect(resolved.entries.map(\.key) == ["region", "output", "x"])
    #expect(resolved.text("region") == "us")
    #expect(document.profile("a")?.entries.count == 1)
  }

  @Test func namesAreComparedByScalarsAsPythonDoes() throws {
    // é precomposed and e + combining accent are two sections for Python.
    let document = try parse("[profile \u{E9}]\nk = 1\n[profile e\u{301}]\nk = 2\n")
    #expect(document.profileNames.count == 2)
    #expect(document.profile("\u{E9}")?.text("k") == "1")
    #expect(document.profile("e\u{301}")?.text("k") == "2")
  }

  @Test(arguments: [
    ("# ok\n\nfoo\n[a]\n", AWSConfigParseError.Reason.textBeforeFirstSection, 3),
    ("  key = v\n[a]\n", .textBeforeFirstSection, 1),
    ("[a]\n[b]\nx = 1\n[a]\n", .duplicateSection("a", firstLine: 1), 4),
    ("[a]\nx = 1\nX = 2\n", .duplicateKey("x", section: "a", firstLine: 2), 3),
    ("[DEFAULT]\nx = 1\n[a]\n[DEFAULT]\nx = 2\n", .duplicateKey("x", section: "DEFAULT", firstLine: 2), 5),
    ("[a]\nx = 1\njunk\n", .missingDelimiter, 3),
    ("[a]\n= 2\n", .emptyKey, 2),
    ("[a]\n[]\n", .missingDelimiter, 2),
    ("[a]\ns3 =\n  k = v\n\n  junk\n", .nestedLineWithoutEquals(key: "s3"), 5),
    ("[a]\ns3 =\n  k = v\u{0C}junk\n", .nestedLineWithoutEquals(key: "s3"), 3),
    ("[a]\ns3 =\n  junk\nbad line\n", .nestedLineWithoutEquals(key: "s3"), 3),
    ("[DEFAULT]\ns3 =\n  junk\n[a]\n", .nestedLineWithoutEquals(key: "s3"), 3),
    ("\u{FEFF}[a]\n", .byteOrderMark, 1),
    ("\u{FEFF}", .byteOrderMark, 1),
    ("[a]\r\nx = 1\r\n\r\nX = 1", .duplicateKey("x", section: "a", firstLine: 2), 4),
    ("[a]\rx = 1\ry\r", .missingDelimiter, 3),
  ])
  func errorsGiveTheLine(text: String, reason: AWSConfigParseError.Reason, line: Int) {
    #expect(throws: AWSConfigParseError(reason, line: line)) { try parse(text) }
  }

  @Test func whatBotocoreAcceptsIsAccepted() throws {
    // A broken nested [DEFAULT] value only fails once a section inherits it.
    _ = try parse("[DEFAULT]\ns3 =\n  junk\n")
    _ = try parse("[DEFAULT]\ns3 =\n  junk\n[a]\ns3 = 1\n")
    // [DEFAULT] may appear twice; a header may be indented; `[]` with a value is a key.
    _ = try parse("[DEFAULT]\nx = 1\n[DEFAULT]\ny = 2\n  [a]\n[]=x\n")
  }

  @Test func invalidUTF8GivesItsLine() {
    let bytes = Array("[a]\r\nx = 1\r\ny = ".utf8) + [0xFF] + Array("\n".utf8)
    #expect(throws: AWSConfigParseError(.invalidUTF8, line: 3)) { try AWSConfigDocument(parsing: bytes) }
  }

  @Test func messagesNameTheFileAndLine() {
    let error = AWSConfigParseError(.missingDelimiter, line: 12, path: "/home/u/.aws/config")
    #expect("\(error)".hasPrefix("/home/u/.aws/config line 12: line has no '=' or ':'"))
  }
}
