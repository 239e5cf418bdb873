import ConeSandbox
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite(.serialized) struct SetupFlowTests {
  typealias Fixture = AccessFlowFixture

  @Test func writesOneProfilePerPermissionSetAndRemembersTheSSOSettings() async throws {
    try await SandboxHarness.with { harness in
      let output = CapturedOutput()
      let plan = try await Fixture.setUp(harness, output: output)
      let created = plan.actions.compactMap { if case .create(let name, _) = $0 { name } else { nil } }
      #expect(created.sorted() == Fixture.permissionSets)
      let text = try #require(Fixture.configText(harness))
      #expect(text.contains("[profile production-readonlyaccess]"))
      #expect(text.contains("credential_process = \(Fixture.executable) creds production-readonlyaccess"))
      #expect(!text.contains("GitHub") && !text.contains("maintainer"))
      let context = harness.context()
      #expect(try context.loadC1Config().awsSSOStartURL == harness.exports["CONE_SANDBOX_SSO_START_URL"])
      let directory = ProfileDirectory(paths: context.paths, store: context.store)
      #expect(try directory.profiles().map(\.name).sorted() == Fixture.permissionSets)
      // Away from a terminal, the catalog's progress is a line or two, not one a page.
      #expect(output.stderr.hasPrefix("Reading the ConductorOne catalog…"))
      #expect(output.stderr.split(separator: "\n").count <= 2)
    }
  }

  @Test func aSecondRunChangesNothing() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let before = Fixture.configText(harness)
      let again = try await Fixture.setUp(harness)
      #expect(again.isEmpty)
      #expect(Fixture.configText(harness) == before)
    }
  }

  @Test func aDryRunPlansAndWritesNothing() async throws {
    try await SandboxHarness.with { harness in
      let plan = try await Fixture.setUp(harness, dryRun: true)
      #expect(plan.actions.count == Fixture.permissionSets.count && plan.ssoSessionChange)
      #expect(Fixture.configText(harness) == nil)
      #expect(try harness.context().loadC1Config().awsSSOStartURL == nil)
    }
  }

  @Test func aStartURLItCannotUseIsRefusedBeforeAnyRequest() async throws {
    try await SandboxHarness.with { harness in
      try await harness.context().using { context in
        let flow = SetupFlow(context: context)
        await #expect(throws: InputError.startURLMissing) {
          _ = try await flow.run(.init(executable: Fixture.executable))
        }
        await #expect(throws: InputError.startURLNotHTTPS) {
          _ = try await flow.run(.init(startURL: "http://acme.awsapps.com/start", executable: Fixture.executable))
        }
      }
      #expect(try await harness.count("POST", "/auth/v1/token") == 0)
    }
  }
}
