import Crypto
import Foundation

/// C1's client secret format (docs/c1-api.md §2.2):
/// `secret-token:conductorone.com:v1:<base64url of the private Ed25519 JWK>`.
enum ClientSecret {
  private struct JWK: Codable {
    let kty: String
    let crv: String
    let x: String
    let d: String
  }

  static func encode(_ key: Curve25519.Signing.PrivateKey) -> String {
    let jwk = JWK(
      kty: "OKP", crv: "Ed25519", x: WireBase64URL.encode(key.publicKey.rawRepresentation),
      d: WireBase64URL.encode(key.rawRepresentation))
    // Encoding four strings cannot fail.
    let json = try! SandboxJSON.encode(jwk)
    return "secret-token:conductorone.com:v1:" + WireBase64URL.encode(json)
  }

  /// The private key in a secret, or nil if it is not one.
  static func decode(_ secret: String) -> Curve25519.Signing.PrivateKey? {
    let parts = secret.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count == 4, parts[2] == "v1", let json = WireBase64URL.decode(parts[3]),
      let jwk = try? SandboxJSON.decoder.decode(JWK.self, from: json), jwk.kty == "OKP", jwk.crv == "Ed25519",
      let seed = WireBase64URL.decode(jwk.d)
    else { return nil }
    return try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
  }
}
