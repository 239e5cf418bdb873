import ConeShellBase

/// The AWS SSO portal (docs/aws-sso.md §1): unsigned GETs carrying the access token in
/// `x-amz-sso_bearer_token`, never on a command line (cone passes it to `aws` as an
/// argument, visible in `ps`).
public struct SSOPortalClient: Sendable {
  public let settings: SSOSettings
  let transport: HTTPTransport
  let redactor: Redactor
  let now: @Sendable () -> Double

  public init(
    settings: SSOSettings, transport: HTTPTransport, redactor: Redactor,
    now: @escaping @Sendable () -> Double = Timestamp.now
  ) {
    self.settings = settings
    self.transport = transport
    self.redactor = redactor
    self.now = now
  }

  /// Role credentials last at most 12 hours (the longest permission-set session), so a
  /// later expiration is the server's mistake: it is cut to that, so that nothing keeps
  /// handing out credentials past their real end, and every later date arithmetic stays
  /// in range.
  static let longestRoleSession: Double = 12 * 3600

  static func expiration(milliseconds: Int64, now: Double) -> Double {
    min(Double(milliseconds) / 1000, now + longestRoleSession)
  }

  /// Temporary credentials for a role (GetRoleCredentials).
  public func roleCredentials(accountID: String, roleName: String, accessToken: String) async throws -> RoleCredentials {
    let query = "role_name=\(FormURLEncoding.escape(roleName))&account_id=\(FormURLEncoding.escape(accountID))"
    let json = try await get("/federation/credentials?" + query, accessToken: accessToken, account: (accountID, roleName))
    guard let credentials = json["roleCredentials"], let key = credentials["accessKeyId"]?.stringValue,
      let secret = credentials["secretAccessKey"]?.stringValue,
      let expiration = credentials["expiration"]?.int64Value
    else { throw SSOError.malformedResponse(request: "GET /federation/credentials") }
    let token = credentials["sessionToken"]?.stringValue
    [key, secret, token].forEach(redactor.register)
    // The portal sends milliseconds (docs/aws-sso.md §1.2).
    return RoleCredentials(
      accessKeyID: key, secretAccessKey: secret, sessionToken: token,
      expiration: Self.expiration(milliseconds: expiration, now: now()), accountID: accountID)
  }

  public struct Account: Sendable, Equatable {
    public var id: String
    public var name: String?
  }

  public func accounts(accessToken: String) async throws -> [Account] {
    try await pages("/assignment/accounts?max_result=100", list: "accountList", accessToken: accessToken).map {
      Account(id: $0["accountId"]?.stringValue ?? "", name: $0["accountName"]?.stringValue)
    }
  }

  public func roles(accountID: String, accessToken: String) async throws -> [String] {
    try await pages(
      "/assignment/roles?max_result=100&account_id=\(FormURLEncoding.escape(accountID))", list: "roleList",
      accessToken: accessToken
    ).compactMap { $0["roleName"]?.stringValue }
  }

  private func pages(_ path: String, list: String, accessToken: String) async throws -> [JSONValue] {
    var items: [JSONValue] = []
    let route = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
    var cursor = PageCursor(call: "GET \(settings.portalEndpoint)\(route)", limit: transport.configuration.maxPages)
    var next: String?
    repeat {
      let json = try await get(
        path + (next.map { "&next_token=\(FormURLEncoding.escape($0))" } ?? ""), accessToken: accessToken, account: nil)
      items += json[list]?.arrayValue ?? []
      next = try cursor.next(after: json["nextToken"]?.stringValue, entries: items.count)
    } while next != nil
    return items
  }

  private func get(_ path: String, accessToken: String, account: (String, String)?) async throws -> JSONValue {
    let request = HTTPRequest(.get, settings.portalEndpoint + path, headers: [("x-amz-sso_bearer_token", accessToken)])
    let response = try await transport.send(request)
    guard response.isSuccess else {
      let error = SSOError.parse(response)
      switch error.type {
      case "UnauthorizedException": throw SSOError.unauthorized(message: error.message)
      case "ForbiddenException":
        throw SSOError.forbidden(accountID: account?.0 ?? "", roleName: account?.1 ?? "", message: error.message)
      default:
        throw SSOError.service(request: request.summary, status: response.status, type: error.type, message: error.message)
      }
    }
    guard let json = try? JSONValue.decoded(from: response.body) else {
      throw SSOError.malformedResponse(request: request.summary)
    }
    return json
  }
}

extension SSOPortalClient {
  /// Ends the sign-in the token stands for (`aws sso logout`'s call, docs/aws-sso.md §1).
  public func logout(accessToken: String) async throws {
    let request = HTTPRequest(
      .post, settings.portalEndpoint + "/logout", headers: [("x-amz-sso_bearer_token", accessToken)], body: [],
      isIdempotent: true)
    let response = try await transport.send(request)
    guard response.isSuccess else {
      let error = SSOError.parse(response)
      throw SSOError.service(request: request.summary, status: response.status, type: error.type, message: error.message)
    }
  }
}
