import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct CredentialCacheTests {
  static func entry(
    expiration: Double, grantEnd: Double? = nil, profile: String = "production-admin", signInFile: String = "/"
  ) -> CredentialCache.Entry {
    CredentialCache.Entry(
      profile: profile, accountID: "111111111111", roleName: "AdministratorAccess",
      credentials: RoleCredentials(
        accessKeyID: "ASIAEXAMPLEEXAMPLE12", secretAccessKey: "secret/with+chars=", sessionToken: "token==",
        expiration: expiration, accountID: "111111111111"),
      grantEnd: grantEnd, signInFile: signInFile)
  }

  static func usable(_ cache: CredentialCache, _ profile: String, now: Double) -> CredentialCache.Entry? {
    cache.usable(profile, accountID: "111111111111", roleName: "AdministratorAccess", now: now)
  }

  @Test func expirationIsCappedAtTheGrantsEnd() {
    #expect(Self.entry(expiration: 5000, grantEnd: 4000).expiration == 4000)
    #expect(Self.entry(expiration: 5000, grantEnd: 9000).expiration == 5000)
    #expect(Self.entry(expiration: 5000).expiration == 5000)
  }

  @Test func printsTheCredentialProcessDocumentTheAWSToolsRead() throws {
    let output = Self.entry(expiration: 1_795_374_271).processOutput
    let json = try JSONValue.decoded(from: Array(output.utf8))
    #expect(json["Version"] == .integer(1))
    #expect(json["AccessKeyId"] == .string("ASIAEXAMPLEEXAMPLE12"))
    #expect(json["SecretAccessKey"] == .string("secret/with+chars="))
    #expect(json["SessionToken"] == .string("token=="))
    #expect(json["Expiration"] == .string("2026-11-22T19:04:31Z"))
  }

  @Test func servesOnlyWithMoreThanFifteenMinutesLeft() throws {
    let dir = TemporaryDirectory()
    let cache = CredentialCache(store: StateStore(directory: dir.file("state")))
    try cache.write(Self.entry(expiration: 10_000, grantEnd: 10_000))
    #expect(Self.usable(cache, "production-admin", now: 10_000 - 16 * 60) != nil)
    #expect(Self.usable(cache, "production-admin", now: 10_000 - 14 * 60) == nil)
    #expect(Self.usable(cache, "other", now: 0) == nil)
    #expect(FileSystem.mode(of: dir.file("state/credentials/production-admin")) == 0o600)
  }

  @Test func aCorruptFileIsAMissOverwrittenByTheNextWrite() throws {
    let dir = TemporaryDirectory()
    let store = StateStore(directory: dir.file("state"))
    let cache = CredentialCache(store: store)
    try store.write(CredentialCache.fileName("p"), Array("version\t2\nprofile\tp\nexpir".utf8))
    #expect(cache.read("p") == nil)
    try cache.write(Self.entry(expiration: 99_999, profile: "p"))
    #expect(cache.read("p")?.accessKeyID == "ASIAEXAMPLEEXAMPLE12")
  }

  @Test func onlyForTheConfiguredAccountAndRoleWhileTheSignInExists() throws {
    let dir = TemporaryDirectory()
    let cache = CredentialCache(store: StateStore(directory: dir.file("state")))
    let signIn = dir.file("token.json")
    try FileSystem.writeAtomically(Array("{}".utf8), to: signIn)
    try cache.write(Self.entry(expiration: 99_999, signInFile: signIn))
    #expect(Self.usable(cache, "production-admin", now: 0) != nil)
    #expect(cache.usable("production-admin", accountID: "111111111111", roleName: "ReadOnly", now: 0) == nil)
    #expect(cache.usable("production-admin", accountID: "222222222222", roleName: "AdministratorAccess", now: 0) == nil)
    unlink(signIn)
    #expect(Self.usable(cache, "production-admin", now: 0) == nil)
  }

  @Test func aTimeThatCannotBeWrittenDownReadsAsAbsent() throws {
    for bad in ["inf", "-inf", "nan", "1e300", "-5", "99999999999999999999"] {
      let text = "version\t2\nprofile\tp\naccount_id\t1\nrole_name\tr\naccess_key_id\tA\nsecret_access_key\tS\n"
      #expect(CredentialCache.Entry(text: text + "expiration\t\(bad)\n") == nil)
      #expect(CredentialCache.Entry(text: text + "expiration\t100\ngrant_end\t\(bad)\n") == nil)
    }
    #expect(Self.entry(expiration: .infinity).text == nil)
  }

  @Test func theHotPathAnswersOnlyTheExactCredentialProcessCommand() throws {
    let dir = TemporaryDirectory()
    let environment = dir.environment
    let store = StateStore(paths: Paths(environment: environment))
    let cache = CredentialCache(store: store)
    try FileSystem.createDirectory(dir.file(".aws"))
    try FileSystem.writeAtomically(Array("[profile p]\n".utf8), to: dir.file(".aws/config"))
    try store.write(
      ProfilesIndex.fileName,
      Array(ProfilesIndex(entries: [.init(name: "p", accountID: "111111111111", roleName: "AdministratorAccess")]).text.utf8))
    try cache.write(Self.entry(expiration: Timestamp.now() + 3600, profile: "p"))
    #expect(CachedCredentials.processOutput(arguments: ["cone-shell", "creds", "p"], environment: environment) != nil)
    #expect(CachedCredentials.processOutput(arguments: ["cone-shell", "creds", "p", "--debug"], environment: environment) == nil)
    #expect(CachedCredentials.processOutput(arguments: ["cone-shell", "creds", "--help"], environment: environment) == nil)
    #expect(CachedCredentials.processOutput(arguments: ["cone-shell", "creds", "q"], environment: environment) == nil)
  }
}
