import ArgumentParser
import ConeSandbox
import Foundation

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the sandbox until interrupted.",
    discussion: """
      Prints the lines of `cone-sandbox env` on stdout once it listens, logs requests to stderr, \
      and records itself in ~/.cone-sandbox/instance.json for the other commands.
      """)

  @Option(help: "The address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "The port to listen on; 0 picks a free one.")
  var port = 8484

  @Option(help: "A scenario file (YAML); default: the built-in scenario (`cone-sandbox scenario`).")
  var scenario: String?

  @Option(help: "A PEM certificate chain, to serve HTTPS.")
  var tlsCert: String?

  @Option(help: "The PEM private key of --tls-cert.")
  var tlsKey: String?

  func validate() throws {
    guard (tlsCert == nil) == (tlsKey == nil) else {
      throw ValidationError("--tls-cert and --tls-key go together")
    }
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
  }

  func run() async throws {
    let scenario = try scenario.map { try Scenario(contentsOfFile: $0) } ?? .default
    let tls = tlsCert.map { SandboxConfiguration.TLSFiles(certificatePath: $0, privateKeyPath: tlsKey ?? "") }
    let server = try await SandboxServer.start(SandboxConfiguration(
      scenario: scenario, host: host, port: port, tls: tls, logsRequests: true, handlesSignals: true))
    let pid = ProcessInfo.processInfo.processIdentifier
    let certificate = tlsCert.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    do {
      try SandboxInstance(url: server.baseURL, pid: pid, tlsCertificate: certificate, exports: server.exports).write()
    } catch {
      Standard.error("cone-sandbox: cannot record the instance in \(SandboxInstance.defaultPath): \(error)")
    }
    Standard.output(server.exports.map(\.exportLine).joined(separator: "\n") + "\n")
    Standard.error("cone-sandbox: listening on \(server.baseURL); stop with Ctrl-C")
    defer { SandboxInstance.remove(ifOwnedBy: pid) }
    try await server.waitUntilStopped()
  }
}
