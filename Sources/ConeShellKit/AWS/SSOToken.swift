#if canImport(FoundationEssentials)
import ConeShellBase
import FoundationEssentials
#else
import Foundation
#endif

/// An IAM Identity Center access token as the AWS CLI v2 caches it
/// (`~/.aws/sso/cache/<sha1(session name)>.json`, docs/aws-sso.md §3.2), so that
/// `aws sso login --sso-session cone-sso`, botocore and cone-shell share one sign-in.
public struct SSOToken: Sendable, Equatable {
  public var startURL: String
  public var region: String
  public var accessToken: String
  /// Seconds since the epoch.
  public var expiresAt: Double
  public var clientID: String?
  public var clientSecret: String?
  public var registrationExpiresAt: Double?
  public var refreshToken: String?
  /// Keys other tools wrote that cone-shell keeps as they were.
  public var otherKeys: [String: JSONValue] = [:]

  public init(
    startURL: String, region: String, accessToken: String, expiresAt: Double, clientID: String? = nil,
    clientSecret: String? = nil, registrationExpiresAt: Double? = nil, refreshToken: String? = nil
  ) {
    self.startURL = startURL
    self.region = region
    self.accessToken = accessToken
    self.expiresAt = expiresAt
    self.clientID = clientID
    self.clientSecret = clientSecret
    self.registrationExpiresAt = registrationExpiresAt
    self.refreshToken = refreshToken
  }

  /// Reads the cache file's JSON; nil when the required `accessToken` and `expiresAt`
  /// are missing (botocore calls such a file invalid too).
  public init?(json bytes: [UInt8]) {
    guard case .object(var object) = (try? JSONValue.decoded(from: bytes)) ?? .null,
      let accessToken = object.removeValue(forKey: "accessToken")?.stringValue,
      let expiresAt = object.removeValue(forKey: "expiresAt")?.stringValue.flatMap(Timestamp.parse)
    else { return nil }
    self.accessToken = accessToken
    self.expiresAt = expiresAt
    startURL = object.removeValue(forKey: "startUrl")?.stringValue ?? ""
    region = object.removeValue(forKey: "region")?.stringValue ?? ""
    clientID = object.removeValue(forKey: "clientId")?.stringValue
    clientSecret = object.removeValue(forKey: "clientSecret")?.stringValue
    registrationExpiresAt = object.removeValue(forKey: "registrationExpiresAt")?.stringValue.flatMap(Timestamp.parse)
    refreshToken = object.removeValue(forKey: "refreshToken")?.stringValue
    otherKeys = object
  }

  /// The file's JSON, keys in the order botocore writes them, times as
  /// `YYYY-MM-DDTHH:MM:SSZ`.
  public var json: String {
    var pairs: [(String, String)] = [
      ("startUrl", JSONText.quote(startURL)), ("region", JSONText.quote(region)),
      ("accessToken", JSONText.quote(accessToken)), ("expiresAt", JSONText.quote(Timestamp.format(expiresAt))),
    ]
    if let clientID { pairs.append(("clientId", JSONText.quote(clientID))) }
    if let clientSecret { pairs.append(("clientSecret", JSONText.quote(clientSecret))) }
    if let registrationExpiresAt {
      pairs.append(("registrationExpiresAt", JSONText.quote(Timestamp.format(registrationExpiresAt))))
    }
    if let refreshToken { pairs.append(("refreshToken", JSONText.quote(refreshToken))) }
    for key in otherKeys.keys.sorted() {
      let value = (try? JSONEncoder().encode(otherKeys[key])).map { String(decoding: $0, as: UTF8.self) } ?? "null"
      pairs.append((key, value))
    }
    return JSONText.object(pairs)
  }

  /// The scopes the token was issued for, when the file says (the AWS CLI writes none;
  /// IDE plugins such as Amazon Q and the AWS Toolkit write theirs, as a list).
  public var scopes: [String]? {
    switch otherKeys["scopes"] {
    case .array(let items): items.compactMap(\.stringValue)
    case .string(let text): text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    default: nil
    }
  }

  /// Whether the token may fetch role credentials: a token that names its scopes must
  /// name `sso:account:access`. One made for an IDE's other scopes is not used.
  public var allowsAccountAccess: Bool {
    scopes.map { $0.contains("sso:account:access") } ?? true
  }

  /// Whether a refresh with the refresh token can work: botocore needs the token, the
  /// client registration, and a registration that has not expired.
  public func canRefresh(now: Double) -> Bool {
    refreshToken != nil && clientID != nil && clientSecret != nil && (registrationExpiresAt ?? 0) > now
  }
}
