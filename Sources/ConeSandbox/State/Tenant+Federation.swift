import Foundation

/// The AWS console's federation endpoint: role credentials the portal issued buy a
/// sign-in token, which signs a browser in once, within 15 minutes.
extension Tenant {
  static let signinTokenLifetime: TimeInterval = 15 * 60

  /// `getSigninToken`: the credentials must be ones this sandbox issued, whole and unexpired.
  func issueSigninToken(accessKeyId: String, secretAccessKey: String, sessionToken: String) -> String? {
    guard let credential = roleCredentials[accessKeyId], credential.secretAccessKey == secretAccessKey,
      credential.sessionToken == sessionToken, now < credential.expiresAt
    else { return nil }
    let token = Identifier.randomToken(bytes: 64)
    signinTokens[token] = SigninToken(accessKeyId: accessKeyId, expiresAt: now + Self.signinTokenLifetime)
    return token
  }

  /// `login`: the credential a token stands for, once.
  func redeemSigninToken(_ token: String) -> RoleCredential? {
    guard let signin = signinTokens.removeValue(forKey: token), now < signin.expiresAt else { return nil }
    return roleCredentials[signin.accessKeyId]
  }
}

/// A console sign-in token and the role credential it was bought with.
struct SigninToken: Sendable {
  let accessKeyId: String
  let expiresAt: Date
}
