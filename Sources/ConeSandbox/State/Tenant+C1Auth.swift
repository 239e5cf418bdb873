import Crypto
import Foundation

extension Tenant {
  /// The client-credentials grant: verifies the client assertion and issues an access token.
  func issueClientCredentialsToken(
    clientId: String, assertion: String, audiences: Set<String>
  ) throws(OAuthError) -> (token: String, lifetime: TimeInterval) {
    let name = String(clientId.prefix { $0 != "@" })
    guard clientId.contains("@"), let client = personalClients[name] else {
      throw .invalidClient("unknown client")
    }
    // Assertions are signed with the client's real clock, so they are checked against it.
    try ClientAssertion.verify(
      assertion, clientId: clientId, publicKey: client.publicKey, audiences: audiences, now: Date())
    return (issueC1Token(userId: client.userId), catalog.settings.accessTokenLifetime)
  }

  func issueC1Token(userId: String) -> String {
    let token = Identifier.randomToken(bytes: 32)
    c1Sessions[token] = C1Session(userId: userId, expiresAt: now + catalog.settings.accessTokenLifetime)
    return token
  }

  /// The user behind a bearer token, or nil when it is unknown or expired.
  func c1User(token: String) -> CatalogUser? {
    guard let session = c1Sessions[token] else { return nil }
    guard now < session.expiresAt else {
      c1Sessions[token] = nil
      return nil
    }
    return catalog.user(id: session.userId)
  }

  /// The device_code grant of `/auth/v1/token`.
  func redeemC1DeviceCode(
    _ deviceCode: String, clientId: String
  ) throws(OAuthError) -> (access: String, refresh: String, lifetime: TimeInterval) {
    switch poll(deviceCode: deviceCode, service: .c1(clientId: clientId)) {
    case .pending: throw OAuthError(status: .badRequest, error: "authorization_pending", description: "the user has not yet approved this login")
    case .slowDown: throw OAuthError(status: .badRequest, error: "slow_down", description: "polling too fast: wait the interval between requests")
    case .expired: throw OAuthError(status: .badRequest, error: "expired_token", description: "the device code has expired: start the login again")
    case .denied: throw OAuthError(status: .badRequest, error: "access_denied", description: "the user denied this login")
    case .invalid: throw .invalidGrant("unknown or already used device code")
    case .approved(let userId):
      let refresh = Identifier.randomToken(bytes: 32)
      c1RefreshTokens[refresh] = userId
      return (issueC1Token(userId: userId), refresh, catalog.settings.accessTokenLifetime)
    }
  }

  /// The refresh_token grant of `/auth/v1/token`; the refresh token is rotated.
  func redeemC1RefreshToken(_ token: String) throws(OAuthError) -> (access: String, refresh: String, lifetime: TimeInterval) {
    guard let userId = c1RefreshTokens.removeValue(forKey: token) else {
      throw .invalidGrant("unknown refresh token")
    }
    let refresh = Identifier.randomToken(bytes: 32)
    c1RefreshTokens[refresh] = userId
    return (issueC1Token(userId: userId), refresh, catalog.settings.accessTokenLifetime)
  }

  /// `POST /api/v1/iam/personal_clients`: a new Ed25519 client credential for `userId`.
  func createPersonalClient(
    userId: String, displayName: String
  ) -> (client: PersonalClient, secret: String) {
    let key = Curve25519.Signing.PrivateKey()
    let words = ["amber", "brisk", "calm", "dapper", "eager", "frosty", "gentle", "hidden", "jolly", "lucid"]
    let animals = ["badger", "crane", "dingo", "egret", "ferret", "gecko", "heron", "ibis", "koala", "lynx"]
    var name: String
    repeat {
      name = "\(words.randomElement()!)-\(animals.randomElement()!)-\(Int.random(in: 10000...99999))"
    } while personalClients[name] != nil
    let client = PersonalClient(
      name: name, userId: userId, displayName: displayName, publicKey: key.publicKey.rawRepresentation, createdAt: now)
    personalClients[name] = client
    return (client, ClientSecret.encode(key))
  }

  // MARK: Device logins (C1 and AWS)

  func startDeviceAuthorization(service: DeviceAuthorization.Service) -> DeviceAuthorization {
    var userCode: String
    repeat { userCode = DeviceAuthorization.makeUserCode() } while deviceCodesByUserCode[userCode] != nil
    let device = DeviceAuthorization(
      deviceCode: Identifier.randomToken(bytes: 32), userCode: userCode, service: service,
      expiresAt: now + catalog.settings.deviceCodeLifetime, interval: catalog.settings.pollInterval)
    devices[device.deviceCode] = device
    deviceCodesByUserCode[userCode] = device.deviceCode
    return device
  }

  /// One token poll: RFC 8628's answers, with slow_down when polled faster than the interval.
  func poll(deviceCode: String, service: DeviceAuthorization.Service) -> DeviceAuthorization.PollResult {
    guard var device = devices[deviceCode], device.service == service else { return .invalid }
    guard now < device.expiresAt else { return .expired }
    defer { devices[deviceCode] = device }
    switch device.decision {
    case .redeemed: return .invalid
    case .denied: return .denied
    case .approved(let userId):
      device.decision = .redeemed
      return .approved(userId: userId)
    case .pending:
      let wallClock = Date()
      // A little slack: a client that sleeps the interval arrives just after it.
      if let last = device.lastPoll, wallClock.timeIntervalSince(last) + 0.2 < device.interval {
        device.lastPoll = wallClock
        device.interval += 5
        return .slowDown
      }
      device.lastPoll = wallClock
      return .pending
    }
  }

  /// A person's answer on the device page or through `cone-sandbox approve-device`.
  func decideDevice(codeOrURL: String, userId: String, approve: Bool) throws(SandboxAdminError) -> DeviceDecision {
    let userCode = DeviceAuthorization.normalizeUserCode(codeOrURL)
    guard let deviceCode = deviceCodesByUserCode[userCode], var device = devices[deviceCode] else {
      throw SandboxAdminError(status: 404, "no device login with code \(userCode): check the code, or start the login again")
    }
    guard now < device.expiresAt else {
      throw SandboxAdminError(status: 409, "the device login \(userCode) has expired: start the login again")
    }
    guard device.decision == .pending else {
      throw SandboxAdminError(status: 409, "the device login \(userCode) was already answered")
    }
    device.decision = approve ? .approved(userId: userId) : .denied
    devices[deviceCode] = device
    let service: String
    switch device.service {
    case .c1: service = "c1"
    case .aws: service = "aws"
    }
    return DeviceDecision(userCode: userCode, service: service, approved: approve, user: catalog.user(id: userId)?.email ?? userId)
  }

  /// The device login a verification page shows, if the code is current.
  func pendingDevice(userCode: String) -> DeviceAuthorization? {
    let code = DeviceAuthorization.normalizeUserCode(userCode)
    guard let deviceCode = deviceCodesByUserCode[code], let device = devices[deviceCode],
      now < device.expiresAt
    else { return nil }
    return device
  }
}
