#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// AWS role credentials kept per profile in the state directory (one 0600 file each),
/// so that `creds` answers from disk while they last: the AWS CLI caches nothing from
/// credential_process (aws-sso.md §4.4).
public struct CredentialCache: Sendable {
  public struct Entry: Codable, Sendable, Equatable {
    public var profile: String
    public var accountID: String
    public var roleName: String
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When these credentials stop being handed out: the earlier of the role
    /// credentials' expiry and the grant's end. Seconds since the epoch.
    public var expiration: Double
    /// When the grant ends, if it is time-bound.
    public var grantEnd: Double?

    public init(
      profile: String, accountID: String, roleName: String, credentials: RoleCredentials, grantEnd: Double?
    ) {
      self.profile = profile
      self.accountID = accountID
      self.roleName = roleName
      accessKeyID = credentials.accessKeyID
      secretAccessKey = credentials.secretAccessKey
      sessionToken = credentials.sessionToken
      expiration = min(credentials.expiration, grantEnd ?? .infinity)
      self.grantEnd = grantEnd
    }

    /// The document credential_process prints (aws-sso.md §4.1): `Version` the
    /// integer 1, `Expiration` as `YYYY-MM-DDTHH:MM:SSZ`.
    public var processOutput: String {
      var pairs: [(String, String)] = [
        ("Version", "1"), ("AccessKeyId", JSONText.quote(accessKeyID)),
        ("SecretAccessKey", JSONText.quote(secretAccessKey)),
      ]
      if let sessionToken { pairs.append(("SessionToken", JSONText.quote(sessionToken))) }
      pairs.append(("Expiration", JSONText.quote(Timestamp.format(expiration))))
      pairs.append(("AccountId", JSONText.quote(accountID)))
      return JSONText.object(pairs)
    }
  }

  /// Credentials are handed out from the cache only with more than this left: below
  /// it botocore runs credential_process again before every request.
  public static let minimumRemaining: Double = 15 * 60

  public let store: StateStore

  public init(store: StateStore) {
    self.store = store
  }

  static func fileName(_ profile: String) -> String {
    "credentials/" + StateStore.fileName(for: profile) + ".json"
  }

  /// The cached entry when it has more than `minimumRemaining` left. A corrupt file is
  /// as good as none; the next fetch overwrites it.
  public func usable(_ profile: String, now: Double) -> Entry? {
    guard let entry = read(profile), entry.expiration - now > Self.minimumRemaining else { return nil }
    return entry
  }

  public func read(_ profile: String) -> Entry? {
    guard let bytes = try? store.read(Self.fileName(profile)),
      let entry = try? JSONDecoder().decode(Entry.self, from: Data(bytes)), entry.profile == profile
    else { return nil }
    return entry
  }

  public func write(_ entry: Entry) throws {
    try store.write(Self.fileName(entry.profile), Array(try JSONEncoder().encode(entry)))
  }

  public func remove(_ profile: String) {
    try? store.remove(Self.fileName(profile))
  }
}
