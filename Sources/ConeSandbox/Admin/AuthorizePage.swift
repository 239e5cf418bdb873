import Foundation
import Hummingbird

/// `GET /authorize`, where the AWS CLI v2's default sign-in sends the browser (OAuth's
/// authorization code with PKCE, docs/aws-sso.md §2): a page like the device page's, whose
/// answer sends the browser back to the client's loopback `redirect_uri` with a code and
/// the state, or with `error=access_denied`.
struct AuthorizePage {
  let tenant: Tenant
  static let title = "AWS IAM Identity Center"

  func register(on router: RouterGroup<SandboxRequestContext>) {
    router.get("/authorize") { request, _ in await show(request) }
    router.post("/authorize") { request, _ in
      try await decide(FormURLEncoded.parse(try await request.bodyText()))
    }
  }

  /// Whether `text` is an `/authorize` URL (what `approve-device` was given).
  static func isAuthorizeURL(_ text: String) -> Bool {
    guard let parts = URLComponents(string: text), parts.scheme != nil else { return false }
    return parts.path.hasSuffix("/authorize") && parts.query != nil
  }

  private func show(_ request: Request) async -> Response {
    var query: [String: String] = [:]
    for (name, value) in request.uri.queryParameters where query[String(name)] == nil {
      query[String(name)] = String(value)
    }
    let pending: AuthorizationRequest
    do {
      pending = try await tenant.beginAuthorization(query)
    } catch {
      return DevicePage.page(
        Self.title, "<p>This sign-in cannot go on: \(DevicePage.escape(error.message)).</p>", status: .badRequest)
    }
    return DevicePage.page(Self.title, """
      <p>An application on this computer asks to sign in to IAM Identity Center.
      After you answer, the browser returns to it at <code>\(DevicePage.escape(BrowserRedirect.withoutQuery(pending.redirectURI)))</code>.</p>
      <form method="post" action="/authorize">
        <input type="hidden" name="request" value="\(DevicePage.escape(pending.id))">
        <p><label>Sign in as <select name="user">
          \(DevicePage.userOptions(tenant.catalog))
        </select></label></p>
        <p><button name="decision" value="approve">Allow</button>
           <button name="decision" value="deny">Deny</button></p>
      </form>
      """)
  }

  private func decide(_ form: [String: String]) async throws -> Response {
    let catalog = tenant.catalog
    guard let id = form["request"], let user = form["user"].flatMap({ catalog.user(email: $0) }) ?? catalog.defaultUser
    else { return DevicePage.page(Self.title, "<p>The form is incomplete.</p>", status: .badRequest) }
    do {
      let location = try await tenant.decideAuthorization(id: id, userId: user.id, approve: form["decision"] != "deny")
      var headers = HTTPFields()
      headers[.location] = location
      return Response(status: .found, headers: headers)
    } catch {
      return DevicePage.page(
        Self.title, "<p>\(DevicePage.escape(error.message))</p>", status: HTTPResponse.Status(code: error.statusCode))
    }
  }
}
