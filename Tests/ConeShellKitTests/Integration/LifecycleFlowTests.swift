import ConeSandbox
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

/// The rest of a grant's life in-process: giving it back, asking for more time, signing out.
@Suite(.serialized) struct LifecycleFlowTests {
  typealias Fixture = AccessFlowFixture

  @Test func droppingAGrantForgetsItsCredentialsAndItsPromptLineAtOnce() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      _ = try await Fixture.creds(harness, Fixture.auto)
      let output = CapturedOutput()
      let dropped = try await harness.context(output: output).using { context in
        let outcome = try await DropFlow(service: try AccessService(context: context, c1Profile: nil))
          .run(profileName: Fixture.auto)
        context.output.show(DropOutput(profile: Fixture.auto, outcome: outcome, now: context.now()), json: false)
        return outcome
      }
      #expect(dropped.isDone && dropped.credentialsExpire != nil)
      #expect(output.stderr.contains("Dropped your access to \"\(Fixture.auto)\" (task \(dropped.task.number))."))
      #expect(output.stderr.contains("AWS cannot recall them."))
      #expect(Fixture.grant(harness, Fixture.auto) == nil)
      #expect(CredentialCache(store: harness.context().store).read(Fixture.auto) == nil)
      let again = try await #require(throws: AccessStop.self) {
        try await harness.context().using { context in
          try await DropFlow(service: try AccessService(context: context, c1Profile: nil)).run(profileName: Fixture.auto)
        }
      }
      #expect(again.status == .noAccess && again.message == "You have no access to \"\(Fixture.auto)\" to drop.")
    }
  }

  @Test func anExtensionAnApproverDeniesLeavesTheGrantAsItWas() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      func request(_ options: RequestFlow.Options) async throws -> ProfileAccess {
        try await Fixture.request(harness, Fixture.approval, options)
      }
      let first = try await #require(throws: AccessStop.self) { try await request(.init()) }
      let firstNumber = try #require(first.task.flatMap { Int($0.number) })
      _ = try await harness.sandbox.admin.approveTask(firstNumber, as: nil)
      let granted = try await request(.init())
      let end = try #require(granted.expiresAt)

      let output = CapturedOutput()
      async let extended = Fixture.request(harness, Fixture.approval, .init(wait: true, extend: true), output: output)
      let waiting = try await output.waitForError(/Waiting for approval by bob@example\.com \(task (\d+)\)/)
      let number = try #require(waiting?.firstMatch(of: /task (\d+)/)?.1)
      _ = try await harness.sandbox.admin.denyTask(try #require(Int(number)), as: nil)
      do {
        _ = try await extended
        Issue.record("a denied extension ended in access")
      } catch let stop as AccessStop {
        #expect(stop.status == .denied)
        #expect(stop.message.hasPrefix("Access request for \"\(Fixture.approval)\" was denied"))
      }
      #expect(output.stderr.hasPrefix("Extension requested (task: \(number))"))
      // The grant itself is untouched: ConductorOne still reports its old end.
      let after = try await request(.init())
      #expect(after.state == .active && after.expiresAt == end)
    }
  }

  @Test func signingOutOfConductorOneAloneKeepsTheAWSSignIn() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      _ = try await Fixture.creds(harness, Fixture.auto)
      try await harness.resetLog()
      let report = try await harness.context().using { await SignOutFlow(context: $0).run(aws: false, c1: true) }
      #expect(report.c1TokensRemoved == 1 && report.awsSignedOut.isEmpty && report.awsLogoutFailures.isEmpty)
      #expect(report.credentialsRemoved == 1 && report.grantsRemoved)
      #expect(try await harness.count("POST", "/logout") == 0)
      let context = harness.context()
      #expect(await context.ssoSession(try context.ssoSettings(), interactive: false).cachedToken() != nil)
      // The next call signs in to ConductorOne again by itself, and needs no AWS sign-in.
      _ = try await Fixture.creds(harness, Fixture.auto)
      #expect(try await harness.count("POST", "/auth/v1/token") == 1)
      #expect(try await harness.count("POST", "/token") == 0)
    }
  }
}
