import Crypto
import Foundation

/// Verifies the JWT a client signs for the client-credentials grant (docs/c1-api.md §2.3):
/// EdDSA with the client's registered key, `iss == sub == client_id`, `aud` naming the
/// server's host (without port), and `nbf ≤ now < exp`.
enum ClientAssertion {
  /// Clock skew allowed on `nbf` and `exp`, as go-jose's default.
  static let leeway: TimeInterval = 60

  static func verify(
    _ assertion: String, clientId: String, publicKey rawKey: Data, audiences: Set<String>, now: Date
  ) throws(OAuthError) {
    guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: rawKey) else {
      throw .invalidClient("the client's key is unusable")
    }
    let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, let headerData = WireBase64URL.decode(parts[0]), let claimsData = WireBase64URL.decode(parts[1]),
      let signature = WireBase64URL.decode(parts[2]),
      case .object(let header)? = try? SandboxJSON.decoder.decode(WireJSON.self, from: headerData),
      case .object(let claims)? = try? SandboxJSON.decoder.decode(WireJSON.self, from: claimsData)
    else { throw .invalidClient("client assertion is not a compact JWS") }
    guard header["alg"]?.stringValue == "EdDSA" else {
      throw .invalidClient("client assertion must be signed with EdDSA")
    }
    guard publicKey.isValidSignature(signature, for: Data("\(parts[0]).\(parts[1])".utf8)) else {
      throw .invalidClient("client assertion signature does not verify with the client's key")
    }
    guard claims["iss"]?.stringValue == clientId, claims["sub"]?.stringValue == clientId else {
      throw .invalidClient("client assertion iss and sub must both be the client ID")
    }
    let audience: [String]
    switch claims["aud"] {
    case .string(let single)?: audience = [single]
    case .array(let many)?: audience = many.compactMap(\.stringValue)
    default: audience = []
    }
    guard audience.contains(where: audiences.contains) else {
      throw .invalidClient("client assertion audience must be \(audiences.sorted().joined(separator: " or "))")
    }
    let nowSeconds = now.timeIntervalSince1970
    guard case .number(let expiry)? = claims["exp"], nowSeconds < expiry + leeway else {
      throw .invalidClient("client assertion has expired")
    }
    if case .number(let notBefore)? = claims["nbf"], nowSeconds + leeway < notBefore {
      throw .invalidClient("client assertion is not valid yet")
    }
  }
}
