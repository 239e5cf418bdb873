import ConeShellBase

/// What `whoami` shows: the ConductorOne user and tenant, and the AWS SSO sign-in.
public struct WhoamiOutput: CommandOutput {
  public var userID: String
  public var user: C1User
  public var account: C1Account
  public var sso: SSOSettings?
  /// When the cached SSO token ends, if there is one.
  public var ssoExpiresAt: Double?
  public var now: Double

  public init(
    userID: String, user: C1User, account: C1Account, sso: SSOSettings?, ssoExpiresAt: Double?, now: Double
  ) {
    (self.userID, self.user, self.account, self.sso, self.ssoExpiresAt, self.now) =
      (userID, user, account, sso, ssoExpiresAt, now)
  }

  public var text: String {
    var lines = ["\(user.email ?? userID)" + (user.displayName.map { " (\($0))" } ?? "")]
    lines.append("  user id    \(userID)")
    lines.append("  tenant     \(account.server.baseURL) (C1 profile \(account.profileName))")
    if let sso {
      let state =
        if let end = ssoExpiresAt, end > now {
          "signed in, \(TimeLeft.text(until: end, now: now)) left"
        } else {
          "not signed in (run `cone-shell login --aws`)"
        }
      lines.append("  AWS SSO    \(sso.startURL) (\(sso.region)): \(state)")
    } else {
      lines.append("  AWS SSO    not set up (run `cone-shell setup --sso-url …`)")
    }
    return lines.joined(separator: "\n")
  }

  public var json: JSONDocument {
    .object([
      "schema": .integer(1), "user_id": .string(userID), "email": .nullable(user.email),
      "display_name": .nullable(user.displayName), "tenant": .string(account.server.baseURL),
      "c1_profile": .string(account.profileName),
      "aws_sso": sso.map { sso in
        .object([
          "start_url": .string(sso.startURL), "region": .string(sso.region),
          "signed_in": .bool((ssoExpiresAt ?? 0) > now), "expires_at": .time(ssoExpiresAt),
        ])
      } ?? .null,
    ])
  }
}
