import Crypto
import Foundation
import Testing

@testable import ConeSandbox

/// Client assertions as cone's go-jose signer makes them, and the ways they can be wrong.
@Suite struct ClientAssertionTests {
  let key = Curve25519.Signing.PrivateKey()
  let clientId = "sandbox-alice@127.0.0.1:8484/pcc"
  let now = Date()

  func assertion(
    signedWith signer: Curve25519.Signing.PrivateKey? = nil, audience: WireJSON = .array([.string("127.0.0.1")]),
    issuer: String? = nil, expires: TimeInterval = 120, notBefore: TimeInterval = -120, algorithm: String = "EdDSA"
  ) throws -> String {
    let header = try SandboxJSON.encode(["alg": algorithm, "nonce": "00112233445566778899aabbccddeeff"])
    let claims = try SandboxJSON.encode([
      "iss": WireJSON.string(issuer ?? clientId), "sub": .string(clientId), "aud": audience,
      "exp": .number((now.timeIntervalSince1970 + expires).rounded()),
      "nbf": .number((now.timeIntervalSince1970 + notBefore).rounded()),
      "iat": .number(now.timeIntervalSince1970.rounded()),
    ])
    let input = "\(WireBase64URL.encode(header)).\(WireBase64URL.encode(claims))"
    let signature = try (signer ?? key).signature(for: Data(input.utf8))
    return "\(input).\(WireBase64URL.encode(signature))"
  }

  func verify(_ assertion: String) throws(OAuthError) {
    try ClientAssertion.verify(
      assertion, clientId: clientId, publicKey: key.publicKey.rawRepresentation, audiences: ["127.0.0.1"], now: now)
  }

  @Test func aGoodAssertionVerifies() throws {
    try verify(try assertion())
    try verify(try assertion(audience: .string("127.0.0.1")))  // a single string is fine too
  }

  @Test func anotherKeyIsRefused() throws {
    let forged = try assertion(signedWith: Curve25519.Signing.PrivateKey())
    #expect(throws: OAuthError.invalidClient("client assertion signature does not verify with the client's key")) {
      try verify(forged)
    }
  }

  @Test func theWrongAudienceIsRefused() throws {
    let wrong = try assertion(audience: .array([.string("acme.conductor.one")]))
    #expect { try verify(wrong) } throws: { ($0 as? OAuthError)?.status == .unauthorized }
    let withPort = try assertion(audience: .array([.string("127.0.0.1:8484")]))
    #expect { try verify(withPort) } throws: { ($0 as? OAuthError)?.description.contains("audience") == true }
  }

  @Test func expiredAndFutureAssertionsAreRefused() throws {
    let expired = try assertion(expires: -ClientAssertion.leeway - 5)
    #expect(throws: OAuthError.invalidClient("client assertion has expired")) { try verify(expired) }
    let early = try assertion(notBefore: ClientAssertion.leeway + 60)
    #expect(throws: OAuthError.invalidClient("client assertion is not valid yet")) { try verify(early) }
  }

  @Test func issuerAlgorithmAndShapeAreChecked() throws {
    let other = try assertion(issuer: "someone@127.0.0.1/pcc")
    #expect { try verify(other) } throws: { ($0 as? OAuthError)?.error == "invalid_client" }
    let hmac = try assertion(algorithm: "HS256")
    #expect { try verify(hmac) } throws: { ($0 as? OAuthError)?.description.contains("EdDSA") == true }
    #expect { try verify("a.b") } throws: { ($0 as? OAuthError)?.status == .unauthorized }
  }
}
