import Foundation

extension Tenant {
  /// How long a person has to answer an `/authorize` page, and a client to redeem its code.
  static let authorizationRequestLifetime: TimeInterval = 600
  static let authorizationCodeLifetime: TimeInterval = 300

  /// `GET /authorize`: the query checked against the client's registration, and a
  /// pending sign-in for the page to show.
  func beginAuthorization(_ query: [String: String]) throws(AWSError) -> AuthorizationRequest {
    guard let clientId = query["client_id"], let client = oidcClients[clientId] else {
      throw .invalidClient("Unknown client_id")
    }
    guard now < client.expiresAt else { throw .invalidClient("Client registration has expired") }
    let checked = try AuthorizationRequest.validate(query, client: client)
    // What has expired goes, so repeated visits cannot grow the tenant without bound.
    let time = now
    authorizationRequests = authorizationRequests.filter { $0.value.expiresAt > time }
    authorizationCodes = authorizationCodes.filter { $0.value.expiresAt > time }
    let request = AuthorizationRequest(
      id: Identifier.randomToken(bytes: 18), clientId: clientId, redirectURI: checked.redirectURI,
      state: checked.state, codeChallenge: checked.challenge, scopes: checked.scopes,
      expiresAt: now + Self.authorizationRequestLifetime)
    authorizationRequests[request.id] = request
    return request
  }

  /// The person's answer: where the browser goes next (a code, or `error=access_denied`).
  func decideAuthorization(id: String, userId: String, approve: Bool) throws(SandboxAdminError) -> String {
    guard var request = authorizationRequests[id], now < request.expiresAt else {
      throw SandboxAdminError(status: 404, "no sign-in is waiting there: it expired or never began; start it again")
    }
    guard !request.answered else { throw SandboxAdminError(status: 409, "this sign-in was already answered") }
    request.answered = true
    authorizationRequests[id] = request
    guard approve else { return request.redirect(code: nil) }
    let code = Identifier.randomToken(bytes: 32)
    authorizationCodes[code] = AuthorizationCode(
      clientId: request.clientId, redirectURI: request.redirectURI, codeChallenge: request.codeChallenge,
      userId: userId, expiresAt: now + Self.authorizationCodeLifetime)
    return request.redirect(code: code)
  }

  /// `cone-sandbox approve-device URL` for an `/authorize` URL: begun and answered at once.
  func decideAuthorization(url: String, userId: String, approve: Bool) throws(SandboxAdminError) -> DeviceDecision {
    let query = URLComponents(string: url)?.queryItems ?? []
    var fields: [String: String] = [:]
    for item in query where fields[item.name] == nil { fields[item.name] = item.value ?? "" }
    let request: AuthorizationRequest
    do {
      request = try beginAuthorization(fields)
    } catch {
      throw SandboxAdminError(status: 400, "the sign-in URL is refused: \(error.message)")
    }
    let redirect = try decideAuthorization(id: request.id, userId: userId, approve: approve)
    return DeviceDecision(
      userCode: "", service: "aws", approved: approve, user: catalog.user(id: userId)?.email ?? userId,
      redirect: redirect)
  }

  /// CreateToken with the authorization_code grant. The code is spent by any attempt.
  func redeemAuthorizationCode(
    _ code: String, clientId: String, redirectURI: String, verifier: String
  ) throws(AWSError) -> (SSOSession, access: String, refresh: String) {
    guard let grant = authorizationCodes.removeValue(forKey: code), grant.clientId == clientId else {
      throw .invalidGrant("Invalid authorization code provided")
    }
    guard now < grant.expiresAt else { throw .invalidGrant("The authorization code has expired") }
    guard grant.redirectURI == redirectURI else {
      throw .invalidGrant("redirectUri is not the one the authorization code was issued for")
    }
    guard grant.verifies(verifier) else { throw .invalidGrant("The code verifier does not match the code challenge") }
    return issueSSOTokens(userId: grant.userId, clientId: clientId)
  }
}
