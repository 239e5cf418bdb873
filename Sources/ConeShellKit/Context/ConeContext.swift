import ConeShellBase

/// Everything a command needs from the outside world, made once per run and injected,
/// so that tests can point a whole command at a temporary HOME and a sandbox (the
/// pattern of swiftly's context).
public struct ConeContext: Sendable {
  public let environment: Environment
  public let paths: Paths
  public let store: StateStore
  public let redactor: Redactor
  public let log: DebugLog
  public let transport: HTTPTransport
  public let now: @Sendable () -> Double
  /// Whether a person can answer: stdin and stderr are both a terminal.
  public let isInteractive: Bool
  public let stderrIsTerminal: Bool
  /// Where the run's messages and results go.
  public let output: ConeOutput

  public init(
    environment: Environment = .current, debug: Bool = false, isInteractive: Bool? = nil,
    output: ConeOutput = .standard, now: @escaping @Sendable () -> Double = Timestamp.now
  ) {
    self.environment = environment
    self.output = output
    paths = Paths(environment: environment)
    store = StateStore(paths: paths)
    redactor = Redactor()
    log = DebugLog(isEnabled: debug || environment.flag("CONE_SHELL_DEBUG"), redactor: redactor)
    transport = HTTPTransport(configuration: .init(environment: environment), log: log)
    self.now = now
    stderrIsTerminal = ConeShellBase.isTerminal(2)
    self.isInteractive = isInteractive ?? (ConeShellBase.isTerminal(0) && stderrIsTerminal)
  }

  /// Whether a shell's completion started this run: bash and zsh's completers see
  /// COMP_LINE and COMP_POINT, and the `aws` wrappers mark their completer calls with
  /// CONE_SHELL_COMPLETING. Nothing then may request access or sign in.
  public var isCompleting: Bool {
    environment["COMP_LINE"] != nil || environment["COMP_POINT"] != nil
      || !(environment["CONE_SHELL_COMPLETING"] ?? "").isEmpty
  }

  /// A progress line on this run's stderr.
  public func progressLine() -> ProgressLine {
    output.progressLine(isTerminal: stderrIsTerminal)
  }

  /// Releases the HTTP client, if one was started.
  public func shutdown() async {
    await transport.shutdown()
  }

  // MARK: ConductorOne

  public func loadC1Config() throws -> C1Config {
    try C1Config.load(from: paths.c1ConfigFile)
  }

  /// Changes cone's config under a lock, so two cone-shell runs never lose each
  /// other's edits.
  public func updateC1Config(_ change: (inout C1Config) throws -> Void) async throws {
    try store.prepare()
    let lock = try await store.lock("c1-config", timeout: .seconds(30), purpose: "writing \(paths.c1ConfigFile)")
    defer { lock.release() }
    var config = try loadC1Config()
    try change(&config)
    try config.save(to: paths.c1ConfigFile)
  }

  public func c1Account(profile: String?) throws -> C1Account {
    try C1Account.resolve(environment: environment, config: try loadC1Config(), profile: profile, redactor: redactor)
  }

  public func c1Client(profile: String?) throws -> C1Client {
    c1Client(account: try c1Account(profile: profile))
  }

  public func c1Client(account: C1Account) -> C1Client {
    let authenticator = C1Authenticator(
      account: account, transport: transport, store: store, redactor: redactor, now: now)
    return C1Client(authenticator: authenticator, transport: transport)
  }

  // MARK: AWS SSO

  /// The SSO settings saved in cone's config, or `SSOError.notConfigured`.
  public func ssoSettings() throws -> SSOSettings {
    guard let settings = SSOSettings(config: try loadC1Config(), environment: environment) else {
      throw SSOError.notConfigured
    }
    return settings
  }

  /// The SSO session; it signs in through the browser only when `interactive` and a
  /// person is at the terminal.
  public func ssoSession(_ settings: SSOSettings, interactive: Bool) -> SSOSession {
    SSOSession(
      settings: settings, cacheDirectory: paths.ssoCacheDirectory, transport: transport, store: store,
      redactor: redactor, log: log,
      prompt: interactive && isInteractive ? signInPrompt : nil, now: now)
  }

  public func ssoPortal(_ settings: SSOSettings) -> SSOPortalClient {
    SSOPortalClient(settings: settings, transport: transport, redactor: redactor)
  }

  public var signInPrompt: DeviceSignInPrompt {
    DeviceSignInPrompt(environment: environment, isTerminal: stderrIsTerminal, output: output)
  }
}
