import Foundation
import Hummingbird

extension AWSRoutes {
  /// STS over the query protocol: `GetCallerIdentity`, signed with SigV4 by credentials
  /// the portal issued.
  @Sendable func sts(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let body = try await request.bodyBytes()
    let form = FormURLEncoded.parse(String(decoding: body, as: UTF8.self))
    let query = FormURLEncoded.parse(request.uri.query ?? "")
    let action = form["Action"] ?? query["Action"]
    guard action == "GetCallerIdentity" else {
      throw STSError(
        status: .badRequest, code: "InvalidAction",
        message: "Could not find operation \(action ?? "") for version 2011-06-15")
    }
    guard let header = request.headers[.authorization] else { throw STSError.missingAuthentication }
    let authorization = try SigV4Verifier.Authorization(header: header)
    guard let credential = await tenant.roleCredential(accessKeyId: authorization.accessKeyId),
      request.headers[.init("x-amz-security-token")!] == credential.sessionToken
    else { throw STSError.invalidToken }
    let verifier = SigV4Verifier(
      method: request.method.rawValue, rawPath: request.uri.path, rawQuery: request.uri.query,
      headers: Self.signingHeaders(request), body: body)
    guard verifier.isValid(authorization, secretAccessKey: credential.secretAccessKey) else {
      throw STSError.signatureMismatch
    }
    guard await tenant.now < credential.expiresAt else { throw STSError.expiredToken }
    guard let role = catalog.entitlement(id: credential.entitlementId)?.aws,
      let user = catalog.user(id: credential.userId)
    else { throw STSError.invalidToken }
    let arn = "arn:aws:sts::\(role.accountId):assumed-role/\(role.roleName)/\(user.email)"
    let xml = """
      <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
        <GetCallerIdentityResult>
          <Arn>\(XML.escape(arn))</Arn>
          <UserId>\(XML.escape("\(role.roleId):\(user.email)"))</UserId>
          <Account>\(role.accountId)</Account>
        </GetCallerIdentityResult>
        <ResponseMetadata>
          <RequestId>\(UUID().uuidString.lowercased())</RequestId>
        </ResponseMetadata>
      </GetCallerIdentityResponse>

      """
    return SandboxResponse.bytes(Array(xml.utf8), contentType: "text/xml")
  }

  /// Header values by lower-cased name, `host` included (HTTP/1's Host becomes the
  /// request's authority on the way in).
  static func signingHeaders(_ request: Request) -> [String: String] {
    var headers: [String: String] = [:]
    for field in request.headers {
      let name = field.name.canonicalName.lowercased()
      headers[name] = headers[name].map { "\($0),\(field.value)" } ?? field.value
    }
    if let authority = request.head.authority {
      headers["host"] = authority
    }
    return headers
  }
}
