/// AWS role credentials kept per profile in the state directory (one 0600 file each),
/// so that `creds` answers from disk while they last: the AWS CLI caches nothing from
/// credential_process (docs/aws-sso.md §4.3).
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
    /// The AWS SSO token file of the sign-in these credentials came from: they are handed
    /// out only while it exists, so `aws sso logout` ends them at once, as it ends the
    /// AWS CLI's own SSO profiles.
    public var signInFile: String?

    public init(
      profile: String, accountID: String, roleName: String, accessKeyID: String, secretAccessKey: String,
      sessionToken: String?, expiration: Double, grantEnd: Double?, signInFile: String? = nil
    ) {
      self.profile = profile
      self.accountID = accountID
      self.roleName = roleName
      self.accessKeyID = accessKeyID
      self.secretAccessKey = secretAccessKey
      self.sessionToken = sessionToken
      self.expiration = expiration
      self.grantEnd = grantEnd
      self.signInFile = signInFile
    }

    public init(
      profile: String, accountID: String, roleName: String, credentials: RoleCredentials, grantEnd: Double?,
      signInFile: String? = nil
    ) {
      self.profile = profile
      self.accountID = accountID
      self.roleName = roleName
      accessKeyID = credentials.accessKeyID
      secretAccessKey = credentials.secretAccessKey
      sessionToken = credentials.sessionToken
      expiration = min(credentials.expiration, grantEnd ?? .infinity)
      self.grantEnd = grantEnd
      self.signInFile = signInFile
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
      // Version 1 files (0.1.0) name no sign-in; they read as absent and are replaced.
      guard field("version") == "2", let profile = field("profile"), let account = field("account_id"),
        let role = field("role_name"), let key = field("access_key_id"), let secret = field("secret_access_key"),
        let expiration = field("expiration").flatMap(Self.time)
      else { return nil }
      var grantEnd: Double?
      if let text = field("grant_end") {
        guard let end = Self.time(text) else { return nil }
        grantEnd = end
      }
      self.init(
        profile: String(profile), accountID: String(account), roleName: String(role), accessKeyID: String(key),
        secretAccessKey: String(secret), sessionToken: field("session_token").map(String.init),
        expiration: expiration, grantEnd: grantEnd, signInFile: field("sign_in_file").map(String.init))
    }

    /// A time in the file: seconds since the epoch, finite and within the years
    /// 1970–5138, so that no later conversion can trap (`inf` once crashed every call).
    static func time(_ text: Substring) -> Double? {
      guard let value = Double(text), value.isFinite, value >= 0, value < 1e11 else { return nil }
      return value
    }

    /// The file's text. Values never hold a tab or a line break (they are AWS key
    /// material and names cone-shell wrote); such a value makes the entry unwritable.
    public var text: String? {
      var lines = [
        ("version", "2"), ("profile", profile), ("account_id", accountID), ("role_name", roleName),
        ("access_key_id", accessKeyID), ("secret_access_key", secretAccessKey),
        ("expiration", String(expiration)),
      ]
      if let sessionToken { lines.append(("session_token", sessionToken)) }
      if let grantEnd { lines.append(("grant_end", String(grantEnd))) }
      if let signInFile { lines.append(("sign_in_file", signInFile)) }
      guard lines.allSatisfy({ TerminalText.isPlainField($0.1) }), Self.time(Substring(String(expiration))) != nil
      else { return nil }
      return lines.map { "\($0.0)\t\($0.1)\n" }.joined()
    }

    /// The document credential_process prints (docs/aws-sso.md §4.1): `Version` the
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

  /// The state subdirectory that holds one file per profile.
  public static let directoryName = "credentials"

  static func fileName(_ profile: String) -> String {
    directoryName + "/" + StateStore.fileName(for: profile)
  }

  /// The largest cache file read: an entry is a few kilobytes.
  static let readLimit = 64 << 10

  /// The cached entry when it may be handed out now: it has more than
  /// `minimumRemaining` left, it is for the account and role the profile is configured
  /// with now (not only for its name), and the sign-in it came from still exists. A
  /// corrupt or untrusted file is as good as none; the next fetch replaces it.
  public func usable(_ profile: String, accountID: String, roleName: String, now: Double) -> Entry? {
    guard let entry = read(profile), entry.expiration - now > Self.minimumRemaining,
      entry.accountID == accountID, entry.roleName == roleName,
      let signIn = entry.signInFile, FileSystem.exists(signIn)
    else { return nil }
    return entry
  }

  public func read(_ profile: String) -> Entry? {
    guard let bytes = try? store.read(Self.fileName(profile), limit: Self.readLimit),
      let entry = Entry(text: String(decoding: bytes, as: UTF8.self)), entry.profile == profile
    else { return nil }
    return entry
  }

  /// Why the cache cannot be used at all (its directory or file is not the user's own
  /// and private), for the full command to say; nil when it can. A corrupt file is not
  /// such a problem: it reads as absent and is replaced.
  public func trustProblem(_ profile: String) -> FileError? {
    do {
      _ = try store.read(Self.fileName(profile), limit: Self.readLimit)
      return nil
    } catch {
      return error.isUntrusted ? error : nil
    }
  }

  public func write(_ entry: Entry) throws {
    guard let text = entry.text else { throw FileError("write credentials for", entry.profile, code: EINVAL) }
    try store.write(Self.fileName(entry.profile), Array(text.utf8))
  }

  public func remove(_ profile: String) {
    try? store.remove(Self.fileName(profile))
  }
}
