#if canImport(FoundationEssentials)
import ConeShellBase
import FoundationEssentials
#else
import Foundation
#endif

/// AWS SSO OIDC as botocore speaks it (docs/aws-sso.md §2): unsigned JSON POSTs.
public struct SSOOIDCClient: Sendable {
  public let settings: SSOSettings
  let transport: HTTPTransport

  public init(settings: SSOSettings, transport: HTTPTransport) {
    self.settings = settings
    self.transport = transport
  }

  /// A client for `method`: for the authorization code, with the grants, the loopback
  /// redirect URI (without a port: any port matches) and the issuer URL botocore sends.
  public func registerClient(for method: SSOSignInMethod = .deviceCode) async throws -> SSOCacheFiles.Registration {
    var body: [String: JSONValue] = [
      "clientName": .string("cone-shell"), "clientType": .string("public"),
      "scopes": .array(SSOCacheFiles.scopes.map(JSONValue.string)),
    ]
    if method == .authorizationCode {
      body["grantTypes"] = .array(SSOCacheFiles.authorizationCodeGrants.map(JSONValue.string))
      body["redirectUris"] = .array([.string("http://127.0.0.1" + OAuthCallbackListener.callbackPath)])
      body["issuerUrl"] = .string(settings.startURL)
    }
    let json = try await post("/client/register", body, idempotent: true)
    guard let id = json["clientId"]?.stringValue, let secret = json["clientSecret"]?.stringValue else {
      throw SSOError.malformedResponse(request: "POST /client/register")
    }
    return SSOCacheFiles.Registration(
      clientID: id, clientSecret: secret,
      expiresAt: Self.registrationEnd(json["clientSecretExpiresAt"]?.doubleValue, now: Timestamp.now()),
      grantTypes: method == .authorizationCode ? SSOCacheFiles.authorizationCodeGrants : nil)
  }

  /// The page the browser opens for an authorization-code sign-in, built as the AWS CLI v2
  /// builds it: on the OIDC endpoint's scheme and host (any path dropped), `scopes` plural.
  public func authorizeURL(
    _ registration: SSOCacheFiles.Registration, redirectURI: String, state: String, challenge: String
  ) -> String {
    let origin = URLParts(settings.oidcEndpoint).map { "\($0.scheme)://\($0.hostAndPort)" } ?? settings.oidcEndpoint
    return origin + "/authorize?" + OAuthQuery.encode([
      ("response_type", "code"), ("client_id", registration.clientID), ("redirect_uri", redirectURI),
      ("state", state), ("code_challenge_method", "S256"), ("scopes", SSOCacheFiles.scopes.joined(separator: " ")),
      ("code_challenge", challenge),
    ])
  }

  /// CreateToken for an authorization code; `redirectURI` is the one with the port. Not
  /// retried: a code is spent by any attempt.
  public func createToken(
    _ registration: SSOCacheFiles.Registration, code: String, redirectURI: String, verifier: String
  ) async throws -> Token {
    try await createToken(registration, [
      "grantType": .string("authorization_code"), "code": .string(code), "redirectUri": .string(redirectURI),
      "codeVerifier": .string(verifier),
    ], idempotent: false)
  }

  public struct DeviceAuthorization: Sendable {
    public var deviceCode: String
    public var userCode: String
    public var verificationURL: String
    /// The pace and the lifetime the server asked for, within bounds.
    public var polling: DevicePolling
    public var expiresIn: Double { polling.lifetime }
    public var interval: Double { polling.interval }
  }

  /// A client registration lasts 90 days; AWS says when it ends, read within 1970 and
  /// a year from now (it only decides when to register again, and every later date
  /// conversion stays in range).
  static let defaultRegistrationLifetime: Double = 90 * 86400
  static let longestRegistrationLifetime: Double = 366 * 86400

  static func registrationEnd(_ value: Double?, now: Double) -> Double {
    guard let value else { return now + defaultRegistrationLifetime }
    // A date before 1970 is as expired as any past one.
    return min(max(value, 0), now + longestRegistrationLifetime)
  }

