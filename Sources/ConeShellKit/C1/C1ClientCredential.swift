import ConeShellBase
import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A C1 client credential: the client id and the Ed25519 private key carried in the
/// client secret (`secret-token:conductorone.com:v1:<base64url JWK>`, docs/c1-api.md §2.2).
/// It never leaves the process except as signatures.
public struct C1ClientCredential: Sendable {
  public let clientID: C1ClientID
  /// The 32-byte Ed25519 seed; the key type itself is not Sendable.
  private let seed: [UInt8]
  private let keyID: String?

  public init(clientID: C1ClientID, secret: String) throws(C1Error) {
    let parts = secret.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count == 4, parts[2] == "v1", let json = Base64URL.decode(String(parts[3])) else {
      throw C1Error.invalidClientSecret
    }
    struct JWK: Decodable {
      var kty: String?, crv: String?, x: String?, d: String?, kid: String?
    }
    guard let jwk = try? JSONDecoder().decode(JWK.self, from: Data(json)),
      jwk.kty == "OKP", jwk.crv == "Ed25519",
      let seed = jwk.d.flatMap(Base64URL.decode), let publicKey = jwk.x.flatMap(Base64URL.decode),
      let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed),
      Array(key.publicKey.rawRepresentation) == publicKey
    else { throw C1Error.invalidClientSecret }
    self.clientID = clientID
    self.seed = Array(key.rawRepresentation)
    self.keyID = jwk.kid
  }

  /// The signed client assertion for the token request: header with a random nonce,
  /// `iss` = `sub` = the client id, `aud` = [the host without port], valid from two
  /// minutes ago to two minutes ahead (docs/c1-api.md §2.3).
  public func clientAssertion(audience: String, now: Double) throws -> String {
    var nonce = [UInt8](repeating: 0, count: 16)
    var generator = SystemRandomNumberGenerator()
    for index in nonce.indices { nonce[index] = generator.next() }
    struct Header: Encodable { var alg = "EdDSA", kid: String?, nonce: String }
    struct Claims: Encodable { var iss, sub: String, aud: [String], exp, iat, nbf: Int }
    let issued = Int(now)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let header = try encoder.encode(Header(kid: keyID, nonce: Base16.encode(nonce)))
    let claims = try encoder.encode(
      Claims(iss: clientID.rawValue, sub: clientID.rawValue, aud: [audience], exp: issued + 120, iat: issued, nbf: issued - 120))
    let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(claims)
    let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    let signature = try key.signature(for: Array(signingInput.utf8))
    return signingInput + "." + Base64URL.encode(signature)
  }
}
