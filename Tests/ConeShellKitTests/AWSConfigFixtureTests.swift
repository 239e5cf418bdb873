import Testing
@testable import ConeShellBase
@testable import ConeShellKit

/// Real-world config files: the AWS CLI's own `aws configure sso` output (CRLF, no final
/// newline), what cone writes, a hand-kept file with every construct, and a
/// dotfiles-managed one with indentation, tabs, quoted names and `[DEFAULT]`.
@Suite struct AWSConfigFixtureTests {
  static let names = ["everything.ini", "sso-cli-v2.ini", "cone-generated.ini", "dotfiles.ini"]

  static func fixture(_ name: String) throws -> [UInt8] {
    let directory = FileSystem.parentDirectory(of: #filePath) + "/Fixtures/aws-config/"
    return try #require(try FileSystem.read(directory + name))
  }

  @Test(arguments: names)
  func roundTripsByteForByte(name: String) throws {
    let bytes = try Self.fixture(name)
    #expect(try AWSConfigDocument(parsing: bytes).bytes == bytes)
  }

  @Test(arguments: names)
  func everyEditIsSurgical(name: String) throws {
    let document = try AWSConfigDocument(parsing: try Self.fixture(name))
    var edits: [AWSConfigEditPlan] = []
    for profile in document.profileNames {
      edits.append(
        .set(
          profile: true, name: profile, values: [("region", "us-west-2"), ("cone_shell_managed", "true")],
          removing: ["output"]))
      edits.append(.remove(profile: true, name: profile))
    }
    edits.append(.set(profile: true, name: "production-admin", values: [("region", "us-west-2")], removing: []))
    edits.append(.set(profile: false, name: "cone-sso", values: [("sso_region", "us-east-1")], removing: []))
    for edit in edits { _ = try edit.check(on: document) }
  }

  @Test func theEverythingFixtureReadsAsBotocoreReadsIt() throws {
    let document = try AWSConfigDocument(parsing: try Self.fixture("everything.ini"))
    #expect(
      document.profileNames == [
        "default", "work", "legacy-sso", "sso-session-user", "helper", "assume", "spaced-out",
      ])
    #expect(document.ssoSessionNames == ["my-sso"])
    #expect(document.sections.map(\.kind).contains(.services("local-dev")))
    let work = try #require(document.profile("work"))
    #expect(
      work["s3"]
        == .nested([
          "addressing_style": "path", "signature_version": "s3v4", "max_concurrent_requests": "20 # kept by botocore",
        ]))
    #expect(document.profile("default")?.text("output") == "json")
    #expect(document.profile("default")?.text("cli_pager") == "")
    #expect(
      document.profile("assume")?.text("mfa_serial")
        == "arn:aws:iam::123456789012:mfa/me\ncontinued-line-of-mfa-serial")
    #expect(document.profile("spaced-out")?.text("region") == "eu-central-1")
    let helper = try #require(document.profile("helper")?.text("credential_process"))
    #expect(
      AWSCredentialProcess.arguments(of: helper)
        == ["/opt/bin/awscreds-custom", "--username", "helper", "with space"])
  }

  @Test func updatingAConeProfileChangesOnlyItsLines() throws {
    let original = try Self.fixture("cone-generated.ini")
    var document = try AWSConfigDocument(parsing: original)
    try document.setProfile(
      "production-administratoraccess",
      [
        ("credential_process", "/usr/local/bin/cone-shell creds production-administratoraccess"),
        ("cone_shell_managed", "true"),
      ],
      removing: ["sso_session"])
    let section = """
      [profile production-administratoraccess]
      cone_sso_account_id = 111111111111
      cone_sso_role_name = AdministratorAccess
      region = us-east-1
      output = json
      credential_process = /usr/local/bin/cone-shell creds production-administratoraccess
      cone_app_id = 2ab0mX6Y1jPj3sR3bNbwpqyhNnB
      cone_entitlement_id = 2ab0n2Jh8r3zzuDX5dQeFf0sWvz
      cone_shell_managed = true

      """
    let text = String(decoding: original, as: UTF8.self)
    let start = try #require(text.firstRange(of: "[profile production-administratoraccess]")).lowerBound
    let end = try #require(text.firstRange(of: "[profile staging-readonlyaccess]")).lowerBound
    #expect(document.text == String(text[..<start]) + section + "\n" + String(text[end...]))
  }
}