  /// An access token's life in seconds: AWS's own sessions last at most 90 days; a
  /// negative life is no life.
  static let longestTokenLifetime: Double = 90 * 86400

  static func tokenLifetime(_ value: Double?) -> Double {
    guard let value else { return 3600 }
    return min(max(value, 0), longestTokenLifetime)
  }

  public func startDeviceAuthorization(_ registration: SSOCacheFiles.Registration) async throws -> DeviceAuthorization {
    let json = try await post(
      "/device_authorization",
      ["clientId": .string(registration.clientID), "clientSecret": .string(registration.clientSecret),
       "startUrl": .string(settings.startURL)],
      idempotent: true)
    guard let code = json["deviceCode"]?.stringValue,
      let url = json["verificationUriComplete"]?.stringValue ?? json["verificationUri"]?.stringValue
    else { throw SSOError.malformedResponse(request: "POST /device_authorization") }
    return DeviceAuthorization(
      deviceCode: code, userCode: json["userCode"]?.stringValue ?? "", verificationURL: url,
      polling: DevicePolling(interval: json["interval"]?.doubleValue, expiresIn: json["expiresIn"]?.doubleValue))
  }

  public struct Token: Sendable {
    public var accessToken: String
    public var expiresIn: Double
    public var refreshToken: String?
  }

  public func createToken(
    _ registration: SSOCacheFiles.Registration, deviceCode: String
  ) async throws -> Token {
    try await createToken(registration, [
      "grantType": .string("urn:ietf:params:oauth:grant-type:device_code"), "deviceCode": .string(deviceCode),
    ])
  }

  public func refresh(_ registration: SSOCacheFiles.Registration, refreshToken: String) async throws -> Token {
    try await createToken(registration, ["grantType": .string("refresh_token"), "refreshToken": .string(refreshToken)])
  }

  private func createToken(
    _ registration: SSOCacheFiles.Registration, _ grant: [String: JSONValue], idempotent: Bool = true
  ) async throws -> Token {
    var body = grant
    body["clientId"] = .string(registration.clientID)
    body["clientSecret"] = .string(registration.clientSecret)
    // A token request is safe to repeat: an unused device code or refresh token gives
    // the same answer.
    let json = try await post("/token", body, idempotent: idempotent)
    guard let token = json["accessToken"]?.stringValue else { throw SSOError.malformedResponse(request: "POST /token") }
    return Token(
      accessToken: token, expiresIn: Self.tokenLifetime(json["expiresIn"]?.doubleValue),
      refreshToken: json["refreshToken"]?.stringValue)
  }

  private func post(_ path: String, _ body: [String: JSONValue], idempotent: Bool) async throws -> JSONValue {
    let request = HTTPRequest(
      .post, settings.oidcEndpoint + path, headers: [("Content-Type", "application/json")],
      body: Array(try JSONEncoder().encode(body)), isIdempotent: idempotent)
    let response = try await transport.send(request)
    guard response.isSuccess else {
      let error = SSOError.parse(response)
      if let code = error.oauthCode ?? Self.oauthCode(forType: error.type) {
        throw SSOError.oidc(code: code, message: error.message)
      }
      throw SSOError.service(request: request.summary, status: response.status, type: error.type, message: error.message)
    }
    guard let json = try? JSONValue.decoded(from: response.body) else {
      throw SSOError.malformedResponse(request: request.summary)
    }
    return json
  }

  private static func oauthCode(forType type: String) -> String? {
    switch type {
    case "AuthorizationPendingException": "authorization_pending"
    case "SlowDownException": "slow_down"
    case "ExpiredTokenException": "expired_token"
    case "AccessDeniedException": "access_denied"
    case "InvalidGrantException": "invalid_grant"
    case "InvalidClientException": "invalid_client"
    default: nil
    }
  }
}
