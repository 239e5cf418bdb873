import ArgumentParser
import ConeSandbox
import Foundation

/// `--url`, then `$CONE_SANDBOX_URL`, then `~/.cone-sandbox/instance.json`.
struct AdminConnection: ParsableArguments {
  @Option(help: "The sandbox's URL (default: $CONE_SANDBOX_URL, else the one `cone-sandbox serve` recorded).")
  var url: String?

  func client() throws -> SandboxAdminClient {
    let instance = SandboxInstance.read()
    let environment = ProcessInfo.processInfo.environment["CONE_SANDBOX_URL"].flatMap { $0.isEmpty ? nil : $0 }
    guard let base = url ?? environment ?? instance?.url else {
      throw SandboxAdminError(status: 503, "no cone-sandbox is running: start one with `cone-sandbox serve`")
    }
    let certificate = instance?.url == base ? instance?.tlsCertificate : nil
    return SandboxAdminClient(baseURL: base, trustedCertificatePath: certificate)
  }
}
