import Crypto
import Foundation
import Testing

@testable import ConeSandbox

@Suite struct SupportTests {
  @Test(arguments: [
    ("90m", 5400.0), ("3h", 10800), ("1h30m", 5400), ("45s", 45), ("500ms", 0.5), ("2d", 172_800),
    ("3600s", 3600), ("1.5s", 1.5), ("600", 600),
  ])
  func durationsParse(text: String, seconds: Double) throws {
    #expect(try DurationText.seconds(text) == seconds)
  }

  @Test func badDurationsAreRefused() {
    for text in ["", "soon", "3x", "h", "-5m"] {
      #expect(throws: DurationText.InvalidDuration.self) { try DurationText.seconds(text) }
    }
  }

  @Test func durationsFormat() {
    #expect(DurationText.proto(28800) == "28800s")
    #expect(DurationText.proto(0.5) == "0.500s")
    #expect(DurationText.go(7200) == "2h0m0s")
    #expect(DurationText.go(90) == "1m30s")
    #expect(DurationText.short(5400) == "1h30m")
  }

  @Test func timestampsAreRFC3339UTC() {
    #expect(ProtoTimestamp.rfc3339(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    #expect(ProtoTimestamp.rfc3339(Date(timeIntervalSince1970: 1_735_689_600)) == "2025-01-01T00:00:00Z")
    #expect(ProtoTimestamp.rfc3339(Date(timeIntervalSince1970: 951_782_400.25)) == "2000-02-29T00:00:00.250Z")
    #expect(ProtoTimestamp.rfc3339(Date(timeIntervalSince1970: 4_102_444_799)) == "2099-12-31T23:59:59Z")
  }

  @Test func globs() {
    #expect(Glob("/api/v1/*").matches("/api/v1/tasks/1001"))
    #expect(Glob("*").matches("/"))
    #expect(Glob("/api/v1/tasks/*/action/*").matches("/api/v1/tasks/1001/action/approve"))
    #expect(Glob("/token").matches("/token"))
    #expect(!Glob("/token").matches("/auth/v1/token"))
    #expect(Glob("/api/v?/x").matches("/api/v1/x"))
    #expect(!Glob("/api/*/x").matches("/api/v1/y"))
  }

  @Test func ksuidsAreStableAndBase62() {
    let id = Identifier.ksuid("entitlement:x")
    #expect(id == Identifier.ksuid("entitlement:x"))
    #expect(id != Identifier.ksuid("entitlement:y"))
    #expect(id.count == 27 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
  }

  @Test func pageTokensRoundTrip() {
    #expect(PageToken.decode(PageToken.encode(250)) == 250)
    #expect(PageToken.decode("garbage") == nil)
    #expect(PageToken.c1PageSize(nil) == 25)
    #expect(PageToken.c1PageSize(0) == 25)
    #expect(PageToken.c1PageSize(3) == 10)
    #expect(PageToken.c1PageSize(50) == 50)
    #expect(PageToken.c1PageSize(1000) == 100)
  }

  @Test func clientSecretsCarryAPrivateJWK() throws {
    let key = Curve25519.Signing.PrivateKey()
    let secret = ClientSecret.encode(key)
    #expect(secret.hasPrefix("secret-token:conductorone.com:v1:"))
    #expect(ClientSecret.decode(secret)?.rawRepresentation == key.rawRepresentation)
    #expect(ClientSecret.decode("secret-token:conductorone.com:v2:abc") == nil)
  }

  @Test func requestFieldsAcceptBothSpellings() throws {
    let fields = try RequestFields(json: Array(#"{"app_entitlement_id":"e","appId":"a","expand_mask":{"paths":["*"]}}"#.utf8))
    #expect(fields.string("appEntitlementId") == "e")
    #expect(fields.string("appId") == "a")
    #expect(fields.expandPaths == ["*"])
    #expect(throws: C1Error.self) { try RequestFields(json: Array("[1]".utf8)) }
    #expect(try RequestFields(json: []).values.isEmpty)
  }

  @Test func shellQuoting() {
    #expect(ShellQuote.quote("it's") == #"'it'\''s'"#)
    #expect(EnvironmentVariable(name: "A", value: "x y").exportLine == "export A='x y'")
  }
}
