import ConeShellBase

/// The AWS SSO sign-in shared with the AWS CLI: an access token from the cache,
/// refreshed with the refresh token when less than 15 minutes remain (as botocore
/// does), and a browser sign-in (the authorization code, or the device code) when it
/// cannot be renewed and a terminal is present.
public actor SSOSession {
  public let settings: SSOSettings
  let files: SSOCacheFiles
  let oidc: SSOOIDCClient
  private let store: StateStore
  let redactor: Redactor
  private let log: DebugLog
  let now: @Sendable () -> Double
  /// How to ask for a sign-in; nil when nobody can answer (no terminal).
  private let prompt: DeviceSignInPrompt?

  /// Renew when less than this is left (botocore's advisory window).
  static let refreshWindow: Double = 15 * 60

  public init(
    settings: SSOSettings, cacheDirectory: String, transport: HTTPTransport, store: StateStore, redactor: Redactor,
    log: DebugLog, prompt: DeviceSignInPrompt?, now: @escaping @Sendable () -> Double = Timestamp.now
  ) {
    self.settings = settings
    self.files = SSOCacheFiles(directory: cacheDirectory, settings: settings)
    self.oidc = SSOOIDCClient(settings: settings, transport: transport)
    self.store = store
    self.redactor = redactor
    self.log = log
    self.prompt = prompt
    self.now = now
  }

  /// The cached token for this start URL, if any, whatever its age; not a token made for
  /// other scopes than `sso:account:access` (an IDE plugin's), which is never used.
  public func cachedToken() -> SSOToken? {
    guard let token = files.readToken(), token.startURL == settings.startURL else { return nil }
    guard token.allowsAccountAccess else {
      log("AWS SSO token in \(files.tokenPath) is for other scopes (\(token.scopes ?? [])); not used")
      return nil
    }
    redactor.register(token.accessToken)
    redactor.register(token.refreshToken)
    redactor.register(token.clientSecret)
    return token
  }

  /// A token with more than 15 minutes left when that can be had: the cached one,
  /// else refreshed, else (on a terminal) a new sign-in.
  public func accessToken() async throws -> String {
    if let token = cachedToken(), token.expiresAt - now() > Self.refreshWindow { return token.accessToken }
    return try await renew(rejected: nil)
  }

  /// A new token after the portal refused `token` although it looked valid.
  public func accessToken(replacing rejected: String) async throws -> String {
    try await renew(rejected: rejected)
  }

  /// Signs in, whatever the cache holds: with `method`, else as
  /// `SSOSignInMethod.choose` decides for this environment.
  @discardableResult
  public func login(method: SSOSignInMethod? = nil) async throws -> SSOToken {
    guard let prompt else { throw SSOError.loginRequired(startURL: settings.startURL) }
    switch method ?? SSOSignInMethod.choose(useDeviceCode: false, environment: prompt.environment) {
    case .authorizationCode: return try await authorizationCodeLogin(prompt: prompt)
    case .deviceCode: return try await deviceCodeLogin(prompt: prompt)
    }
  }

  /// The device flow: a code shown here, approved in any browser.
  private func deviceCodeLogin(prompt: DeviceSignInPrompt) async throws -> SSOToken {
    let registration = try await registration(for: .deviceCode)
    let authorization = try await oidc.startDeviceAuthorization(registration)
    prompt.show(
      service: "AWS IAM Identity Center (\(settings.startURL))", url: authorization.verificationURL,
      code: authorization.userCode, policy: SignInURLPolicy(origins: [settings.oidcEndpoint, settings.startURL]))
    defer { prompt.finish() }
    let started = ContinuousClock.now
    var polling = authorization.polling
    while true {
      let elapsed = (ContinuousClock.now - started).inSeconds
      guard let pause = polling.pause(elapsed: elapsed) else {
        throw SSOError.oidc(code: "expired_token", message: Self.expired(polling))
      }
      prompt.waiting(elapsed.rounded(.down))
      try await Task.sleep(for: pause)
      do {
        let token = try await oidc.createToken(registration, deviceCode: authorization.deviceCode)
        return try save(token, registration: registration)
      } catch SSOError.oidc(let code, let message) {
        switch code {
        case "authorization_pending": continue
        case "slow_down": polling.slowDown()
        case "expired_token":
          throw SSOError.oidc(code: code, message: Self.expired(polling))
        case "access_denied":
          throw SSOError.oidc(code: code, message: "the sign-in was denied in the browser")
        default:
          throw SSOError.oidc(code: code, message: message)
        }
      }
    }
  }

  static func expired(_ polling: DevicePolling) -> String {
    "the sign-in code expired before it was approved (it was valid for "
      + "\(Duration.seconds(Int(polling.lifetime)).spelled)): run `cone-shell login --aws` again and approve it in the browser"
  }

  private func renew(rejected: String?) async throws -> String {
    // One process refreshes at a time: refresh tokens rotate, so a second refresh with
    // the same token would fail.
    let lock = try await store.lock("sso-token", timeout: .seconds(60), purpose: "renewing the AWS SSO session")
    defer { lock.release() }
    if let token = cachedToken() {
      let fresh = token.accessToken != rejected
      if fresh, token.expiresAt - now() > Self.refreshWindow { return token.accessToken }
      if token.canRefresh(now: now()), let clientID = token.clientID, let secret = token.clientSecret,
        let refreshToken = token.refreshToken
      {
        do {
          let registration = SSOCacheFiles.Registration(
            clientID: clientID, clientSecret: secret, expiresAt: token.registrationExpiresAt ?? 0)
          let renewed = try await oidc.refresh(registration, refreshToken: refreshToken)
          log("AWS SSO token refreshed with the refresh token")
          return try save(renewed, registration: registration).accessToken
        } catch let error where error is SSOError || error is TransportError {
          // Refused, or AWS unreachable: either way the token in hand may still do.
          log("AWS SSO refresh failed: \(error)")
        }
      }
      // Still good for a while: better than a sign-in nobody can answer.
      if fresh, token.expiresAt - now() > 60, prompt == nil { return token.accessToken }
    }
    return try await login().accessToken
  }

  func registration(for method: SSOSignInMethod) async throws -> SSOCacheFiles.Registration {
    if let cached = files.readRegistration(now: now(), for: method) {
      redactor.register(cached.clientSecret)
      return cached
    }
    let registration = try await oidc.registerClient(for: method)
    redactor.register(registration.clientSecret)
    try files.write(registration)
    return registration
  }

  func save(_ token: SSOOIDCClient.Token, registration: SSOCacheFiles.Registration) throws -> SSOToken {
    redactor.register(token.accessToken)
    redactor.register(token.refreshToken)
    let saved = SSOToken(
      startURL: settings.startURL, region: settings.region, accessToken: token.accessToken,
      expiresAt: now() + token.expiresIn, clientID: registration.clientID, clientSecret: registration.clientSecret,
      registrationExpiresAt: registration.expiresAt, refreshToken: token.refreshToken)
    try files.write(saved)
    return saved
  }
}
