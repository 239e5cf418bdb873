/// The hot path of `credential_process`: `cone-shell creds PROFILE` answered from the
/// credential cache before anything else runs (no argument parser, no config parse, no
/// network, no lock). Anything it cannot answer goes to the full command, which says why.
public enum CachedCredentials {
  /// The credential_process document when `arguments` are exactly
  /// `[executable, "creds", PROFILE]` (what `setup` writes) and the cache holds
  /// credentials that `CredentialCache.usable` accepts for the profile as the `profiles`
  /// index describes it; nil otherwise.
  public static func processOutput(arguments: [String], environment: Environment? = nil) -> String? {
    guard arguments.count == 3, arguments[1] == "creds", !arguments[2].hasPrefix("-") else { return nil }
    let paths = Paths(environment: environment ?? .current)
    let store = StateStore(paths: paths)
    guard let configured = ProfilesIndex.entry(named: arguments[2], store: store, configFile: paths.awsConfigFile)
    else { return nil }
    return CredentialCache(store: store).usable(
      configured.name, accountID: configured.accountID, roleName: configured.roleName, now: Timestamp.now()
    )?.processOutput
  }
}
