import Foundation
import Hummingbird

extension C1Routes {
  func registerAuth(on router: RouterGroup<SandboxRequestContext>) {
    router.post("/auth/v1/token", use: token)
    router.post("/auth/v1/device_authorization", use: deviceAuthorization)
    router.post("/api/v1/iam/personal_clients", use: createPersonalClient)
    router.get("/api/v1/auth/introspect", use: introspect)
    router.get("/api/v1/users/{id}", use: user)
  }

  private struct TokenResponse: Encodable {
    let access_token: String
    let token_type = "Bearer"
    let expires_in: Int
    let refresh_token: String?
  }

  @Sendable func token(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let form = FormURLEncoded.parse(try await request.bodyText())
    switch form["grant_type"] {
    case "client_credentials":
      guard form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        let assertion = form["client_assertion"], let clientId = form["client_id"]
      else {
        throw OAuthError.invalidRequest("client_credentials needs client_id, client_assertion and a jwt-bearer client_assertion_type")
      }
      let audiences = Set([request.hostWithoutPort, listenHost].compactMap { $0 })
      let (token, lifetime) = try await tenant.issueClientCredentialsToken(
        clientId: clientId, assertion: assertion, audiences: audiences)
      return try SandboxResponse.json(TokenResponse(access_token: token, expires_in: Int(lifetime), refresh_token: nil))
    case "urn:ietf:params:oauth:grant-type:device_code":
      guard let deviceCode = form["device_code"], let clientId = form["client_id"] else {
        throw OAuthError.invalidRequest("the device_code grant needs client_id and device_code")
      }
      let (access, refresh, lifetime) = try await tenant.redeemC1DeviceCode(deviceCode, clientId: clientId)
      return try SandboxResponse.json(TokenResponse(access_token: access, expires_in: Int(lifetime), refresh_token: refresh))
    case "refresh_token":
      guard let refreshToken = form["refresh_token"] else { throw OAuthError.invalidRequest("refresh_token is missing") }
      let (access, refresh, lifetime) = try await tenant.redeemC1RefreshToken(refreshToken)
      return try SandboxResponse.json(TokenResponse(access_token: access, expires_in: Int(lifetime), refresh_token: refresh))
    default:
      throw OAuthError(
        status: .badRequest, error: "unsupported_grant_type",
        description: "grant_type must be client_credentials, urn:ietf:params:oauth:grant-type:device_code or refresh_token")
    }
  }

  private struct DeviceAuthorizationResponse: Encodable {
    let device_code: String
    let user_code: String
    let verification_uri: String
    let verification_uri_complete: String
    let expires_in: Int
    let interval: Int
  }

  @Sendable func deviceAuthorization(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let form = FormURLEncoded.parse(try await request.bodyText())
    guard let clientId = form["client_id"], !clientId.isEmpty else {
      throw OAuthError.invalidRequest("client_id is missing")
    }
    let device = await tenant.startDeviceAuthorization(service: .c1(clientId: clientId))
    let page = request.origin(scheme: scheme, fallbackHost: listenHost) + "/device"
    return try SandboxResponse.json(DeviceAuthorizationResponse(
      device_code: device.deviceCode, user_code: device.userCode, verification_uri: page,
      verification_uri_complete: "\(page)?user_code=\(device.userCode)",
      expires_in: Int(catalog.settings.deviceCodeLifetime), interval: Int(device.interval.rounded(.up))))
  }

  private struct PersonalClientResponse: Encodable {
    struct Client: Encodable {
      let id: String
      let clientId: String
      let displayName: String
      let userId: String
      let createdAt: Date
      let updatedAt: Date
    }

    let client: Client
    let clientSecret: String
  }

  @Sendable func createPersonalClient(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    let fields = try await fields(request)
    let displayName = fields.nonEmptyString("displayName") ?? "Personal client"
    let (client, secret) = await tenant.createPersonalClient(userId: user.id, displayName: displayName)
    let authority = request.head.authority ?? listenHost
    return try SandboxResponse.json(PersonalClientResponse(
      client: .init(
        id: Identifier.ksuid("personal-client:\(client.name)"), clientId: "\(client.name)@\(authority)/pcc",
        displayName: client.displayName, userId: user.id, createdAt: client.createdAt, updatedAt: client.createdAt),
      clientSecret: secret))
  }

  private struct IntrospectResponse: Encodable {
    let userId: String
    let principleId: String
    let tenantId: String
  }

  @Sendable func introspect(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    return try SandboxResponse.json(IntrospectResponse(userId: user.id, principleId: user.id, tenantId: catalog.tenantId))
  }

  private struct UserResponse: Encodable {
    struct View: Encodable { let user: WireUser }
    let userView: View
  }

  @Sendable func user(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    _ = try await caller(request)
    let id = try context.parameters.require("id")
    guard let user = catalog.user(id: id) else { throw C1Error.notFound("user \(id)") }
    return try SandboxResponse.json(UserResponse(userView: .init(user: WireUser(user))))
  }
}
