import Synchronization
@testable import ConeShellKit

/// What a run printed, kept for the test to read: a `ConeOutput` that writes here.
final class CapturedOutput: Sendable {
  private let streams = Mutex<(output: String, error: String)>(("", ""))

  var output: ConeOutput {
    ConeOutput { stream, text in
      self.streams.withLock {
        switch stream {
        case .output: $0.output += text
        case .error: $0.error += text
        }
      }
    }
  }

  var stdout: String { streams.withLock { $0.output } }
  var stderr: String { streams.withLock { $0.error } }

  /// The first match of `pattern` on stderr within `limit`, for a flow running alongside.
  func waitForError(_ pattern: some RegexComponent, within limit: Duration = .seconds(20)) async throws -> String? {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
      if let match = stderr.firstMatch(of: pattern) { return String(stderr[match.range]) }
      try await Task.sleep(for: .milliseconds(50))
    }
    return nil
  }
}
