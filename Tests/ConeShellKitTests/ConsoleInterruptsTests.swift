import Testing

@testable import ConeShellBase
@testable import ConeShellKit

// SIGINT is the process's: these join the serialized suite of the terminal tests, whose
// readline catches signals while it reads.
extension LineEditorTerminalTests {
  /// The console stops a wait with Ctrl-C again and again, and outlives a Ctrl-C that
  /// has nothing to stop.
  @Test func ctrlCStopsTheInnermostWaitEveryTime() async throws {
    try await Interrupts.ignoring {
      for _ in 0..<3 {
        await #expect(throws: CancellationError.self) {
          try await Interrupts.cancelling {
            kill(getpid(), SIGINT)
            try await Task.sleep(for: .seconds(20))
          }
        }
      }
      kill(getpid(), SIGINT)
      try await Task.sleep(for: .milliseconds(200))
    }
  }
}
