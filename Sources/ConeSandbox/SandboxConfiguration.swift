/// How to run a sandbox: which scenario, where to listen, TLS or not.
public struct SandboxConfiguration: Sendable {
  /// PEM files for serving HTTPS.
  public struct TLSFiles: Sendable, Equatable {
    public var certificatePath: String
    public var privateKeyPath: String
    /// The CA clients are told to trust (`serve --tls`: the throwaway CA, also exported
    /// as SSL_CERT_FILE); nil: the certificate chain itself.
    public var caPath: String?

    public init(certificatePath: String, privateKeyPath: String, caPath: String? = nil) {
      self.certificatePath = certificatePath
      self.privateKeyPath = privateKeyPath
      self.caPath = caPath
    }
  }

  public var scenario: Scenario
  /// The address to listen on; loopback unless you mean to share the sandbox.
  public var host: String
  /// 0 picks a free port.
  public var port: Int
  public var tls: TLSFiles?
  /// Log every request to stderr (`serve` does; in-process tests stay quiet).
  public var logsRequests: Bool
  /// Stop gracefully on SIGTERM and SIGINT (for `serve`).
  public var handlesSignals: Bool

  public init(
    scenario: Scenario = .default, host: String = "127.0.0.1", port: Int = 0, tls: TLSFiles? = nil,
    logsRequests: Bool = false, handlesSignals: Bool = false
  ) {
    self.scenario = scenario
    self.host = host
    self.port = port
    self.tls = tls
    self.logsRequests = logsRequests
    self.handlesSignals = handlesSignals
  }
}
