import Foundation
import Hummingbird

/// The page at `verification_uri_complete` where a person approves or denies a device
/// login: `/device` for C1, `/device/aws` for AWS SSO OIDC. There is no password: the
/// person picks which scenario user they are.
struct DevicePage {
  let tenant: Tenant

  func register(on router: RouterGroup<SandboxRequestContext>) {
    for (path, title) in [("/device", "ConductorOne"), ("/device/aws", "AWS IAM Identity Center")] {
      router.get(RouterPath(stringLiteral: path)) { request, _ in
        await show(request.query("user_code"), title: title, path: path)
      }
      router.post(RouterPath(stringLiteral: path)) { request, _ in
        try await decide(FormURLEncoded.parse(try await request.bodyText()), title: title)
      }
    }
  }

  private func show(_ userCode: String?, title: String, path: String) async -> Response {
    guard let userCode, !userCode.isEmpty else {
      return Self.page(title, """
        <p>Enter the code your terminal shows.</p>
        <form method="get" action="\(path)">
          <p><input name="user_code" placeholder="ABCD-EFGH" autofocus></p>
          <p><button>Continue</button></p>
        </form>
        """)
    }
    guard let device = await tenant.pendingDevice(userCode: userCode), device.decision == .pending else {
      return Self.page(title, "<p>The code <code>\(Self.escape(userCode))</code> is unknown, expired or already used. Start the sign-in again.</p>", status: .notFound)
    }
    let options = Self.userOptions(tenant.catalog)
    return Self.page(title, """
      <p>A device asks to sign in with the code</p>
      <p class="code">\(Self.escape(device.userCode))</p>
      <form method="post" action="\(path)">
        <input type="hidden" name="user_code" value="\(Self.escape(device.userCode))">
        <p><label>Sign in as <select name="user">
          \(options)
        </select></label></p>
        <p><button name="decision" value="approve">Approve</button>
           <button name="decision" value="deny">Deny</button></p>
      </form>
      """)
  }

  private func decide(_ form: [String: String], title: String) async throws -> Response {
    let catalog = tenant.catalog
    guard let code = form["user_code"], let user = form["user"].flatMap({ catalog.user(email: $0) }) ?? catalog.defaultUser
    else { return Self.page(title, "<p>The form is incomplete.</p>", status: .badRequest) }
    let approve = form["decision"] != "deny"
    do {
      _ = try await tenant.decideDevice(codeOrURL: code, userId: user.id, approve: approve)
    } catch {
      return Self.page(title, "<p>\(Self.escape(error.message))</p>", status: HTTPResponse.Status(code: error.statusCode))
    }
    let message = approve
      ? "Signed in as \(Self.escape(user.email)). You can close this window and return to your terminal."
      : "Sign-in denied. You can close this window."
    return Self.page(title, "<p>\(message)</p>")
  }

  /// The scenario's users as `<option>`s, for "sign in as".
  static func userOptions(_ catalog: Catalog) -> String {
    catalog.users.map { user in
      "<option value=\"\(escape(user.email))\">\(escape(user.displayName)) (\(escape(user.email)))</option>"
    }.joined(separator: "\n      ")
  }

  /// A sign-in page of the sandbox (also the `/authorize` page's).
  static func page(_ title: String, _ body: String, status: HTTPResponse.Status = .ok) -> Response {
    let html = """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>\(title) sign-in · cone-sandbox</title>
      <style>
        body { font-family: system-ui, sans-serif; max-width: 34rem; margin: 3rem auto; padding: 0 1rem; }
        .code { font: 600 1.6rem ui-monospace, monospace; letter-spacing: .1em; }
        button { font-size: 1rem; padding: .4rem 1rem; }
      </style>
      </head>
      <body>
      <h1>\(title) sign-in</h1>
      \(body)
      <p><small>cone-sandbox: a local emulator, not the real service.</small></p>
      </body>
      </html>

      """
    return SandboxResponse.bytes(Array(html.utf8), status: status, contentType: "text/html; charset=utf-8")
  }

  static func escape(_ text: String) -> String {
    XML.escape(text)
  }
}
