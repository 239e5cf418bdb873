import ConeShellBase

/// Profiles' access as the local files tell it, without the network: a valid cached
/// credential first, then the grants file of the last refresh (read once, for any number
/// of profiles).
public struct LocalAccess {
  /// Which file answered.
  public enum Source: String, Sendable {
    case cache, grants
  }

  /// The grants file as it was read, nil when there is none or it cannot be parsed.
  public let grants: GrantsFile?
  private let cache: CredentialCache

  public init(store: StateStore) {
    grants = GrantsStore(store: store).read()
    cache = CredentialCache(store: store)
  }

  public func access(of entry: ProfilesIndex.Entry, now: Double) -> (access: ProfileAccess, source: Source) {
    if let cached = cache.read(entry.name), cached.expiration > now {
      let access = ProfileAccess(
        profile: entry.name, accountID: entry.accountID, roleName: entry.roleName, state: .active,
        expiresAt: cached.grantEnd)
      return (access, .cache)
    }
    return (ProfileAccess(entry, grant: grants?.entry(for: entry.name), now: now), .grants)
  }
}
