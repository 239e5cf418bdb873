import Foundation
import Testing

@testable import ConeSandbox

/// The server in process, its exports, and the admin API through the HTTP client.
@Suite struct SandboxServerTests {
  @Test func startServeAdministerStop() async throws {
    let sandbox = try await SandboxServer.start(SandboxConfiguration(scenario: .default, port: 0))
    #expect(sandbox.baseURL == "http://127.0.0.1:\(sandbox.port)")
    let names = sandbox.exports.map(\.name)
    #expect(names == [
      "CONE_API_ENDPOINT", "CONE_CLIENT_ID", "CONE_CLIENT_SECRET", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC",
      "AWS_ENDPOINT_URL_STS", "CONE_SHELL_FEDERATION_ENDPOINT", "CONE_SANDBOX_SSO_REGION", "CONE_SANDBOX_URL",
      "CONE_SANDBOX_SSO_START_URL",
    ])
    #expect(sandbox.exports[1].value == "sandbox-alice@127.0.0.1:\(sandbox.port)/pcc")

    let client = SandboxAdminClient(baseURL: sandbox.baseURL)
    #expect(try await client.environment() == sandbox.exports)
    let before = try await client.clock()
    let after = try await client.advanceClock(by: 3600)
    #expect(after.offset == 3600 && after.now > before.now + 3599)

    let fault = try await client.addFault(Fault(path: "/api/v1/*", action: .status(503), count: 2))
    #expect(fault.id == 1)
    #expect(try await sandbox.admin.faults() == [fault])
    try await client.clearFaults()
    #expect(try await client.faults().isEmpty)
    await #expect(throws: SandboxAdminError.self) {
      try await client.addFault(Fault(path: "/x", action: .status(200)))
    }

    await #expect {
      try await client.approveTask(1001, as: nil)
    } throws: { error in
      (error as? SandboxAdminError)?.statusCode == 404
    }
    let log = try await client.requestLog()
    #expect(log.total == 0 && log.services["admin", default: 0] >= 5)
    await sandbox.stop()
    await #expect(throws: SandboxAdminError.self) { try await client.clock() }
  }

  @Test func twoSandboxesRunSideBySide() async throws {
    let first = try await SandboxServer.start(SandboxConfiguration())
    let second = try await SandboxServer.start(SandboxConfiguration())
    #expect(first.port != second.port)
    #expect(first.exports[2] == second.exports[2])  // the same credential for the same scenario
    await first.stop()
    await second.stop()
  }

  @Test func aTakenPortIsAnError() async throws {
    let first = try await SandboxServer.start(SandboxConfiguration())
    await #expect(throws: (any Error).self) {
      try await SandboxServer.start(SandboxConfiguration(port: first.port))
    }
    await first.stop()
  }
}
