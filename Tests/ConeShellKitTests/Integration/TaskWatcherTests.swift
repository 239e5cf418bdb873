import ConeSandbox
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

/// The watcher of a pending request, run in-process (it is a detached `watch-task` process
/// in use).
@Suite(.serialized) struct TaskWatcherTests {
  typealias Fixture = AccessFlowFixture

  /// A request for the approval profile, left pending; its task.
  private func pendingRequest(_ harness: SandboxHarness) async throws -> C1Task {
    let stop = try await #require(throws: AccessStop.self) { try await Fixture.request(harness, Fixture.approval) }
    return try #require(stop.task)
  }

  private func watch(_ harness: SandboxHarness, _ task: C1Task, now: @escaping @Sendable () -> Double = Timestamp.now)
    async throws
  {
    try await harness.context(now: now).using { context in
      await TaskWatcher(service: try AccessService(context: context, c1Profile: nil), profileName: Fixture.approval, taskID: task.id)
        .run()
    }
  }

  @Test(.timeLimit(.minutes(1))) func anApprovalReachesTheGrantsFileWithoutACommand() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let task = try await pendingRequest(harness)
      #expect(Fixture.grant(harness, Fixture.approval)?.state == .pending)
      async let watched: Void = watch(harness, task)
      let store = harness.context().store
      while TaskWatcher.running(store: store).isEmpty { try await Task.sleep(for: .milliseconds(50)) }
      #expect(TaskWatcher.running(store: store).map(\.taskNumber) == [task.number])
      _ = try await harness.sandbox.admin.approveTask(try #require(Int(task.number)), as: nil)
      try await watched
      #expect(Fixture.grant(harness, Fixture.approval)?.state == .active)
      #expect(TaskWatcher.running(store: store).isEmpty)
    }
  }

  @Test(.timeLimit(.minutes(1))) func aWatcherGivesUpAfterItsLifetime() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let task = try await pendingRequest(harness)
      // Its clock reads true while it starts, then jumps past its lifetime: it stops at
      // its next look, without a decision.
      let start = Timestamp.now()
      try await watch(harness, task) {
        let now = Timestamp.now()
        return now - start < 1 ? now : now + Double(TaskWatcher.lifetime) + 60
      }
      #expect(Fixture.grant(harness, Fixture.approval)?.state == .pending)
      #expect(TaskWatcher.running(store: harness.context().store).isEmpty)
    }
  }
}
