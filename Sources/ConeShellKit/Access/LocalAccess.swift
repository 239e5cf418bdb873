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
    var access = ProfileAccess(profile: entry.name, accountID: entry.accountID, roleName: entry.roleName, state: .none)
    if let cached = cache.read(entry.name), cached.expiration > now {
      access.state = .active
      access.expiresAt = cached.grantEnd
      return (access, .cache)
    }
    if let grant = grants?.entry(for: entry.name) {
      switch grant.state {
      case .active where grant.expires.map({ Double($0) > now }) ?? true:
        access.state = .active
        access.expiresAt = grant.expires.map(Double.init)
      case .pending:
        access.state = .pending
        access.task = grant.task.map { .init(number: $0) }
      default:
        break
      }
    }
    return (access, .grants)
  }
}
