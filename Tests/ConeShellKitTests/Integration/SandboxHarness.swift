import ConeSandbox
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

/// A cone-sandbox started in this process on a free port, and a user with an empty
/// HOME pointed at it: the integration tests talk real HTTP to a real server.
final class SandboxHarness: Sendable {
  let sandbox: SandboxServer
  let home: TemporaryDirectory
  let exports: [String: String]

  private init(sandbox: SandboxServer, home: TemporaryDirectory) {
    self.sandbox = sandbox
    self.home = home
    exports = Dictionary(sandbox.exports.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
  }

  static func start(scenario: Scenario = .default) async throws -> SandboxHarness {
    let sandbox = try await SandboxServer.start(SandboxConfiguration(scenario: scenario, port: 0))
    return SandboxHarness(sandbox: sandbox, home: TemporaryDirectory())
  }

  /// Runs `body` and stops the sandbox whatever happens.
  static func with<T>(
    scenario: Scenario = .default, _ body: (SandboxHarness) async throws -> T
  ) async throws -> T {
    let harness = try await start(scenario: scenario)
    do {
      let result = try await body(harness)
      await harness.sandbox.stop()
      return result
    } catch {
      await harness.sandbox.stop()
      throw error
    }
  }

  /// The environment of a user of this sandbox, plus `extra`. No watcher is started:
  /// this process is the test runner, not cone-shell.
  func environment(_ extra: [String: String] = [:]) -> Environment {
    var variables = exports
    variables["HOME"] = home.path
    variables[TaskWatcher.disableVariable] = "0"
    for (name, value) in extra { variables[name] = value }
    return Environment(variables)
  }

  /// A fresh context, as one run of cone-shell would have; what it prints goes to `output`.
  func context(
    _ extra: [String: String] = [:], debug: Bool = false, isInteractive: Bool = false,
    output: CapturedOutput = CapturedOutput(), now: @escaping @Sendable () -> Double = Timestamp.now
  ) -> ConeContext {
    ConeContext(
      environment: environment(extra), debug: debug, isInteractive: isInteractive, output: output.output, now: now)
  }

  /// How many requests the sandbox saw for `METHOD route` since the last reset.
  func count(_ method: String, _ route: String) async throws -> Int {
    try await sandbox.admin.requestLog().count(method, route)
  }

  func resetLog() async throws {
    try await sandbox.admin.resetRequestLog()
  }
}

extension ConeContext {
  /// Runs `body` with this context and shuts its HTTP client down afterwards.
  func using<T>(_ body: (ConeContext) async throws -> T) async throws -> T {
    do {
      let result = try await body(self)
      await shutdown()
      return result
    } catch {
      await shutdown()
      throw error
    }
  }
}
