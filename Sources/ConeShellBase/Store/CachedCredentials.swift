/// The hot path of `credential_process`: `cone-shell creds PROFILE` answered from the
/// credential cache before anything else runs (no argument parser, no config file, no
/// network, no lock). Anything it cannot answer goes to the full command.
public enum CachedCredentials {
  /// The credential_process document when `arguments` are exactly
  /// `[executable, "creds", PROFILE]` (what `setup` writes) and the cache holds
  /// credentials with more than 15 minutes left; nil otherwise.
  public static func processOutput(arguments: [String], environment: Environment? = nil) -> String? {
    guard arguments.count == 3, arguments[1] == "creds", !arguments[2].hasPrefix("-") else { return nil }
    let cache = CredentialCache(store: StateStore(paths: Paths(environment: environment ?? .current)))
    return cache.usable(arguments[2], now: Timestamp.now())?.processOutput
  }
}
