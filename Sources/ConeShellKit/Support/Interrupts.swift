import Dispatch

/// Ctrl-C during a long wait: instead of dying mid-request, the wait is cancelled so
/// the command can say what state it leaves behind.
public enum Interrupts {
  /// Runs `body` with SIGINT cancelling it (the body sees `CancellationError`); the
  /// default SIGINT behaviour returns afterwards.
  public static func cancelling<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let task = Task { try await body() }
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { task.cancel() }
    source.resume()
    defer {
      source.cancel()
      signal(SIGINT, SIG_DFL)
    }
    return try await withTaskCancellationHandler {
      try await task.value
    } onCancel: {
      task.cancel()
    }
  }
}
