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

  @Flag(help: "Serve HTTPS with a throwaway CA kept in ~/.cone-sandbox/tls (ca.pem), exported as SSL_CERT_FILE and AWS_CA_BUNDLE.")
  var tls = false

  @Option(help: "A PEM certificate chain, to serve HTTPS (clients are told to trust this file).")
  var tlsCert: String?

  @Option(help: "The PEM private key of --tls-cert.")
  var tlsKey: String?

  func validate() throws {
    guard (tlsCert == nil) == (tlsKey == nil) else {
      throw ValidationError("--tls-cert and --tls-key go together")
    }
    guard !(tls && tlsCert != nil) else { throw ValidationError("give either --tls or --tls-cert, not both") }
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
  }

  func run() async throws {
    let scenario = try scenario.map { try Scenario(contentsOfFile: $0) } ?? .default
    let files = try tls
      ? ThrowawayCA(directory: ThrowawayCA.defaultDirectory).prepare()
      : tlsCert.map { SandboxConfiguration.TLSFiles(certificatePath: $0, privateKeyPath: tlsKey ?? "") }
    let server = try await SandboxServer.start(SandboxConfiguration(
      scenario: scenario, host: host, port: port, tls: files, logsRequests: true, handlesSignals: true))
    let pid = ProcessInfo.processInfo.processIdentifier
    let certificate = files.map { URL(fileURLWithPath: $0.caPath ?? $0.certificatePath).standardizedFileURL.path }
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
