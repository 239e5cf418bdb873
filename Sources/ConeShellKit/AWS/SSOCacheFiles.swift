import ConeShellBase
import Crypto

/// The files of `~/.aws/sso/cache` cone-shell reads and writes: the session's token and
/// the OIDC client registration, both named the way the AWS CLI v2 names them
/// (docs/aws-sso.md §3.1), both written atomically with mode 0600.
public struct SSOCacheFiles: Sendable {
  public let directory: String
  public let settings: SSOSettings
  /// The registration scopes written to `[sso-session cone-sso]`; they are part of the
  /// registration file's name, and real AWS only issues refresh tokens with them.
  public static let scopes = ["sso:account:access"]
  /// The grants of an authorization-code registration, as the AWS CLI v2 registers them.
  public static let authorizationCodeGrants = ["authorization_code", "refresh_token"]
  /// The largest cache file read: a token or a registration is a few kilobytes.
  static let readLimit = 1 << 20

  public init(directory: String, settings: SSOSettings) {
    self.directory = directory
    self.settings = settings
  }

  public var tokenPath: String {
    directory + "/" + Self.sha1Hex(SSOSettings.sessionName) + ".json"
  }

  public var registrationPath: String {
    directory + "/"
      + Self.registrationFileName(
        startURL: settings.startURL, region: settings.region, sessionName: SSOSettings.sessionName, scopes: Self.scopes)
  }

  /// The CLI v2 name: sha1 of Python's `json.dumps(args, sort_keys=True)`.
  static func registrationFileName(startURL: String, region: String, sessionName: String?, scopes: [String]?) -> String {
    let scopesJSON = scopes.map { "[" + $0.map(JSONText.quote).joined(separator: ", ") + "]" } ?? "null"
    let key =
      "{\"region\": \(JSONText.quote(region)), \"scopes\": \(scopesJSON), "
      + "\"session_name\": \(sessionName.map(JSONText.quote) ?? "null"), "
      + "\"startUrl\": \(JSONText.quote(startURL)), \"tool\": \"botocore\"}"
    return sha1Hex(key) + ".json"
  }

  /// The cached token, or nil when there is none or it is unreadable (then a new
  /// sign-in replaces it).
  public func readToken() -> SSOToken? {
    guard let bytes = try? FileSystem.read(tokenPath, limit: Self.readLimit) else { return nil }
    return SSOToken(json: bytes)
  }

  /// Writes the token through a symbolic link, as the AWS CLI does (it opens the
  /// path for writing), so a linked cache file stays linked.
  public func write(_ token: SSOToken) throws {
    try prepareDirectory()
    try FileSystem.writeAtomically(Array(token.json.utf8), to: FileSystem.resolvingSymlinks(tokenPath), mode: 0o600)
  }

  public struct Registration: Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String
    public var expiresAt: Double
    /// The grants registered for; nil for a device-flow registration, which names none.
    public var grantTypes: [String]? = nil
  }

  /// The cached registration when it has more than 15 minutes left (CLI v2's rule)
  /// and was made for `method`: CLI v2's two sign-ins share the file and replace each
  /// other's registration (docs/aws-sso.md §3.3).
  public func readRegistration(now: Double, for method: SSOSignInMethod = .deviceCode) -> Registration? {
    guard let bytes = try? FileSystem.read(registrationPath, limit: Self.readLimit), let json = try? JSONValue.decoded(from: bytes),
      let id = json["clientId"]?.stringValue, let secret = json["clientSecret"]?.stringValue,
      let expires = json["expiresAt"]?.stringValue.flatMap(Timestamp.parse), expires - 900 > now
    else { return nil }
    let grants = json["grantTypes"]?.arrayValue?.compactMap(\.stringValue)
    switch method {
    case .authorizationCode:
      guard let grants, grants.contains("authorization_code") else { return nil }
    case .deviceCode:
      // An auth-code registration (CLI v2's default) cannot run the device flow.
      if let grants, !grants.contains("urn:ietf:params:oauth:grant-type:device_code") { return nil }
    }
    return Registration(clientID: id, clientSecret: secret, expiresAt: expires, grantTypes: grants)
  }

  public func write(_ registration: Registration) throws {
    try prepareDirectory()
    let json = JSONText.object([
      ("clientId", JSONText.quote(registration.clientID)),
      ("clientSecret", JSONText.quote(registration.clientSecret)),
      ("expiresAt", JSONText.quote(Timestamp.format(registration.expiresAt))),
      ("scopes", "[" + Self.scopes.map(JSONText.quote).joined(separator: ", ") + "]"),
    ] + (registration.grantTypes.map { [("grantTypes", "[" + $0.map(JSONText.quote).joined(separator: ", ") + "]")] } ?? []))
    try FileSystem.writeAtomically(Array(json.utf8), to: FileSystem.resolvingSymlinks(registrationPath), mode: 0o600)
  }

  private func prepareDirectory() throws {
    if !FileSystem.exists(directory) { try FileSystem.createDirectory(directory, mode: 0o700) }
  }

  static func sha1Hex(_ text: String) -> String {
    Base16.encode(Insecure.SHA1.hash(data: Array(text.utf8)))
  }
}
