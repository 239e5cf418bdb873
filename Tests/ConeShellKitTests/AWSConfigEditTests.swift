import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct AWSConfigEditTests {
  @Test func addAppendsAfterOneBlankLineWithTheFilesLineEnd() throws {
    var document = try AWSConfigDocument(parsing: "[default]\r\nregion = eu-west-1")
    let change = try document.setProfile("prod-admin", [("region", "us-west-2"), ("output", "json")])
    #expect(change == .added)
    #expect(
      document.text
        == "[default]\r\nregion = eu-west-1\r\n\r\n[profile prod-admin]\r\nregion = us-west-2\r\noutput = json\r\n")
  }

  @Test func addToAnEmptyFileOrAfterABlankLineAddsNoExtraBlankLine() throws {
    var empty = AWSConfigDocument()
    try empty.setProfile("a", [("region", "us-east-1")])
    #expect(empty.text == "[profile a]\nregion = us-east-1\n")
    var commented = try AWSConfigDocument(parsing: "# mine\n\n")
    try commented.setSSOSession("cone-sso", [("sso_region", "us-east-1")])
    #expect(commented.text == "# mine\n\n[sso-session cone-sso]\nsso_region = us-east-1\n")
    var named = AWSConfigDocument()
    try named.setProfile("default", [])
    #expect(named.text == "[default]\n")
  }

  @Test func updateReplacesInPlaceKeepsSpellingAndCommentsAndAddsBeforeTrailingComments() throws {
    var document = try AWSConfigDocument(
      parsing: """
        [profile a]
        # my note
        Region: eu-west-1
        cone_app_id=old
        multi = one
          two
        output = text

        # about b
        [profile b]
        region = us-east-1

        """)
    let change = try document.setProfile(
      "a", [("region", "us-west-2"), ("cone_app_id", "new"), ("multi", "single"), ("cone_shell_managed", "true")],
      removing: ["output"])
    #expect(change == .updated)
    #expect(
      document.text == """
        [profile a]
        # my note
        Region: us-west-2
        cone_app_id=new
        multi = single
        cone_shell_managed = true

        # about b
        [profile b]
        region = us-east-1

        """)
  }

  @Test func updateWithTheSameValuesChangesNothing() throws {
    let text = "[profile a]\nregion   =   us-west-2\noutput=json\n"
    var document = try AWSConfigDocument(parsing: text)
    #expect(
      try document.setProfile("a", [("region", "us-west-2"), ("output", "json")], removing: ["absent"]) == .unchanged)
    #expect(document.text == text)
  }

  @Test func updateOfAFileWithoutFinalNewlineAndIndentedKeys() throws {
    var document = try AWSConfigDocument(parsing: "[profile a]\n  region = x\n  output = y")
    try document.setProfile("a", [("cone_shell_managed", "true")])
    #expect(document.text == "[profile a]\n  region = x\n  output = y\n  cone_shell_managed = true\n")
    var empty = try AWSConfigDocument(parsing: "[profile a]\n    [profile b]\nk = v\n")
    try empty.setProfile("a", [("region", "x")])
    // The new key is as deep as the next header, or that header would continue it.
    #expect(empty.text == "[profile a]\n    region = x\n    [profile b]\nk = v\n")
    #expect(empty.profileNames == ["a", "b"])
  }

  @Test func aLoneCRNeverMeetsAnEmptyLFLine() throws {
    // Python reads CR then LF as one line end, which would swallow a blank line.
    var appended = try AWSConfigDocument(parsing: "[a]\nk = v\r")
    try appended.setProfile("b", [])
    #expect(appended.text == "[a]\nk = v\r\r[profile b]\n")
    var updated = try AWSConfigDocument(parsing: "[profile a]\rk = v\r  more\n\nx = 1\n")
    try updated.setProfile("a", [("k", "w")])
    #expect(updated.text == "[profile a]\rk = w\r\nx = 1\n")
    #expect(try AWSConfigDocument(parsing: updated.text).sections == updated.sections)
    try updated.setProfile("a", [("y", "2")])
    #expect(updated.text == "[profile a]\rk = w\r\nx = 1\ny = 2\r")
  }

  @Test func updateEditsTheSectionBotocoreUses() throws {
    var document = try AWSConfigDocument(parsing: "[default]\nregion = a\n\n[profile default]\nregion = b\n")
    try document.setProfile("default", [("region", "c")])
    #expect(document.text == "[default]\nregion = a\n\n[profile default]\nregion = c\n")
  }

  @Test func removeTakesTheSectionAndItsBlankLinesButNotTheNextSectionsComments() throws {
    var document = try AWSConfigDocument(
      parsing: """
        [profile a]
        region = x

        [profile b]
        # inside b
        region = y

        # about c
        [profile c]
        region = z
        """)
    let removed = document.removeProfile("b")
    let missing = document.removeProfile("missing")
    #expect(removed && !missing)
    #expect(document.text == "[profile a]\nregion = x\n\n# about c\n[profile c]\nregion = z")
    #expect(document.profileNames == ["a", "c"])
    document.removeProfile("c")
    #expect(document.text == "[profile a]\nregion = x\n\n# about c\n")
  }

  @Test func removeTakesEverySectionOfThatNameAndUnindentsAHeaderThatWouldContinueAValue() throws {
    var document = try AWSConfigDocument(
      parsing: "[default]\nx = 1\n[profile default]\n    y = 2\n    [profile z]\nk = v\n")
    let count = document.removeProfiles(["default"])
    #expect(count == 2)
    #expect(document.text == "    [profile z]\nk = v\n")
    var indented = try AWSConfigDocument(parsing: "[a]\nx = 1\n[profile b]\n    y = 2\n  [c]\nk = v\n")
    indented.removeProfile("b")
    #expect(indented.text == "[a]\nx = 1\n[c]\nk = v\n")
    #expect(try AWSConfigDocument(parsing: indented.text).sections.map(\.header) == ["a", "c"])
  }

  @Test func ssoSessionsAreEditedTheSameWay() throws {
    var document = try AWSConfigDocument(parsing: "[sso-session cone-sso]\nsso_region = eu-west-1\n")
    try document.setSSOSession(
      "cone-sso", [("sso_region", "us-east-1"), ("sso_start_url", "https://d-1.awsapps.com/start")])
    #expect(
      document.text == "[sso-session cone-sso]\nsso_region = us-east-1\nsso_start_url = https://d-1.awsapps.com/start\n"
    )
    document.removeSSOSession("cone-sso")
    #expect(document.text.isEmpty)
  }

  @Test func manyProfilesAreAddedUpdatedAndReparsedInLinearTime() throws {
    var document = AWSConfigDocument()
    let values = { (number: Int) -> [(key: String, value: String)] in
      [
        ("credential_process", "/usr/local/bin/cone-shell creds account\(number)-admin"),
        ("cone_app_id", "2ab0mX6\(number)"), ("cone_entitlement_id", "2ab1nY7\(number)"),
        ("cone_sso_account_id", "111111111111"), ("cone_sso_role_name", "AdministratorAccess"),
        ("cone_sso_region", "us-east-1"), ("cone_sso_start_url", "https://d-1234567890.awsapps.com/start"),
        ("cone_shell_managed", "true"), ("region", "us-west-2"), ("output", "json"),
      ]
    }
    let clock = ContinuousClock()
    let start = clock.now
    for number in 0..<10_000 { try document.setProfile("account\(number)-admin", values(number)) }
    for number in stride(from: 0, to: 10_000, by: 10) {
      try document.setProfile("account\(number)-admin", [("region", "eu-west-1")], removing: ["output"])
    }
    var reparsed = try AWSConfigDocument(parsing: document.text)
    let elapsed = clock.now - start
    print("10,000 profiles: add, update 1,000, render and reparse in \(elapsed)")
    #expect(reparsed.profileNames.count == 10_000)
    #expect(reparsed.profile("account40-admin")?.text("region") == "eu-west-1")
    #expect(reparsed.profile("account40-admin")?.text("output") == nil)
    #expect(reparsed.profile("account43-admin")?.text("output") == "json")
    let removedCount = reparsed.removeProfiles((0..<5_000).map { "account\($0)-admin" })
    #expect(removedCount == 5_000)
    #expect(reparsed.profileNames.first == "account5000-admin")
  }

  @Test func noEditMakesASectionInheritABrokenDefaultValue() throws {
    // botocore accepts this file only while every section overrides `s3`.
    let text = "[DEFAULT]\ns3 =\n  junk\n[profile a]\ns3 = 1\n"
    var document = try AWSConfigDocument(parsing: text)
    let broken = AWSConfigParseError(.nestedLineWithoutEquals(key: "s3"), line: 3)
    #expect(throws: AWSConfigEditError.inheritsBrokenDefault(broken)) {
      try document.setProfile("b", [("region", "x")])
    }
    #expect(throws: AWSConfigEditError.inheritsBrokenDefault(broken)) {
      try document.setProfile("a", [], removing: ["s3"])
    }
    #expect(try document.setProfile("a", [("region", "x")]) == .updated)
    #expect(try document.setProfile("b", [("s3", "2")]) == .added)
    _ = try AWSConfigDocument(parsing: document.text)
  }

  @Test(arguments: [
    ("bad name", [(String, String)](), [String]()),
    ("a", [("Region", "x")], []),
    ("a", [("a=b", "x")], []),
    ("a", [("[x", "x")], []),
    ("a", [("", "x")], []),
    ("a", [("k", "x\n[profile evil]")], []),
    ("a", [("k", "x\rk2 = y")], []),
    ("a", [("k", "x\u{2028}y")], []),
    ("a", [("k", "x\u{0}")], []),
    ("a", [("k", "x # y")], []),
    ("a", [("k", "x;y")], []),
    ("a", [("k", " x")], []),
    ("a", [("k", "x\u{00A0}")], []),
    ("a", [("k", "x"), ("k", "y")], []),
    ("a", [("k", "x")], ["k"]),
    ("a", [], ["K"]),
  ])
  func theWriterRefusesWhatCouldBreakTheFile(name: String, values: [(String, String)], removing: [String]) throws {
    let text = "[profile a]\nk = v\n"
    var document = try AWSConfigDocument(parsing: text)
    #expect(throws: AWSConfigEditError.self) {
      try document.setProfile(name, values.map { (key: $0.0, value: $0.1) }, removing: removing)
    }
    #expect(document.text == text)
  }
}
