import ConeShellBase
import Dispatch
import Synchronization

/// Ctrl-C during a long wait: instead of dying mid-request, the wait is cancelled so
/// the command can say what state it leaves behind.
///
/// One SIGINT source serves the whole process, made on first use and kept: libdispatch
/// on Linux installs its signal handler only when the first source for a signal is
/// made, so a source made again after one was cancelled (a second wait in the same
/// process, as the console does) would never fire. A SIGINT cancels the innermost body
/// running under `cancelling`; with none, it ends the process as SIGINT's default does.
public enum Interrupts {
  private struct Scope {
    var id: Int
    var interrupt: @Sendable () -> Void
  }

  private struct State {
    var source: (any DispatchSourceSignal)?
    var scopes: [Scope] = []
    var lastID = 0
  }

  private static let state = Mutex(State())

  /// Runs `body` with SIGINT cancelling it (the body sees `CancellationError`). Nested,
  /// only the innermost body is cancelled.
  public static func cancelling<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let (id, task) = enter {
      let task = Task { try await body() }
      return (task, { task.cancel() })
    }
    defer { leave(id) }
    return try await withTaskCancellationHandler {
      try await task.value
    } onCancel: {
      task.cancel()
    }
  }

  /// Runs `body` with SIGINT doing nothing, except cancel a `cancelling` body inside it
  /// (a console, which must outlive a Ctrl-C pressed twice).
  public static func ignoring<T>(_ body: () async throws -> T) async rethrows -> T {
    let (id, _) = enter { ((), {}) }
    defer { leave(id) }
    return try await body()
  }

  /// Adds the scope that `start` begins, under the lock, so that a SIGINT sent as soon
  /// as it has begun finds it.
  private static func enter<Started: Sendable>(
    _ start: () -> (Started, @Sendable () -> Void)
  ) -> (id: Int, started: Started) {
    state.withLock { state in
      if state.source == nil {
        // Until libdispatch's own handler is in, a SIGINT must not end the process.
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: interrupted)
        // Registered, the source catches every SIGINT from here on.
        let registered = DispatchSemaphore(value: 0)
        source.setRegistrationHandler { registered.signal() }
        source.resume()
        registered.wait()
        state.source = source
      }
      let (started, interrupt) = start()
      state.lastID += 1
      state.scopes.append(Scope(id: state.lastID, interrupt: interrupt))
      return (state.lastID, started)
    }
  }

  private static func leave(_ id: Int) {
    state.withLock { $0.scopes.removeAll { $0.id == id } }
  }

  private static func interrupted() {
    guard let interrupt = state.withLock({ $0.scopes.last?.interrupt }) else {
      signal(SIGINT, SIG_DFL)
      kill(getpid(), SIGINT)
      return
    }
    interrupt()
  }
}
