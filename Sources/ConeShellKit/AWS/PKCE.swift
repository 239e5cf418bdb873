import Crypto

/// The proof key of an authorization-code sign-in (RFC 7636), made as the AWS CLI v2
/// makes it (docs/aws-sso.md §2): a verifier of 64 unreserved characters, and its
/// challenge, the base64url SHA-256 of the verifier without padding (method S256).
public struct PKCE: Sendable {
  public let verifier: String
  public var challenge: String { Self.challenge(for: verifier) }

  static let unreserved = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  public init() {
    var generator = SystemRandomNumberGenerator()
    verifier = String((0..<64).map { _ in Self.unreserved.randomElement(using: &generator)! })
  }

  public static func challenge(for verifier: String) -> String {
    Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8))))
  }

  /// An unguessable `state` for one sign-in: 32 random bytes, base64url.
  public static func randomState() -> String {
    var generator = SystemRandomNumberGenerator()
    return Base64URL.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
  }
}
