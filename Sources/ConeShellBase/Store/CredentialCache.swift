/// AWS role credentials kept per profile in the state directory (one 0600 file each),
/// so that `creds` answers from disk while they last: the AWS CLI caches nothing from
/// credential_process (aws-sso.md §4.4).
///
/// The file is `key<TAB>value` lines rather than JSON: reading it is the whole of the
/// credential hot path, and this way it needs neither Foundation nor a JSON decoder.
public struct CredentialCache: Sendable {
  public struct Entry: Sendable, Equatable {
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
      profile: String, accountID: String, roleName: String, accessKeyID: String, secretAccessKey: String,
      sessionToken: String?, expiration: Double, grantEnd: Double?
    ) {
      self.profile = profile
      self.accountID = accountID
      self.roleName = roleName
      self.accessKeyID = accessKeyID
      self.secretAccessKey = secretAccessKey
      self.sessionToken = sessionToken
      self.expiration = expiration
      self.grantEnd = grantEnd
    }

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

    /// Reads the file's text; nil when a field is missing or malformed.
    public init?(text: String) {
      // A list, not a dictionary: see `Environment.current` on the hot path's cost.
      var fields: [(key: Substring, value: Substring)] = []
      for line in text.split(separator: "\n") {
        guard let tab = line.firstIndex(of: "\t") else { return nil }
        fields.append((line[..<tab], line[line.index(after: tab)...]))
      }
      func field(_ key: String) -> Substring? { fields.last { $0.key == key }?.value }
      guard field("version") == "1", let profile = field("profile"), let account = field("account_id"),
        let role = field("role_name"), let key = field("access_key_id"), let secret = field("secret_access_key"),
        let expiration = field("expiration").flatMap({ Double($0) })
      else { return nil }
      self.init(
        profile: String(profile), accountID: String(account), roleName: String(role), accessKeyID: String(key),
        secretAccessKey: String(secret), sessionToken: field("session_token").map(String.init),
        expiration: expiration, grantEnd: field("grant_end").flatMap { Double($0) })
    }

    /// The file's text. Values never hold a tab or a line break (they are AWS key
    /// material and names cone-shell wrote); such a value makes the entry unwritable.
    public var text: String? {
      var lines = [
        ("version", "1"), ("profile", profile), ("account_id", accountID), ("role_name", roleName),
        ("access_key_id", accessKeyID), ("secret_access_key", secretAccessKey),
        ("expiration", String(expiration)),
      ]
      if let sessionToken { lines.append(("session_token", sessionToken)) }
      if let grantEnd { lines.append(("grant_end", String(grantEnd))) }
      guard !lines.contains(where: { $0.1.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) }) else {
        return nil
      }
      return lines.map { "\($0.0)\t\($0.1)\n" }.joined()
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
    "credentials/" + StateStore.fileName(for: profile)
  }

  /// The cached entry when it has more than `minimumRemaining` left. A corrupt file is
  /// as good as none; the next fetch overwrites it.
  public func usable(_ profile: String, now: Double) -> Entry? {
    guard let entry = read(profile), entry.expiration - now > Self.minimumRemaining else { return nil }
    return entry
  }

  public func read(_ profile: String) -> Entry? {
    guard let bytes = try? store.read(Self.fileName(profile)),
      let entry = Entry(text: String(decoding: bytes, as: UTF8.self)), entry.profile == profile
    else { return nil }
    return entry
  }

  public func write(_ entry: Entry) throws {
    guard let text = entry.text else { throw FileError("write credentials for", entry.profile, code: EINVAL) }
    try store.write(Self.fileName(entry.profile), Array(text.utf8))
  }

  public func remove(_ profile: String) {
    try? store.remove(Self.fileName(profile))
  }
}
