import Crypto
import Foundation

/// A C1 API access token.
struct C1Session: Sendable {
  let userId: String
  let expiresAt: Date
}

/// A personal client credential: its public key verifies client assertions.
struct PersonalClient: Sendable {
  let name: String
  let userId: String
  let displayName: String
  /// The raw Ed25519 public key.
  let publicKey: Data
  let createdAt: Date
}

/// An SSO OIDC client registration. A client registered without `grantTypes` (botocore's
/// device flow) may use the device code and refresh token grants; one that names them may
/// use only those (docs/aws-sso.md §3.3).
struct OIDCClient: Sendable {
  let clientId: String
  let clientSecret: String
  let name: String
  let issuedAt: Date
  let expiresAt: Date
  var metadata = Metadata()

  /// What RegisterClient was given beyond the name.
  struct Metadata: Sendable {
    var grantTypes: [String]? = nil
    var redirectURIs: [String] = []
    var issuerURL: String? = nil
    var scopes: [String] = []
  }

  var redirectURIs: [String] { metadata.redirectURIs }
  var scopes: [String] { metadata.scopes }

  static let deviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code"

  func allows(grant: String) -> Bool {
    guard let grantTypes = metadata.grantTypes else { return grant == Self.deviceCodeGrant || grant == "refresh_token" }
    return grantTypes.contains(grant)
  }
}

/// An SSO OIDC access token (the portal's bearer token) or refresh token.
struct SSOSession: Sendable {
  let userId: String
  let clientId: String
  let expiresAt: Date
}

/// Temporary role credentials from GetRoleCredentials, checked again by STS.
struct RoleCredential: Sendable {
  let accessKeyId: String
  let secretAccessKey: String
  let sessionToken: String
  let userId: String
  let entitlementId: String
  let expiresAt: Date
}
