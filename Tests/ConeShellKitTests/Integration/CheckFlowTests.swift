import ConeSandbox
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite(.serialized) struct CheckFlowTests {
  typealias Fixture = AccessFlowFixture

  private func check(_ harness: SandboxHarness, _ profile: String, refresh: Bool = false) async throws -> CheckFlow.Answer {
    try await harness.context().using { context in
      try await CheckFlow(context: context).run(profileName: profile, refresh: refresh, c1Profile: nil)
    }
  }

  @Test func asksConductorOneUnlessTheLocalFilesKnow() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let none = try await check(harness, Fixture.auto)
      #expect(none.access.state == .none && none.source == "c1")
      #expect(try await check(harness, Fixture.form).access.state == .formRequired)

      try await Fixture.signInToAWS(harness)
      _ = try await Fixture.creds(harness, Fixture.auto)
      try await harness.resetLog()
      let local = try await check(harness, Fixture.auto)
      #expect(local.access.state == .active && local.source == "cache" && local.access.expiresAt != nil)
      #expect(try await harness.sandbox.admin.requestLog().total == 0)
      let asked = try await check(harness, Fixture.auto, refresh: true)
      #expect(asked.access.state == .active && asked.source == "c1")
    }
  }
}
