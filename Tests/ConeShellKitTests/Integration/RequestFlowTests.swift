import ConeSandbox
import Synchronization
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite(.serialized) struct RequestFlowTests {
  typealias Fixture = AccessFlowFixture

  static let answers: JSONValue = .object([
    "ticket": .string("OPS-12"), "reason": .string("incident"), "hours": .integer(2),
    "notify": .array([.string("a@example.com")]), "acknowledge": .bool(true),
  ])

  /// The forms a flow asked to have answered.
  final class FormsAsked: Sendable {
    private let count = Mutex(0)
    var total: Int { count.withLock { $0 } }
    func add() { count.withLock { $0 += 1 } }
  }

  private func request(
    _ harness: SandboxHarness, _ profile: String, _ options: RequestFlow.Options = RequestFlow.Options(),
    output: CapturedOutput = CapturedOutput(), forms: FormsAsked = FormsAsked()
  ) async throws -> ProfileAccess {
    try await Fixture.request(harness, profile, options, output: output) { _ in
      forms.add()
      return Self.answers
    }
  }

  @Test func aFormIsAnsweredAndOnceApprovedTheGrantIsReported() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let forms = FormsAsked()
      let output = CapturedOutput()
      let stop = try await #require(throws: AccessStop.self) {
        try await request(harness, Fixture.form, output: output, forms: forms)
      }
      let task = try #require(stop.task)
      #expect(stop.status == .pending && stop.message.hasPrefix("Waiting for approval (task: \(task.number))"))
      #expect(output.stderr == "Access request submitted (task: \(task.number))\n")
      #expect(forms.total == 1)
      let sent = try await harness.context().using { try await $0.c1Client(profile: nil).task(id: task.id) }
      #expect(sent.data == Self.answers)

      _ = try await harness.sandbox.admin.approveTask(try #require(Int(task.number)), as: nil)
      let again = CapturedOutput()
      let access = try await request(harness, Fixture.form, output: again, forms: forms)
      #expect(access.state == .active && access.expiresAt != nil)
      #expect(again.stderr.hasPrefix("You already have access to \"\(Fixture.form)\" ("))
      #expect(forms.total == 1)
      #expect(Fixture.grant(harness, Fixture.form)?.state == .active)
    }
  }

  @Test func waitingFollowsTheDecisionAndLeavesCredentialsReady() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      let output = CapturedOutput()
      async let access = request(harness, Fixture.approval, RequestFlow.Options(wait: true), output: output)
      let waiting = try await output.waitForError(/Waiting for approval by bob@example\.com \(task (\d+)\)/)
      let number = try #require(waiting?.firstMatch(of: /task (\d+)/)?.1)
      _ = try await harness.sandbox.admin.approveTask(try #require(Int(number)), as: nil)
      #expect(try await access.state == .active)
      #expect(output.stderr.contains("Access granted!"))
      let context = harness.context()
      #expect(CredentialCache(store: context.store).read(Fixture.approval)?.roleName == "AdministratorAccess")
    }
  }

  @Test func extendingWithoutAGrantPointsAtRequest() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let stop = try await #require(throws: AccessStop.self) {
        try await request(harness, Fixture.auto, RequestFlow.Options(extend: true))
      }
      #expect(stop.status == .noAccess)
      #expect(stop.message == "You have no access to \"\(Fixture.auto)\" to extend: request it with `cone-shell request \(Fixture.auto)`.")
      #expect(try await harness.count("POST", "/api/v1/task/grant") == 0)
    }
  }
}
