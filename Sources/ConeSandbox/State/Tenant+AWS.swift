import Foundation

extension Tenant {
  // MARK: SSO OIDC

  func registerOIDCClient(name: String, metadata: OIDCClient.Metadata = .init()) -> OIDCClient {
    let time = now
    let client = OIDCClient(
      clientId: Identifier.random(22, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
      clientSecret: Identifier.randomToken(bytes: 96), name: name,
      issuedAt: time, expiresAt: time + 90 * 86_400, metadata: metadata)
    oidcClients[client.clientId] = client
    return client
  }

  func authenticateOIDCClient(id: String, secret: String) throws(AWSError) -> OIDCClient {
    guard let client = oidcClients[id], client.clientSecret == secret else {
      throw .invalidClient("Invalid client credentials")
    }
    guard now < client.expiresAt else { throw .invalidClient("Client registration has expired") }
    return client
  }

  /// CreateToken with the device_code grant.
  func redeemSSODeviceCode(_ deviceCode: String, clientId: String) throws(AWSError) -> (SSOSession, access: String, refresh: String) {
    switch poll(deviceCode: deviceCode, service: .aws(clientId: clientId)) {
    case .pending:
      throw .oidc("AuthorizationPendingException", "authorization_pending", "Authorization is still pending")
    case .slowDown:
      throw .oidc("SlowDownException", "slow_down", "Client is polling too quickly")
    case .expired:
      throw .oidc("ExpiredTokenException", "expired_token", "Device code has expired")
    case .denied:
      throw .oidc("AccessDeniedException", "access_denied", "Access denied")
    case .invalid:
      throw .invalidGrant("Invalid device code provided")
    case .approved(let userId):
      return issueSSOTokens(userId: userId, clientId: clientId)
    }
  }

  /// CreateToken with the refresh_token grant; the refresh token is rotated.
  func redeemSSORefreshToken(_ token: String, clientId: String) throws(AWSError) -> (SSOSession, access: String, refresh: String) {
    guard let session = ssoRefreshTokens[token], session.clientId == clientId else {
      throw .invalidGrant("Invalid refresh token provided")
    }
    ssoRefreshTokens[token] = nil
    return issueSSOTokens(userId: session.userId, clientId: clientId)
  }

  func issueSSOTokens(userId: String, clientId: String) -> (SSOSession, access: String, refresh: String) {
    let session = SSOSession(userId: userId, clientId: clientId, expiresAt: now + catalog.settings.ssoTokenLifetime)
    let access = "aoa" + Identifier.randomToken(bytes: 96)
    let refresh = "aor" + Identifier.randomToken(bytes: 96)
    ssoSessions[access] = session
    ssoRefreshTokens[refresh] = session
    return (session, access, refresh)
  }

  // MARK: SSO portal

  private func portalUser(token: String?) throws(AWSError) -> String {
    guard let token, let session = ssoSessions[token], now < session.expiresAt else { throw .unauthorized() }
    return session.userId
  }

  /// GetRoleCredentials: only while the user's grant is in force and AWS has provisioned it.
  func issueRoleCredentials(token: String?, accountId: String, roleName: String) throws(AWSError) -> RoleCredential {
    let userId = try portalUser(token: token)
    guard let entitlement = catalog.awsEntitlement(accountId: accountId, permissionSet: roleName),
      let grant = activeGrant(userId: userId, entitlementId: entitlement.id),
      grant.isEffective(at: now)
    else { throw .forbidden() }
    let credential = RoleCredential(
      accessKeyId: "ASIA" + Identifier.random(16, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
      secretAccessKey: Identifier.random(40, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
      sessionToken: "IQoJb3JpZ2luX2Vj" + Identifier.randomToken(bytes: 180),
      userId: userId, entitlementId: entitlement.id, expiresAt: now + entitlement.sessionLength)
    roleCredentials[credential.accessKeyId] = credential
    return credential
  }

  /// The AWS entitlements the user can use now, in catalog order.
  private func effectiveRoles(userId: String) -> [AWSRole] {
    settle()
    let time = now
    let active = grants[userId] ?? [:]
    return catalog.entitlements.compactMap { entitlement in
      guard let role = entitlement.aws, active[entitlement.id]?.isEffective(at: time) == true else { return nil }
      return role
    }
  }

  func accounts(token: String?) throws(AWSError) -> [AWSAccount] {
    let ids = Set(effectiveRoles(userId: try portalUser(token: token)).map(\.accountId))
    return catalog.accounts.filter { ids.contains($0.id) }
  }

  func roles(token: String?, accountId: String) throws(AWSError) -> [AWSRole] {
    effectiveRoles(userId: try portalUser(token: token)).filter { $0.accountId == accountId }
  }

  func logout(token: String?) throws(AWSError) {
    _ = try portalUser(token: token)
    ssoSessions[token!] = nil
  }

  // MARK: STS

  func roleCredential(accessKeyId: String) -> RoleCredential? {
    roleCredentials[accessKeyId]
  }
}
