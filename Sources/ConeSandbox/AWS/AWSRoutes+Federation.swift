import Foundation
import Hummingbird

extension AWSRoutes {
  /// `GET /federation`, as the console's sign-in endpoint answers it:
  /// `Action=getSigninToken&Session={"sessionId","sessionKey","sessionToken"}` gives
  /// `{"SigninToken": …}`; `Action=login&SigninToken=…&Destination=…&Issuer=…` is the
  /// browser's landing, here a page that says who signed in.
  @Sendable func federation(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let query = FormURLEncoded.parse(request.uri.query ?? "")
    switch query["Action"] {
    case "getSigninToken":
      guard let session = query["Session"].flatMap({ try? SandboxJSON.decoder.decode([String: String].self, from: Data($0.utf8)) }),
        let id = session["sessionId"], let key = session["sessionKey"], let token = session["sessionToken"]
      else { return Self.federationError("The Session parameter is missing or malformed") }
      guard let signin = await tenant.issueSigninToken(accessKeyId: id, secretAccessKey: key, sessionToken: token) else {
        return Self.federationError("The credentials are invalid or expired", status: .forbidden)
      }
      return try SandboxResponse.json(["SigninToken": signin] as [String: String])
    case "login":
      guard let token = query["SigninToken"], let credential = await tenant.redeemSigninToken(token),
        let role = catalog.entitlement(id: credential.entitlementId)?.aws, let user = catalog.user(id: credential.userId)
      else { return Self.federationPage("<p>This sign-in link is invalid, used or expired.</p>", status: .forbidden) }
      let arn = "arn:aws:sts::\(role.accountId):assumed-role/\(role.roleName)/\(user.email)"
      return Self.federationPage("""
        <p>Signed in to the AWS console as</p>
        <p class="arn">\(XML.escape(arn))</p>
        <p>Destination: <code>\(XML.escape(query["Destination"] ?? ""))</code>; issuer: <code>\(XML.escape(query["Issuer"] ?? ""))</code></p>
        """)
    default:
      return Self.federationError("Unknown Action")
    }
  }

  private static func federationError(_ message: String, status: HTTPResponse.Status = .badRequest) -> Response {
    SandboxResponse.bytes(Array(message.utf8), status: status, contentType: "text/plain; charset=utf-8")
  }

  private static func federationPage(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
    let html = """
      <!doctype html>
      <html lang="en">
      <head><meta charset="utf-8"><title>AWS console · cone-sandbox</title></head>
      <body>
      <h1>AWS console (cone-sandbox)</h1>
      \(body)
      </body>
      </html>

      """
    return SandboxResponse.bytes(Array(html.utf8), status: status, contentType: "text/html; charset=utf-8")
  }
}
