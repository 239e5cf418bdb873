import ArgumentParser
import ConeSandbox
import Foundation

/// `--url`, then `$CONE_SANDBOX_URL`, then `~/.cone-sandbox/instance.json`; for a sandbox
/// serving TLS, the certificate from `$CONE_SANDBOX_CA_CERT` or the instance file.
struct AdminConnection: ParsableArguments {
  @Option(help: "The sandbox's URL (default: $CONE_SANDBOX_URL, else the one `cone-sandbox serve` recorded).")
  var url: String?

  func client() throws -> SandboxAdminClient {
    let instance = SandboxInstance.read()
    let environment = ProcessInfo.processInfo.environment
    let fromEnvironment = environment["CONE_SANDBOX_URL"].flatMap { $0.isEmpty ? nil : $0 }
    guard let base = url ?? fromEnvironment ?? instance?.url else {
      throw SandboxAdminError(status: 503, "no cone-sandbox is running: start one with `cone-sandbox serve`")
    }
    let certificate = environment["CONE_SANDBOX_CA_CERT"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (instance?.url == base ? instance?.tlsCertificate : nil)
    return SandboxAdminClient(baseURL: base, trustedCertificatePath: certificate)
  }
}
