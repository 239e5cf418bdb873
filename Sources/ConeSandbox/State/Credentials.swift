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

/// An SSO OIDC client registration.
struct OIDCClient: Sendable {
  let clientId: String
  let clientSecret: String
  let name: String
  let issuedAt: Date
  let expiresAt: Date
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
