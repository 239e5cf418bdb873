#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// AWS SSO OIDC as botocore speaks it (aws-sso.md §2): unsigned JSON POSTs.
public struct SSOOIDCClient: Sendable {
  public let settings: SSOSettings
  let transport: HTTPTransport

  public init(settings: SSOSettings, transport: HTTPTransport) {
    self.settings = settings
    self.transport = transport
  }

  public func registerClient() async throws -> SSOCacheFiles.Registration {
    let json = try await post(
      "/client/register",
      ["clientName": .string("cone-shell"), "clientType": .string("public"),
       "scopes": .array(SSOCacheFiles.scopes.map(JSONValue.string))],
      idempotent: true)
    guard let id = json["clientId"]?.stringValue, let secret = json["clientSecret"]?.stringValue else {
      throw SSOError.malformedResponse(request: "POST /client/register")
    }
    let expires = json["clientSecretExpiresAt"]?.int64Value.map(Double.init) ?? Timestamp.now() + 90 * 86400
    return SSOCacheFiles.Registration(clientID: id, clientSecret: secret, expiresAt: expires)
  }

  public struct DeviceAuthorization: Sendable {
    public var deviceCode: String
    public var userCode: String
    public var verificationURL: String
    public var expiresIn: Double
    public var interval: Double
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
      expiresIn: json["expiresIn"]?.int64Value.map(Double.init) ?? 600,
      interval: max(json["interval"]?.int64Value.map(Double.init) ?? 5, 1))
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
    _ registration: SSOCacheFiles.Registration, _ grant: [String: JSONValue]
  ) async throws -> Token {
    var body = grant
    body["clientId"] = .string(registration.clientID)
    body["clientSecret"] = .string(registration.clientSecret)
    // A token request is safe to repeat: an unused device code or refresh token gives
    // the same answer.
    let json = try await post("/token", body, idempotent: true)
    guard let token = json["accessToken"]?.stringValue else { throw SSOError.malformedResponse(request: "POST /token") }
    return Token(
      accessToken: token, expiresIn: json["expiresIn"]?.int64Value.map(Double.init) ?? 3600,
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
