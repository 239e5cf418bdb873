import ConeShellBase

/// `cone-shell logout`: sign out of AWS IAM Identity Center as `aws sso logout` does
/// (its Logout call, then the token file), forget cached ConductorOne access tokens,
/// and remove what cone-shell cached from them: role credentials and the grants the
/// prompt shows. cone's config, with its client credential, is left as it is.
public struct SignOutFlow: Sendable {
  public struct Report: Sendable, Equatable {
    /// The AWS SSO start URLs signed out of, and those whose Logout call failed (their
    /// token file is removed all the same).
    public var awsSignedOut: [String] = []
    public var awsLogoutFailures: [String] = []
    public var c1TokensRemoved = 0
    public var credentialsRemoved = 0
    public var grantsRemoved = false
    public var watchersStopped = 0
  }

  public let context: ConeContext

  public init(context: ConeContext) {
    self.context = context
  }

  public func run(aws: Bool, c1: Bool) async -> Report {
    var report = Report()
    if aws { await signOutOfAWS(&report) }
    if c1 {
      for name in FileSystem.entries(of: context.store.directory) where name.hasPrefix(C1TokenCache.filePrefix) {
        if (try? context.store.remove(name)) != nil { report.c1TokensRemoved += 1 }
      }
    }
    for name in FileSystem.entries(of: context.store.path(CredentialCache.directoryName)) {
      if (try? context.store.remove(CredentialCache.directoryName + "/" + name)) != nil { report.credentialsRemoved += 1 }
    }
    report.watchersStopped = TaskWatcher.stopAll(store: context.store)
    if FileSystem.exists(context.store.path(GrantsFile.fileName)) {
      report.grantsRemoved = (try? context.store.remove(GrantsFile.fileName)) != nil
    }
    return report
  }

  /// Every sign-in cone-shell's profiles use (and the default of cone's config), once.
  private func signOutOfAWS(_ report: inout Report) async {
    let config = try? context.loadC1Config()
    var sessions: [SSOSettings] = []
    if let config, let settings = SSOSettings(config: config, environment: context.environment) { sessions.append(settings) }
    let profiles = (try? ProfileDirectory(paths: context.paths, store: context.store).profiles()) ?? []
    for profile in profiles {
      if let settings = profile.ssoSettings(
        defaultStartURL: config?.awsSSOStartURL, defaultRegion: config?.awsSSORegion, environment: context.environment)
      {
        sessions.append(settings)
      }
    }
    var seen: Set<String> = []
    for settings in sessions {
      let files = SSOCacheFiles(directory: context.paths.ssoCacheDirectory, settings: settings)
      guard seen.insert(files.tokenPath).inserted, let token = files.readToken() else { continue }
      do {
        try await context.ssoPortal(settings).logout(accessToken: token.accessToken)
        report.awsSignedOut.append(settings.startURL)
      } catch {
        report.awsLogoutFailures.append(settings.startURL)
      }
      try? FileSystem.remove(files.tokenPath)
    }
  }
}
