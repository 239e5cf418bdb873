import ConeShellBase

/// `cone-shell login --aws`: a new AWS IAM Identity Center sign-in for the start URL
/// given or saved (the same session as `aws sso login --sso-session cone-sso`), with the
/// settings saved for next time.
public struct AWSSignInFlow: Sendable {
  /// The start URL signed in to, and when the session ends (seconds since the epoch).
  public struct SignedIn: Sendable, Equatable {
    public var startURL: String
    public var expiresAt: Double
  }

  public let context: ConeContext

  public init(context: ConeContext) {
    self.context = context
  }

  /// Signs in to `startURL` in `region` (default: the saved ones), with a device code
  /// when `useDeviceCode` or when no browser can come back here.
  public func run(startURL: String?, region: String?, useDeviceCode: Bool) async throws -> SignedIn {
    let config = try context.loadC1Config()
    guard let url = startURL ?? config.awsSSOStartURL else { throw InputError.signInStartURLMissing }
    let resolvedRegion = region ?? config.awsSSORegion ?? SSOSettings.defaultRegion
    let settings = SSOSettings(startURL: url, region: resolvedRegion, environment: context.environment)
    let session = SSOSession(
      settings: settings, cacheDirectory: context.paths.ssoCacheDirectory, transport: context.transport,
      store: context.store, redactor: context.redactor, log: context.log, prompt: context.signInPrompt, now: context.now)
    let token = try await session.login(
      method: SSOSignInMethod.choose(useDeviceCode: useDeviceCode, environment: context.environment))
    if startURL != nil || region != nil || config.awsSSOStartURL == nil {
      try await context.updateC1Config { config in
        config.awsSSOStartURL = url
        config.awsSSORegion = resolvedRegion
      }
    }
    return SignedIn(startURL: url, expiresAt: token.expiresAt)
  }
}
