import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Setup: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create an AWS CLI profile for every AWS permission set you can request.",
    discussion: """
      Reads every page of your ConductorOne request catalog and writes one profile per AWS
      permission set into your AWS config, named <account>-<role> (e.g.
      production-databaseadministrator), each running `cone-shell creds` as its
      credential_process. Existing profiles are skipped and reported; cone-shell's own
      profiles are updated when their ids changed; a name taken by another profile gets
      a stable suffix instead of an overwrite. Every other line of the file stays as it
      was. The SSO settings are remembered in ~/.conductorone/config.yaml, so later runs
      need no flags.
      """,
    subcommands: [Show.self]
  )

  @Option(help: "Your AWS SSO start URL, e.g. https://acme.awsapps.com/start. Required on the first run.")
  var ssoURL: String?

  @Option(help: "The region of IAM Identity Center (default: the saved one, else us-east-1).")
  var ssoRegion: String?

  @Option(help: "The default region for the generated profiles (default: the saved one, else us-east-1).")
  var region: String?

  @Flag(help: "Remove cone-shell profiles whose permission set is no longer in the catalog.")
  var prune = false

  @Flag(help: "Show what would change and change nothing.")
  var dryRun = false

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    try await withContext(global) { context in
      let config = try context.loadC1Config()
      guard var startURL = ssoURL ?? config.awsSSOStartURL else {
        throw ValidationError("give your AWS SSO start URL on the first run: --sso-url https://<yours>.awsapps.com/start")
      }
      // A URL copied from the browser may carry a fragment (`/start#/`).
      if let hash = startURL.firstIndex(of: "#") { startURL = String(startURL[..<hash]) }
      guard startURL.hasPrefix("https://") else { throw ValidationError("the SSO start URL must start with https://") }
      guard let executable = Executables.launcherPath() else { throw ValidationError("cannot find the path of cone-shell") }
      let settings = ProfileSetup.Settings(
        startURL: startURL, ssoRegion: ssoRegion ?? config.awsSSORegion ?? SSOSettings.defaultRegion,
        region: region ?? config.awsDefaultRegion ?? SSOSettings.defaultRegion, executable: executable,
        c1Profile: global.c1Profile ?? context.environment["CONE_PROFILE"])

      let client = try context.c1Client(profile: global.c1Profile)
      let progress = ProgressLine(isTerminal: context.stderrIsTerminal)
      let catalog = try await client.catalogEntitlements { count in
        progress.update("Reading the ConductorOne catalog… \(count) entitlements")
      }
      progress.finish()

      let file = AWSConfigFile(paths: context.paths)
      try context.store.prepare()
      let lock = try await context.store.lock("aws-config", timeout: .seconds(60), purpose: "writing \(file.path)")
      defer { lock.release() }
      var document = try file.load()
      let plan = ProfileSetup(catalog: catalog, document: document, settings: settings, prune: prune)
      let lines = plan.actions.compactMap { Self.describe($0, collisions: plan.collisions) }
      if dryRun {
        for line in lines { StandardOutput.print(line) }
        if plan.ssoSessionChange { StandardOutput.print("~ [sso-session \(SSOSettings.sessionName)] (\(startURL), \(settings.ssoRegion))") }
        StandardOutput.print(plan.summary(dryRun: true))
        return
      }
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
      for line in lines { StandardOutput.print(line) }
      StandardOutput.print(plan.summary())
    }
  }

  /// One line per profile, as a diff: + created, ~ updated, - removed, = skipped.
  static func describe(_ action: ProfileSetup.Action, collisions: [String: String]) -> String? {
    switch action {
    case .create(let name, let set):
      "+ \(name)  (\(set.accountID) \(set.roleName)"
        + (collisions[name].map { "; the name \($0) was taken" } ?? "") + ")"
    case .update(let name, _, let changes): "~ \(name)  (\(changes.joined(separator: ", ")))"
    case .keep(let name, let reason) where reason != "up to date": "= \(name)  (skipped: \(reason))"
    case .keep: nil
    case .remove(let name): "- \(name)  (no longer in the catalog)"
    case .stale(let name): "! \(name)  (no longer in the catalog; kept, use --prune)"
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the saved AWS SSO settings.")

    func run() async throws {
      let config = try ConeContext().loadC1Config()
      guard let startURL = config.awsSSOStartURL else {
        StandardOutput.print("AWS SSO is not set up yet: run `cone-shell setup --sso-url https://<yours>.awsapps.com/start`.")
        throw ExitCode(ExitStatus.failure.rawValue)
      }
      StandardOutput.print("SSO start URL:  \(startURL)")
      StandardOutput.print("SSO region:     \(config.awsSSORegion ?? SSOSettings.defaultRegion)")
      StandardOutput.print("Default region: \(config.awsDefaultRegion ?? SSOSettings.defaultRegion)")
    }
  }
}
