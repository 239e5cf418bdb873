import ConeShellBase

/// `cone-shell setup`: reads every page of the catalog, plans one profile per AWS
/// permission set against the AWS config and, unless it is a dry run, applies the plan
/// under the config's lock, remembers the SSO settings in cone's config, rebuilds the
/// profile index and forgets the cached credentials of profiles that changed.
public struct SetupFlow: Sendable {
  public struct Options: Sendable {
    /// The SSO start URL; nil: the saved one.
    public var startURL: String?
    public var ssoRegion: String?
    public var region: String?
    /// The absolute path of cone-shell, for `credential_process`.
    public var executable: String
    public var c1Profile: String?
    public var prune = false
    public var dryRun = false

    public init(
      startURL: String? = nil, ssoRegion: String? = nil, region: String? = nil, executable: String,
      c1Profile: String? = nil, prune: Bool = false, dryRun: Bool = false
    ) {
      self.startURL = startURL
      self.ssoRegion = ssoRegion
      self.region = region
      self.executable = executable
      self.c1Profile = c1Profile
      self.prune = prune
      self.dryRun = dryRun
    }
  }

  public let context: ConeContext

  public init(context: ConeContext) {
    self.context = context
  }

  /// The plan, applied unless `options.dryRun`.
  public func run(_ options: Options) async throws -> ProfileSetup {
    let config = try context.loadC1Config()
    let settings = try Self.settings(options, saved: config, environment: context.environment)
    let client = try context.c1Client(profile: options.c1Profile)
    let progress = context.progressLine()
    let catalog = try await client.catalogEntitlements { count in
      progress.update("Reading the ConductorOne catalog… \(count) entitlements")
    }
    progress.finish()

    let file = AWSConfigFile(paths: context.paths)
    try context.store.prepare()
    let lock = try await context.store.lock("aws-config", timeout: .seconds(60), purpose: "writing \(file.path)")
    defer { lock.release() }
    var document = try file.load()
    let plan = ProfileSetup(catalog: catalog, document: document, settings: settings, prune: options.prune)
    if options.dryRun { return plan }
    try await context.updateC1Config { config in
      config.awsSSOStartURL = settings.startURL
      config.awsSSORegion = settings.ssoRegion
      config.awsDefaultRegion = settings.region
    }
    if !plan.isEmpty {
      try plan.apply(to: &document)
      try file.save(document)
    }
    try ProfileDirectory(paths: context.paths, store: context.store).rebuildIndex(from: document)
    let cache = CredentialCache(store: context.store)
    for action in plan.actions {
      switch action {
      case .update(let name, _, _), .remove(let name): cache.remove(name)
      default: break
      }
    }
    return plan
  }

  /// The settings from the options, else the saved ones, else the defaults.
  static func settings(_ options: Options, saved: C1Config, environment: Environment) throws -> ProfileSetup.Settings {
    guard var startURL = options.startURL ?? saved.awsSSOStartURL else { throw InputError.startURLMissing }
    // A URL copied from the browser may carry a fragment (`/start#/`).
    if let hash = startURL.firstIndex(of: "#") { startURL = String(startURL[..<hash]) }
    guard startURL.hasPrefix("https://") else { throw InputError.startURLNotHTTPS }
    return ProfileSetup.Settings(
      startURL: startURL, ssoRegion: options.ssoRegion ?? saved.awsSSORegion ?? SSOSettings.defaultRegion,
      region: options.region ?? saved.awsDefaultRegion ?? SSOSettings.defaultRegion, executable: options.executable,
      c1Profile: options.c1Profile ?? environment["CONE_PROFILE"])
  }
}
