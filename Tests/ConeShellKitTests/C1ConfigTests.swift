import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct C1ConfigTests {
  /// A config as cone and a user leave it: several profiles, the aws_* keys, keys
  /// cone-shell knows nothing about, at every level.
  static let existing = """
    profiles:
      default:
        client-id: strange-hydra-68836@acme.conductor.one/pcc
        client-secret: secret-token:conductorone.com:v1:eyJrdHkiOiJPS1AifQ
        output: json
      work:
        client-id: other@work.conductor.one/pcc
        client-secret: secret-token:conductorone.com:v1:b3RoZXI
        api-endpoint: https://work.conductor.one
    aws_sso_start_url: https://acme.awsapps.com/start
    aws_sso_region: us-east-1
    aws_default_region: us-west-2
    debug: false
    custom:
      nested: [1, 2, 3]

    """

  @Test func readsConesFormat() throws {
    let config = try C1Config(parsing: Self.existing)
    #expect(config.profileNames == ["default", "work"])
    #expect(config.profile(named: "default")?.clientID == "strange-hydra-68836@acme.conductor.one/pcc")
    #expect(config.profile(named: "work")?.apiEndpoint == "https://work.conductor.one")
    #expect(config.profile(named: "missing") == nil)
    #expect(config.awsSSOStartURL == "https://acme.awsapps.com/start")
    #expect(config.awsSSORegion == "us-east-1")
    #expect(config.awsDefaultRegion == "us-west-2")
  }

  @Test func writingACredentialKeepsEveryOtherKey() throws {
    let dir = TemporaryDirectory()
    let path = dir.file(".conductorone/config.yaml")
    try FileSystem.createDirectory(dir.file(".conductorone"), mode: 0o755)
    try FileSystem.writeAtomically(Array(Self.existing.utf8), to: path, mode: 0o644)

    var config = try C1Config.load(from: path)
    config.setCredential(profile: "default", clientID: "new@acme.conductor.one/pcc", clientSecret: "secret-token:x:v1:bmV3")
    config.setCredential(profile: "third", clientID: "t@acme.conductor.one/pcc", clientSecret: "secret-token:x:v1:dA")
    try config.save(to: path)

    let reread = try C1Config.load(from: path)
    #expect(reread.profileNames == ["default", "work", "third"])
    #expect(reread.profile(named: "default")?.clientID == "new@acme.conductor.one/pcc")
    #expect(reread.profile(named: "work") == config.profile(named: "work"))
    #expect(reread.awsSSOStartURL == "https://acme.awsapps.com/start")
    #expect(reread.awsDefaultRegion == "us-west-2")
    let text = try #require(try FileSystem.readText(path))
    #expect(text.contains("output: json"))
    #expect(text.contains("debug: false"))
    #expect(text.contains("nested:"))
    // cone writes 0644; the secret deserves 0600 whatever the file had.
    #expect(FileSystem.mode(of: path) == 0o600)
  }

  @Test func awsSettingsAreTopLevelAndRemovable() throws {
    var config = try C1Config(parsing: Self.existing)
    config.awsSSORegion = "eu-west-1"
    config.awsDefaultRegion = nil
    let reread = try C1Config(parsing: config.text)
    #expect(reread.awsSSORegion == "eu-west-1")
    #expect(reread.awsDefaultRegion == nil)
    #expect(reread.awsSSOStartURL == "https://acme.awsapps.com/start")
  }

  @Test func newFileIs0600InA0700Directory() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("cfg/config.yaml")
    var config = C1Config()
    config.setCredential(profile: "default", clientID: "a@b/pcc", clientSecret: "s")
    try config.save(to: path)
    #expect(FileSystem.mode(of: path) == 0o600)
    #expect(FileSystem.mode(of: dir.file("cfg")) == 0o700)
    #expect(try C1Config.load(from: path).profile(named: "default")?.clientSecret == "s")
  }

  @Test func missingOrEmptyFileIsEmpty() throws {
    #expect(try C1Config.load(from: "/nonexistent/config.yaml").profileNames.isEmpty)
    #expect(try C1Config(parsing: "").profileNames.isEmpty)
  }

  @Test func malformedFileNamesPathAndLine() {
    #expect {
      _ = try C1Config(parsing: "profiles:\n  default:\n    client-id: [unclosed\n", path: "/h/config.yaml")
    } throws: { error in
      let text = "\(error)"
      return text.contains("/h/config.yaml") && text.contains("line") && text.contains("cone-shell login")
    }
    #expect(throws: C1ConfigError.self) { _ = try C1Config(parsing: "- a list\n") }
    #expect(throws: C1ConfigError.self) { _ = try C1Config(parsing: "profiles: 3\n") }
  }

  @Test func anAliasBombIsRefusedAtOnce() throws {
    // The classic: ten levels of ten aliases, 10^10 nodes expanded.
    var bomb = "lol: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in 1...9 {
      bomb += "l\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    let dir = TemporaryDirectory()
    let path = dir.file("config.yaml")
    for text in [bomb, bomb + "profiles:\n  default:\n    <<: *a9\n", bomb + "? *a9\n: as a key\n"] {
      try FileSystem.writeAtomically(Array(text.utf8), to: path, mode: 0o600)
      let clock = ContinuousClock()
      let start = clock.now
      #expect(throws: C1ConfigError.tooManyAliases(path: path, limit: YAMLAliasGuard.limit)) {
        _ = try C1Config.load(from: path)
      }
      #expect(clock.now - start < .seconds(1))
    }
    let message = "\(C1ConfigError.tooManyAliases(path: path, limit: YAMLAliasGuard.limit))"
    #expect(message.contains("\(path) uses too many YAML aliases"))
    #expect(message.contains("replace the aliases"))
    // A few aliases are fine.
    let few = "a: &a [x, y]\nb: [*a, *a, *a]\nprofiles:\n  default: {client-id: c, client-secret: d}\n"
    #expect(try C1Config(parsing: few).profile(named: "default")?.clientID == "c")
  }

  @Test func theGuardCountsWhatExpansionWouldMake() throws {
    #expect(try YAMLAliasGuard.expandedSize(of: "") == 0)
    #expect(try YAMLAliasGuard.expandedSize(of: "a: 1\n") == 3)
    // [x, y] is 3 nodes; each alias of it counts 3 again.
    #expect(try YAMLAliasGuard.expandedSize(of: "a: &a [x, y]\nb: [*a, *a]\n") == 1 + 1 + 3 + 1 + (1 + 3 + 3))
    // A `*` that is not an alias is text.
    #expect(try YAMLAliasGuard.expandedSize(of: "a: '*x'\nb: x*y\n# *z\n") == 5)
    #expect(try YAMLAliasGuard.isSafe("a: 1\n"))
  }
}
