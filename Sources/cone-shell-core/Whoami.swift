import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Whoami: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show who you are signed in as at ConductorOne and AWS IAM Identity Center.")

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    try await withContext(global) { context in
      let client = try context.c1Client(profile: global.c1Profile)
      let userID = try await client.currentUserID()
      let user = try await client.user(id: userID)
      let account = client.account
      let sso = try? context.ssoSettings()
      let token = await sso.map { context.ssoSession($0, interactive: false) }?.cachedToken()
      let remaining = token.map { $0.expiresAt - context.now() }

      if json {
        var fields: [(String, String)] = [
          ("schema", "1"), ("user_id", JSONText.quote(userID)),
          ("email", user.email.map(JSONText.quote) ?? "null"),
          ("display_name", user.displayName.map(JSONText.quote) ?? "null"),
          ("tenant", JSONText.quote(account.server.baseURL)), ("c1_profile", JSONText.quote(account.profileName)),
        ]
        if let sso {
          fields.append(
            ("aws_sso", JSONText.object([
              ("start_url", JSONText.quote(sso.startURL)), ("region", JSONText.quote(sso.region)),
              ("signed_in", (remaining ?? 0) > 0 ? "true" : "false"),
              ("expires_at", token.map { JSONText.quote(Timestamp.format($0.expiresAt)) } ?? "null"),
            ])))
        } else {
          fields.append(("aws_sso", "null"))
        }
        StandardOutput.print(JSONText.object(fields, pretty: true))
        return
      }
      var lines = ["\(user.email ?? userID)" + (user.displayName.map { " (\($0))" } ?? "")]
      lines.append("  user id    \(userID)")
      lines.append("  tenant     \(account.server.baseURL) (C1 profile \(account.profileName))")
      if let sso {
        let state: String
        if let remaining, remaining > 0 {
          state = "signed in, \(Duration.seconds(remaining).shortDescription) left"
        } else {
          state = "not signed in (run `cone-shell login --aws`)"
        }
        lines.append("  AWS SSO    \(sso.startURL) (\(sso.region)): \(state)")
      } else {
        lines.append("  AWS SSO    not set up (run `cone-shell setup --sso-url …`)")
      }
      StandardOutput.print(lines.joined(separator: "\n"))
    }
  }
}

extension Duration {
  /// `7h 59m`, `12m`, `45s`.
  var shortDescription: String {
    let total = Int(components.seconds)
    if total >= 3600 { return "\(total / 3600)h \(total % 3600 / 60)m" }
    if total >= 60 { return "\(total / 60)m" }
    return "\(total)s"
  }
}
