import ConeSandbox
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite(.serialized) struct CredentialProcessFlowTests {
  typealias Fixture = AccessFlowFixture

  @Test func anAutoApprovedProfileGetsCredentialsInOneCallAndTheNextFromTheCache() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      try await harness.resetLog()
      let output = CapturedOutput()
      let entry = try await Fixture.creds(harness, Fixture.auto, output: output)
      #expect(entry.profile == Fixture.auto && entry.roleName == "ReadOnlyAccess" && !entry.accessKeyID.isEmpty)
      #expect(output.stderr.contains("No active grant for \"\(Fixture.auto)\" — submitting access request..."))
      #expect(output.stderr.contains("Access request submitted (task: "))
      #expect(output.stderr.hasSuffix("Access granted!\n"))
      #expect(output.stdout.isEmpty)
      let grant = try #require(Fixture.grant(harness, Fixture.auto))
      #expect(grant.state == .active && grant.expires != nil)
      #expect(try await harness.count("POST", "/api/v1/task/grant") == 1)
      #expect(try await harness.count("GET", "/federation/credentials") == 1)

      let quiet = CapturedOutput()
      #expect(try await Fixture.creds(harness, Fixture.auto, output: quiet) == entry)
      #expect(quiet.stderr.isEmpty)
      #expect(try await harness.count("GET", "/federation/credentials") == 1)
    }
  }

  @Test func aRoleAWSRefusesLongAfterTheGrantIsNotWaitedFor() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      _ = try await Fixture.creds(harness, Fixture.auto)
      // The profile now names a role the grant does not give.
      let config = try #require(Fixture.configText(harness))
      let edited = config.replacing("cone_sso_role_name = ReadOnlyAccess", with: "cone_sso_role_name = AdministratorAccess")
      #expect(edited != config)
      try FileSystem.writeAtomically(Array(edited.utf8), to: harness.home.file(".aws/config"))
      // Ten minutes after the grant, a refusal is not AWS still provisioning it.
      let output = CapturedOutput()
      let later = harness.context(output: output, now: { Timestamp.now() + 600 })
      let error = await #expect(throws: SSOError.self) {
        try await later.using { context in
          try await CredentialProcessFlow(context: context, c1Profile: nil).credentials(profileName: Fixture.auto)
        }
      }
      #expect(error?.description.contains("AWS SSO has no AdministratorAccess role in account") == true)
      #expect(error?.description.contains("so AWS is not still provisioning it") == true)
      #expect(!output.stderr.contains("waiting for AWS to finish provisioning"))
    }
  }

  @Test func aProfileNeedingApprovalStopsWithTheSeedsMessageOnce() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      let stop = try await #require(throws: AccessStop.self) { try await Fixture.creds(harness, Fixture.approval) }
      #expect(stop.status == .pending)
      #expect(stop.message.hasPrefix("Request submitted for \"\(Fixture.approval)\" but requires approval."))
      let number = try #require(stop.task?.number)
      #expect(Fixture.grant(harness, Fixture.approval) == .init(profile: Fixture.approval, state: .pending, task: number))
      // Again: the open request is found, not a second one made.
      let again = try await #require(throws: AccessStop.self) { try await Fixture.creds(harness, Fixture.approval) }
      #expect(again.status == .pending && again.message.contains("cone-shell task \(number)"))
      #expect(try await harness.count("POST", "/api/v1/task/grant") == 1)
      #expect(CredentialCache(store: harness.context().store).read(Fixture.approval) == nil)
    }
  }

  @Test func aDeniedRequestAndAFormEndWithoutCredentials() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      let denied = try await #require(throws: AccessStop.self) { try await Fixture.creds(harness, Fixture.denied) }
      #expect(denied.status == .denied && denied.message.hasPrefix("Access request for \"\(Fixture.denied)\" was denied"))
      #expect(Fixture.grant(harness, Fixture.denied) == nil)
      try await harness.resetLog()
      let form = try await #require(throws: AccessStop.self) { try await Fixture.creds(harness, Fixture.form) }
      #expect(form.status == .formRequired && form.message.contains("cone-shell request \(Fixture.form)"))
      #expect(try await harness.count("POST", "/api/v1/task/grant") == 0)
    }
  }
}
