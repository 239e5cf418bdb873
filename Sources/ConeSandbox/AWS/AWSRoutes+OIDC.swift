import Foundation
import Hummingbird

extension AWSRoutes {
  private struct RegisterClientResponse: Encodable {
    let clientId: String
    let clientSecret: String
    let clientIdIssuedAt: Int
    let clientSecretExpiresAt: Int
  }

  @Sendable func registerClient(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let body = try await body(request)
    guard let name = body["clientName"]?.stringValue, !name.isEmpty else {
      throw AWSError.invalidOIDCRequest("clientName is required")
    }
    guard body["clientType"]?.stringValue == "public" else {
      throw AWSError.oidc("InvalidClientMetadataException", "invalid_client_metadata", "clientType must be public")
    }
    let metadata = try registration(body)
    let client = await tenant.registerOIDCClient(name: name, metadata: metadata)
    return try respond(RegisterClientResponse(
      clientId: client.clientId, clientSecret: client.clientSecret,
      clientIdIssuedAt: Int(client.issuedAt.timeIntervalSince1970),
      clientSecretExpiresAt: Int(client.expiresAt.timeIntervalSince1970)))
  }

  /// What botocore sends for an authorization-code client (docs/aws-sso.md §2):
  /// `grantTypes`, loopback `redirectUris` and the start URL as `issuerUrl`.
  private func registration(_ body: [String: WireJSON]) throws(AWSError) -> OIDCClient.Metadata {
    func strings(_ key: String) throws(AWSError) -> [String]? {
      guard let value = body[key], value != .null else { return nil }
      guard let items = value.arrayValue?.compactMap(\.stringValue), items.count == value.arrayValue?.count else {
        throw AWSError.invalidOIDCRequest("\(key) must be a list of strings")
      }
      return items
    }
    let grantTypes = try strings("grantTypes")
    let redirectURIs = try strings("redirectUris") ?? []
    let issuerURL = body["issuerUrl"]?.stringValue
    let known = [OIDCClient.deviceCodeGrant, "refresh_token", "authorization_code"]
    if let unknown = grantTypes?.first(where: { !known.contains($0) }) {
      throw AWSError.oidc("UnsupportedGrantTypeException", "unsupported_grant_type", "Unsupported grant type: \(unknown)")
    }
    if grantTypes?.contains("authorization_code") == true {
      guard !redirectURIs.isEmpty else {
        throw AWSError.oidc("InvalidRedirectUriException", "invalid_redirect_uri", "redirectUris is required for authorization_code")
      }
      guard let issuerURL, Self.sameStartURL(issuerURL, catalog.settings.ssoStartURL) else {
        throw AWSError.invalidOIDCRequest("issuerUrl must be this IAM Identity Center's start URL, \(catalog.settings.ssoStartURL)")
      }
    } else if !redirectURIs.isEmpty {
      throw AWSError.invalidOIDCRequest("redirectUris goes with the authorization_code grant")
    }
    if let bad = redirectURIs.first(where: { !AuthorizationRequest.isLoopback($0) }) {
      throw AWSError.oidc("InvalidRedirectUriException", "invalid_redirect_uri", "Not a loopback redirect URI: \(bad)")
    }
    return OIDCClient.Metadata(grantTypes: grantTypes, redirectURIs: redirectURIs, issuerURL: issuerURL, scopes: try strings("scopes") ?? [])
  }

  private struct StartDeviceAuthorizationResponse: Encodable {
    let deviceCode: String
    let userCode: String
    let verificationUri: String
    let verificationUriComplete: String
    let expiresIn: Int
    let interval: Int
  }

  @Sendable func startDeviceAuthorization(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let body = try await body(request)
    guard let clientId = body["clientId"]?.stringValue, let secret = body["clientSecret"]?.stringValue,
      let startURL = body["startUrl"]?.stringValue
    else { throw AWSError.invalidOIDCRequest("clientId, clientSecret and startUrl are required") }
    let client = try await tenant.authenticateOIDCClient(id: clientId, secret: secret)
    guard client.allows(grant: OIDCClient.deviceCodeGrant) else {
      throw AWSError.oidc(
        "UnauthorizedClientException", "unauthorized_client", "The client was not registered for the device code grant")
    }
    guard Self.sameStartURL(startURL, catalog.settings.ssoStartURL) else {
      throw AWSError.invalidOIDCRequest("Invalid start URL: this IAM Identity Center uses \(catalog.settings.ssoStartURL)")
    }
    let device = await tenant.startDeviceAuthorization(service: .aws(clientId: client.clientId))
    let page = request.origin(scheme: scheme, fallbackHost: listenHost) + "/device/aws"
    return try respond(StartDeviceAuthorizationResponse(
      deviceCode: device.deviceCode, userCode: device.userCode, verificationUri: page,
      verificationUriComplete: "\(page)?user_code=\(device.userCode)",
      expiresIn: Int(catalog.settings.deviceCodeLifetime), interval: Int(device.interval.rounded(.up))))
  }

  static func sameStartURL(_ given: String, _ expected: String) -> Bool {
    func trimmed(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }
    return trimmed(given).lowercased() == trimmed(expected).lowercased()
  }

  private struct CreateTokenResponse: Encodable {
    let accessToken: String
    let tokenType = "Bearer"
    let expiresIn: Int
    let refreshToken: String
  }

  @Sendable func createToken(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let body = try await body(request)
    guard let clientId = body["clientId"]?.stringValue, let secret = body["clientSecret"]?.stringValue,
      let grantType = body["grantType"]?.stringValue
    else { throw AWSError.invalidOIDCRequest("clientId, clientSecret and grantType are required") }
    let client = try await tenant.authenticateOIDCClient(id: clientId, secret: secret)
    guard client.allows(grant: grantType) else {
      throw AWSError.oidc(
        "UnauthorizedClientException", "unauthorized_client", "The client was not registered for the \(grantType) grant")
    }
    let issued: (SSOSession, access: String, refresh: String)
    switch grantType {
    case "urn:ietf:params:oauth:grant-type:device_code":
      guard let deviceCode = body["deviceCode"]?.stringValue else {
        throw AWSError.invalidOIDCRequest("deviceCode is required for the device_code grant")
      }
      issued = try await tenant.redeemSSODeviceCode(deviceCode, clientId: client.clientId)
    case "refresh_token":
      guard let refreshToken = body["refreshToken"]?.stringValue else {
        throw AWSError.invalidOIDCRequest("refreshToken is required for the refresh_token grant")
      }
      issued = try await tenant.redeemSSORefreshToken(refreshToken, clientId: client.clientId)
    case "authorization_code":
      guard let code = body["code"]?.stringValue, let redirectURI = body["redirectUri"]?.stringValue,
        let verifier = body["codeVerifier"]?.stringValue
      else { throw AWSError.invalidOIDCRequest("code, redirectUri and codeVerifier are required for the authorization_code grant") }
      issued = try await tenant.redeemAuthorizationCode(code, clientId: client.clientId, redirectURI: redirectURI, verifier: verifier)
    default:
      throw AWSError.oidc(
        "UnsupportedGrantTypeException", "unsupported_grant_type", "Unsupported grant type: \(grantType)")
    }
    return try respond(CreateTokenResponse(
      accessToken: issued.access, expiresIn: Int(catalog.settings.ssoTokenLifetime), refreshToken: issued.refresh))
  }
}
