import PropertyBased
import Testing
import Yams
@testable import ConeShellBase
@testable import ConeShellKit

/// cone's config.yaml is edited, not rewritten: only the changed keys' text changes.
@Suite struct C1ConfigEditTests {
  /// Comments (own lines and after values), an anchor with a merge-key alias, flow
  /// lists and mappings, unknown keys at the top and inside profiles, a block scalar
  /// whose text looks like a comment, blank lines.
  static let rich = """
    # cone's config, kept in dotfiles
    defaults: &defaults              # shared settings
      api-endpoint: https://acme.conductor.one
      retries: 3

    profiles:
      # my own tenant
      default:
        <<: *defaults
        client-id: old@acme.conductor.one/pcc   # from `cone login`
        client-secret: secret-token:old
        output: json
      work: {client-id: w@work.conductor.one/pcc, client-secret: w-secret, tags: [a, b]}

    aws_sso_start_url: https://acme.awsapps.com/start
    aws_sso_region: us-east-1   # where Identity Center lives
    regions: [us-east-1, eu-west-1]
    notes: |
      # not a comment: text
      kept as is
    # the end

    """

  @Test func everythingButTheChangedKeysSurvivesByteForByte() throws {
    var config = try C1Config(parsing: Self.rich)
    config.setCredential(
      profile: "default", clientID: "new@acme.conductor.one/pcc", clientSecret: "secret-token:new",
      apiEndpoint: "https://eu.acme.conductor.one")
    config.setCredential(profile: "work", clientID: "w2@work.conductor.one/pcc", clientSecret: "w-secret")
    config.setCredential(profile: "lab", clientID: "lab@lab.conductor.one/pcc", clientSecret: "lab-secret")
    config.awsSSORegion = "eu-west-1"
    config.awsDefaultRegion = "eu-west-1"
    #expect(config.failure == nil)
    #expect(
      config.text == """
        # cone's config, kept in dotfiles
        defaults: &defaults              # shared settings
          api-endpoint: https://acme.conductor.one
          retries: 3

        profiles:
          # my own tenant
          default:
            <<: *defaults
            client-id: "new@acme.conductor.one/pcc"   # from `cone login`
            client-secret: "secret-token:new"
            output: json
            api-endpoint: "https://eu.acme.conductor.one"
          work: {client-id: "w2@work.conductor.one/pcc", client-secret: w-secret, tags: [a, b]}
          lab:
            client-id: "lab@lab.conductor.one/pcc"
            client-secret: "lab-secret"

        aws_sso_start_url: https://acme.awsapps.com/start
        aws_sso_region: "eu-west-1"   # where Identity Center lives
        regions: [us-east-1, eu-west-1]
        notes: |
          # not a comment: text
          kept as is
        aws_default_region: "eu-west-1"
        # the end

        """)
  }

  @Test func removingAKeyTakesItsLinesOnly() throws {
    var config = try C1Config(parsing: Self.rich)
    config.awsSSORegion = nil
    config.setCredential(profile: "default", clientID: "old@acme.conductor.one/pcc", clientSecret: "secret-token:old")
    #expect(config.text == Self.rich.replacing("aws_sso_region: us-east-1   # where Identity Center lives\n", with: ""))
    var withEndpoint = try C1Config(
      parsing: "profiles:\n  default:\n    api-endpoint: https://x # old\n    client-id: a\n    client-secret: b\n# end\n")
    withEndpoint.setCredential(profile: "default", clientID: "a", clientSecret: "b")
    #expect(withEndpoint.text == "profiles:\n  default:\n    client-id: a\n    client-secret: b\n# end\n")
  }

  @Test func lineEndsAndAMissingFinalLineBreakStay() throws {
    var config = try C1Config(
      parsing: "profiles:\r\n  default:\r\n    client-id: old # keep\r\n    api-endpoint: https://x\r\naws_sso_region: us-east-1")
    config.setCredential(profile: "default", clientID: "new", clientSecret: "s")
    config.awsSSORegion = "eu-west-1"
    config.awsDefaultRegion = "eu-west-2"
    #expect(
      config.text
        == "profiles:\r\n  default:\r\n    client-id: \"new\" # keep\r\n    client-secret: \"s\"\r\n"
        + "aws_sso_region: \"eu-west-1\"\r\naws_default_region: \"eu-west-2\"")
    // The value on the last line changes; the file still ends without a line break.
    var last = try C1Config(parsing: "x: 1\naws_sso_region: a")
    last.awsSSORegion = "b"
    #expect(last.text == "x: 1\naws_sso_region: \"b\"")
  }

  @Test func flowMappingsAreEditedInPlace() throws {
    var config = try C1Config(parsing: "profiles: {default: {client-id: x, api-endpoint: y}}  # flow\nregion: z\n")
    config.setCredential(profile: "default", clientID: "n", clientSecret: "s")
    config.setCredential(profile: "w", clientID: "m", clientSecret: "t")
    #expect(
      config.text
        == "profiles: {default: {client-id: \"n\", client-secret: \"s\"}, w: {client-id: \"m\", client-secret: \"t\"}}"
        + "  # flow\nregion: z\n")
    var root = try C1Config(parsing: "{profiles: {}, aws_sso_region: x}")
    root.awsSSORegion = nil
    root.setCredential(profile: "default", clientID: "n", clientSecret: "s")
    #expect(root.text == "{profiles: {default: {client-id: \"n\", client-secret: \"s\"}}}")
  }

  @Test func aFlowListOverLinesDoesNotHideWhereAMappingEnds() throws {
    // libyaml takes a flow list's next line at any indentation, even under its key's.
    let text = "profiles:\n  work:\n    tags: [a,\n b]\n    output: json\n    notes: >-\n      folded\n      text\n# end\n"
    var config = try C1Config(parsing: text)
    config.setCredential(profile: "new", clientID: "a", clientSecret: "b")
    #expect(config.failure == nil)
    #expect(
      config.text
        == text.replacing("# end\n", with: "  new:\n    client-id: \"a\"\n    client-secret: \"b\"\n# end\n"))
  }

  @Test func missingOrNullMappingsAreWrittenInFull() throws {
    let cases: [(String, String)] = [
      ("", "profiles:\n  default:\n    client-id: \"a\"\n    client-secret: \"b\"\n"),
      ("# mine", "# mine\nprofiles:\n  default:\n    client-id: \"a\"\n    client-secret: \"b\""),
      ("---\n", "---\nprofiles:\n  default:\n    client-id: \"a\"\n    client-secret: \"b\"\n"),
      ("profiles:  # none yet\nx: 1\n", "profiles:  # none yet\n  default:\n    client-id: \"a\"\n    client-secret: \"b\"\nx: 1\n"),
      ("profiles:\n  default: ~\n", "profiles:\n  default:\n    client-id: \"a\"\n    client-secret: \"b\"\n"),
      // The file's own indentation.
      ("x:\n    y: 1\n", "x:\n    y: 1\nprofiles:\n    default:\n        client-id: \"a\"\n        client-secret: \"b\"\n"),
    ]
    for (before, after) in cases {
      var config = try C1Config(parsing: before)
      config.setCredential(profile: "default", clientID: "a", clientSecret: "b")
      #expect(config.failure == nil)
      #expect(config.text == after, "from \(String(reflecting: before))")
    }
    // The last top-level key can go, leaving the comments.
    var only = try C1Config(parsing: "# c\naws_default_region: a\n")
    only.awsDefaultRegion = nil
    #expect(only.text == "# c\n")
  }

  /// Each would add a key, a comment, an alias, a list or a document if written bare.
  static let hostile = [
    "new\nline: x", "# comment", "a: b", "'single'", "\"double\"", "&anchor", "*alias", "- item", "{x: 1}", "[y]",
    "back\\slash", "tab\there", "  spaced  ", "nel\u{85}ls\u{2028}ps\u{2029}", "bell\u{7}del\u{7F}", "a\u{FEFF}bom", "---",
    "...", "? key", "| block", "> folded", "!!binary x", "%YAML 1.2", "@at", "`tick", "ünï ✓", "true", "~", "0x10",
    "123",
  ]

  @Test(arguments: hostile) func hostileValuesReadBackAsTheSameString(value: String) throws {
    var config = try C1Config(parsing: "profiles:\n  default:\n    client-id: a\nx: 1\n")
    config.setCredential(profile: value, clientID: value, clientSecret: value, apiEndpoint: value)
    config.setCredential(profile: "default", clientID: value, clientSecret: value)
    config.awsSSOStartURL = value
    config.awsSSORegion = value
    #expect(config.failure == nil)
    let reread = try C1Config(parsing: config.text)
    let profile = C1Profile(name: value, clientID: value, clientSecret: value, apiEndpoint: value)
    #expect(reread.profile(named: value) == profile)
    #expect(reread.profile(named: "default")?.clientID == value)
    #expect(reread.awsSSOStartURL == value)
    #expect(reread.awsSSORegion == value)
    // No key, alias or document came with it: the structure is exactly the edit.
    let root = try #require(try Yams.compose(yaml: config.text)?.mapping)
    #expect(root.keys.compactMap(\.string) == ["profiles", "x", "aws_sso_start_url", "aws_sso_region"])
    #expect(root["profiles"]?.mapping?.count == 2)
    #expect(root["profiles"]?["default"]?.mapping?.keys.compactMap(\.string) == ["client-id", "client-secret"])
    for scalar in [root["aws_sso_region"], root["profiles"]?["default"]?["client-id"]] {
      #expect(scalar?.scalar?.string == value)
      #expect(scalar?.scalar?.style == .doubleQuoted)
    }
  }

  @Test func aValueYamsCannotReadBackIsRefused() throws {
    // Yams drops a scalar's leading byte order mark: written, the value would change.
    var config = try C1Config(parsing: "x: 1\n")
    config.awsSSORegion = "\u{FEFF}bom"
    #expect(config.failure == .cannotEdit(
      path: "config.yaml", key: "aws_sso_region", reason: "the edited text would not read back as that change alone"))
    #expect(config.text == "x: 1\n")
    #expect(config.awsSSORegion == nil)
  }

  @Test func settingWhatIsThereWritesNothing() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("config.yaml")
    try FileSystem.writeAtomically(Array(Self.rich.utf8), to: path, mode: 0o644)
    let before = try #require(Self.status(path))
    var config = try C1Config.load(from: path)
    config.setCredential(profile: "default", clientID: "old@acme.conductor.one/pcc", clientSecret: "secret-token:old")
    config.awsSSOStartURL = "https://acme.awsapps.com/start"
    config.awsSSORegion = "us-east-1"
    config.awsDefaultRegion = nil
    try config.save(to: path)
    let after = try #require(Self.status(path))
    #expect(after.inode == before.inode)
    #expect(after.modified == before.modified)
    #expect(after.mode == 0o644)
    #expect(try FileSystem.readText(path) == Self.rich)
    // A missing file with nothing to say stays missing.
    try C1Config.load(from: dir.file("none.yaml")).save(to: dir.file("none.yaml"))
    #expect(!FileSystem.exists(dir.file("none.yaml")))
  }

  @Test func aSymlinkedConfigStaysALinkAndItsTargetChanges() throws {
    let dir = TemporaryDirectory()
    try FileSystem.createDirectory(dir.file("dotfiles"), mode: 0o700)
    try FileSystem.createDirectory(dir.file(".conductorone"), mode: 0o700)
    let target = dir.file("dotfiles/cone.yaml")
    let link = dir.file(".conductorone/config.yaml")
    try FileSystem.writeAtomically(Array(Self.rich.utf8), to: target, mode: 0o640)
    #expect(symlink("../dotfiles/cone.yaml", link) == 0)

    var config = try C1Config.load(from: link)
    config.awsSSORegion = "eu-west-1"
    try config.save(to: link)
    #expect(Self.linkTarget(link) == "../dotfiles/cone.yaml")
    let expected = Self.rich.replacing("aws_sso_region: us-east-1", with: "aws_sso_region: \"eu-west-1\"")
    #expect(try FileSystem.readText(target) == expected)
    // The owner's bits stay; group and others lose theirs: the file holds secrets.
    #expect(FileSystem.mode(of: target) == 0o600)

    // A link to a file not there yet: the file is made there, 0600, in a 0700 directory.
    let dangling = dir.file("dangling.yaml")
    #expect(symlink(dir.file("new/cone.yaml"), dangling) == 0)
    var fresh = try C1Config.load(from: dangling)
    fresh.setCredential(profile: "default", clientID: "a", clientSecret: "b")
    try fresh.save(to: dangling)
    #expect(Self.linkTarget(dangling) == dir.file("new/cone.yaml"))
    #expect(FileSystem.mode(of: dir.file("new/cone.yaml")) == 0o600)
    #expect(FileSystem.mode(of: dir.file("new")) == 0o700)
    #expect(try C1Config.load(from: dangling).profile(named: "default")?.clientSecret == "b")
  }

  @Test func anEditThroughASharedAnchorIsRefusedAndNothingIsWritten() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("config.yaml")
    let text = "profiles:\n  default: &base\n    client-id: a\n  copy: *base\n"
    try FileSystem.writeAtomically(Array(text.utf8), to: path, mode: 0o600)
    var config = try C1Config.load(from: path)
    config.setCredential(profile: "default", clientID: "n", clientSecret: "s")
    config.awsSSORegion = "eu-west-1"
    #expect(config.failure == .cannotEdit(
      path: path, key: "profiles.default",
      reason: "it carries the YAML anchor &base, which an alias elsewhere in the file shares"))
    #expect(throws: C1ConfigError.self) { try config.save(to: path) }
    #expect(try FileSystem.readText(path) == text)
    #expect("\(config.failure!)".contains(path))
    // Through the alias itself, too.
    var copy = try C1Config(parsing: text)
    copy.setCredential(profile: "copy", clientID: "n", clientSecret: "s")
    #expect(copy.failure != nil)
    #expect(copy.text == text)
  }

  @Test func randomConfigsChangeOnlyTheirKeys() async throws {
    await propertyCheck(count: 300, input: C1ConfigGrammar.generator, Gen.uint64()) { sample, seed in
      var random = SplitMix(seed: seed)
      let edits = (0..<Int.random(in: 1...3, using: &random)).map { _ in C1ConfigEdit.random(using: &random) }
      let problems = try C1ConfigEdit.problems(making: edits, on: sample)
      #expect(problems.isEmpty, "\(edits)")
    }
  }

  // MARK: Helpers

  /// The inode, the modification time in nanoseconds and the mode of `path`.
  static func status(_ path: String) -> (inode: UInt64, modified: Int, mode: FileMode)? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    #if canImport(Darwin)
    let time = status.st_mtimespec
    #else
    let time = status.st_mtim
    #endif
    return (UInt64(status.st_ino), Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec), status.st_mode & 0o7777)
  }

  static func linkTarget(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
