import Crypto
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

@Suite struct C1ClientIDTests {
  @Test func splitsLikeCone() throws {
    let id = try C1ClientID("strange-hydra-68836@acme.conductor.one/pcc")
    #expect(id.name == "strange-hydra-68836" && id.host == "acme.conductor.one")
    #expect(try C1ClientID("t@127.0.0.1:8443/pcc").host == "127.0.0.1:8443")
    #expect(throws: C1Error.invalidClientID) { try C1ClientID("no-at-sign/pcc") }
    #expect(throws: C1Error.invalidClientID) { try C1ClientID("a@no-slash") }
  }
}

@Suite struct C1ServerTests {
  @Test func normalisesTenants() throws {
    #expect(try C1Server("acme").baseURL == "https://acme.conductor.one")
    #expect(try C1Server("acme.conductor.one/").baseURL == "https://acme.conductor.one")
    #expect(try C1Server("https://acme.conductor.one").audience == "acme.conductor.one")
    let local = try C1Server("http://127.0.0.1:8443")
    #expect(local.baseURL == "http://127.0.0.1:8443" && local.audience == "127.0.0.1")
    #expect(try C1Server("127.0.0.1:8443").baseURL == "https://127.0.0.1:8443")
    #expect(throws: C1Error.self) { try C1Server("http://acme.conductor.one") }
  }

  @Test func takesAFullTenantHostLowerCasedHttpsOnly() throws {
    // Issue 14 item 4: tenants beyond *.conductor.one (EU tenants are on *.c1eu.ai).
    #expect(try C1Server("acme.c1eu.ai").baseURL == "https://acme.c1eu.ai")
    #expect(try C1Server("ACME.C1eu.AI").baseURL == "https://acme.c1eu.ai")
    #expect(try C1Server("https://Acme.C1EU.ai/").audience == "acme.c1eu.ai")
    #expect(try C1Server(" acme.c1eu.ai:8443 ").baseURL == "https://acme.c1eu.ai:8443")
    #expect(try C1Server("xn--acm-bma.c1eu.ai").baseURL == "https://xn--acm-bma.c1eu.ai")
    // A bare name keeps cone's meaning.
    #expect(try C1Server("Acme").baseURL == "https://acme.conductor.one")
    #expect(try C1Server("acme-eu").baseURL == "https://acme-eu.conductor.one")
    // Loopback over plain http, for cone-sandbox; nothing else.
    #expect(try C1Server("http://localhost:9").baseURL == "http://localhost:9")
    #expect(try C1Server("http://[::1]:9").baseURL == "http://[::1]:9")
    for refused in [
      "http://acme.c1eu.ai", "http://127.example.com", "http://127.0.0.1.example.com", "ftp://acme.c1eu.ai",
      "acme corp", "-acme", "acme-.c1eu.ai", "acme..c1eu.ai", "acmé.c1eu.ai", "acme_x.c1eu.ai",
      "https://user:pw@acme.c1eu.ai", "https://acme.c1eu.ai:0", "",
    ] {
      #expect(throws: C1Error.self, "\(refused)") { try C1Server(refused) }
    }
  }

  @Test func loopbackMeansALoopbackAddress() {
    #expect(URLParts.isLoopback("127.0.0.1") && URLParts.isLoopback("127.1.2.3") && URLParts.isLoopback("localhost"))
    #expect(URLParts.isLoopback("::1"))
    #expect(!URLParts.isLoopback("127.example.com") && !URLParts.isLoopback("127.0.0.1.nip.io"))
    #expect(!URLParts.isLoopback("127.0.0.256") && !URLParts.isLoopback("128.0.0.1"))
  }

  @Test func resolvesInConesOrder() throws {
    let id = try C1ClientID("a@fromid.example/pcc")
    let profile = C1Profile(name: "p", apiEndpoint: "profile.example")
    func resolve(_ env: [String: String], _ profile: C1Profile?) throws -> String {
      try C1Server.resolve(environment: Environment(env), profile: profile, clientID: id).host
    }
    #expect(try resolve([:], nil) == "fromid.example")
    #expect(try resolve(["CONDUCTORONE_SERVER_URL": "server.example"], nil) == "server.example")
    #expect(try resolve(["CONDUCTORONE_SERVER_URL": "server.example"], profile) == "profile.example")
    #expect(try resolve(["CONE_API_ENDPOINT": "env.example", "CONDUCTORONE_SERVER_URL": "s.example"], profile) == "env.example")
  }
}

@Suite struct C1ClientCredentialTests {
  static func secret(for key: Curve25519.Signing.PrivateKey, kid: String? = nil) -> String {
    var jwk = #"{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode(key.publicKey.rawRepresentation))","d":"\#(Base64URL.encode(key.rawRepresentation))""#
    if let kid { jwk += #","kid":"\#(kid)""# }
    jwk += "}"
    return "secret-token:conductorone.com:v1:" + Base64URL.encode(Array(jwk.utf8))
  }

  @Test func signsAnAssertionTheServerCanVerify() throws {
    let key = Curve25519.Signing.PrivateKey()
    let credential = try C1ClientCredential(
      clientID: C1ClientID("bot@acme.conductor.one/pcc"), secret: Self.secret(for: key, kid: "k1"))
    let jwt = try credential.clientAssertion(audience: "acme.conductor.one", now: 1_000_000)
    let parts = jwt.split(separator: ".").map(String.init)
    #expect(parts.count == 3)
    let signed = Array((parts[0] + "." + parts[1]).utf8)
    #expect(key.publicKey.isValidSignature(Base64URL.decode(parts[2])!, for: signed))
    let header = try JSONValue.decoded(from: Base64URL.decode(parts[0])!)
    #expect(header["alg"] == .string("EdDSA") && header["kid"] == .string("k1"))
    #expect(header["nonce"]?.stringValue?.count == 32)
    let claims = try JSONValue.decoded(from: Base64URL.decode(parts[1])!)
    #expect(claims["iss"] == .string("bot@acme.conductor.one/pcc") && claims["sub"] == claims["iss"])
    #expect(claims["aud"] == .array([.string("acme.conductor.one")]))
    #expect(claims["exp"]?.int64Value == 1_000_120 && claims["nbf"]?.int64Value == 999_880)
  }

  @Test func refusesSecretsThatAreNotEd25519PrivateKeys() throws {
    let id = try C1ClientID("a@b/pcc")
    let key = Curve25519.Signing.PrivateKey()
    let other = Curve25519.Signing.PrivateKey()
    let mismatched = #"{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode(other.publicKey.rawRepresentation))","d":"\#(Base64URL.encode(key.rawRepresentation))"}"#
    for secret in [
      "nonsense", "secret-token:conductorone.com:v2:abc",
      "secret-token:conductorone.com:v1:" + Base64URL.encode(Array(#"{"kty":"OKP","crv":"Ed25519","x":"AAAA"}"#.utf8)),
      "secret-token:conductorone.com:v1:" + Base64URL.encode(Array(mismatched.utf8)),
    ] {
      #expect(throws: C1Error.invalidClientSecret) { try C1ClientCredential(clientID: id, secret: secret) }
    }
  }
}

@Suite struct C1ModelTests {
  @Test func decodesATaskWithOpenEnumsAndStringInt64() throws {
    let json = #"""
      {"taskView":{"task":{"id":"2Txyz","numericId":"1042","state":"TASK_STATE_OPEN","processing":"TASK_PROCESSING_TYPE_WAITING",
      "type":{"grant":{"appId":"a","appEntitlementId":"e","grantDuration":"7200s","outcome":"GRANT_OUTCOME_SOMETHING_NEW"}},
      "policy":{"current":{"id":"step1","state":"POLICY_STEP_STATE_ACTIVE","approval":{"state":"APPROVAL_INSTANCE_STATE_WAITING","approval":{"users":{"userIds":["bob"]}}}},
      "history":[{"id":"s0","state":"POLICY_STEP_STATE_DONE","form":{"form":{"fields":[]}}}]},
      "createdAt":"2026-11-22T19:04:31.123Z","unknownField":{"x":1}}},"expanded":[]}
      """#
    struct Response: Decodable { struct View: Decodable { var task: C1Task }; var taskView: View }
    let task = try JSONDecoder().decode(Response.self, from: Data(json.utf8)).taskView.task
    #expect(task.number == "1042" && task.isOpen && task.entitlementID == "e" && task.grantSeconds == 7200)
    #expect(task.outcome.rawValue == "GRANT_OUTCOME_SOMETHING_NEW")
    #expect(task.currentStep?.kind == .approval && task.currentStep?.approverIDs == ["bob"])
    #expect(task.history.first?.kind == .form && task.history.first?.isDone == true)
  }

  @Test func bindingsAreActiveOnlyInsideTheirWindow() throws {
    let binding = C1Binding(entitlementID: "e", createdAt: 100, deprovisionAt: 200)
    #expect(binding.isActive(at: 150))
    #expect(!binding.isActive(at: 200))
    #expect(!C1Binding(entitlementID: "e", createdAt: 100, deletedAt: 120).isActive(at: 110))
    #expect(!C1Binding(appID: "a", appUserID: "u").isActive(at: 110))
    #expect(C1Binding(entitlementID: "e", createdAt: 100).isActive(at: 1e12))
  }

  @Test func mapsGrpcGatewayErrors() {
    func map(_ status: Int, _ body: String) -> C1Error {
      C1APIError.error(
        for: HTTPResponse(status: status, body: Array(body.utf8)), request: HTTPRequest(.post, "https://h/api/v1/task/grant"),
        server: "https://h")
    }
    #expect(
      map(409, #"{"code":6,"message":"duplicate ticket found","details":[{"@type":"type.googleapis.com/c1.api.task.v1.TaskRef","id":"T1"}]}"#)
        == .duplicateRequest(taskID: "T1", message: "duplicate ticket found"))
    // Keyed on the message and detail, not the status.
    if case .duplicateRequest(let id, _) = map(400, #"{"code":3,"message":"x: duplicate ticket found","details":[{"@type":"type.googleapis.com/c1.api.task.v1.TaskRef","id":"T2"}]}"#) {
      #expect(id == "T2")
    } else {
      Issue.record("not mapped to a duplicate")
    }
    if case .unauthenticated = map(401, "{}") {} else { Issue.record("401 not unauthenticated") }
    if case .notFound = map(404, #"{"code":5,"message":"nope"}"#) {} else { Issue.record("404 not notFound") }
    #expect(map(400, #"{"code":3,"message":"grant duration must be less than or equal to max provision time (2h0m0s)"}"#)
      == .invalidArgument(message: "grant duration must be less than or equal to max provision time (2h0m0s)"))
    #expect("\(C1Error.notSignedIn(profile: "default"))".contains("cone-shell login"))
  }
}

@Suite struct SSOCacheFilesTests {
  @Test func namesFilesAsTheAWSCLIDoes() {
    // Examples from docs/aws-sso.md §3.1, computed by botocore and CLI v2.
    #expect(SSOCacheFiles.sha1Hex("my-sso") == "0ad374308c5a4e22f723adf10145eafad7c4031c")
    let url = "https://d-1234567890.awsapps.com/start"
    #expect(
      SSOCacheFiles.registrationFileName(startURL: url, region: "us-east-1", sessionName: "my-sso", scopes: nil)
        == "8b2cedd020fb181ad4cf906d1d27b232fd31557e.json")
    #expect(
      SSOCacheFiles.registrationFileName(startURL: url, region: "us-east-1", sessionName: "my-sso", scopes: ["sso:account:access"])
        == "a8343d65418848d0bc13a5f25cbb32508ceec5d1.json")
  }

  @Test func tokenFileRoundTripsInBotocoresKeyOrderKeepingUnknownKeys() throws {
    let text = #"{"startUrl": "https://d-1.awsapps.com/start", "region": "us-east-1", "accessToken": "at", "expiresAt": "2026-11-23T02:30:24Z", "clientId": "c", "clientSecret": "s", "registrationExpiresAt": "2027-02-10T18:30:18Z", "refreshToken": "r", "futureKey": [1]}"#
    let token = try #require(SSOToken(json: Array(text.utf8)))
    #expect(token.json == text)
    #expect(token.canRefresh(now: 1_795_374_271))
    #expect(SSOToken(json: Array(#"{"accessToken": "x"}"#.utf8)) == nil)
  }

  @Test func writesTokenFiles0600() throws {
    let dir = TemporaryDirectory()
    let settings = SSOSettings(startURL: "https://d-1.awsapps.com/start", region: "us-east-1", environment: dir.environment)
    let files = SSOCacheFiles(directory: dir.file(".aws/sso/cache"), settings: settings)
    try files.write(SSOToken(startURL: settings.startURL, region: "us-east-1", accessToken: "a", expiresAt: 2e9))
    #expect(FileSystem.mode(of: files.tokenPath) == 0o600)
    #expect(files.tokenPath.hasSuffix("/" + SSOCacheFiles.sha1Hex("cone-sso") + ".json"))
    #expect(files.readToken()?.accessToken == "a")
  }

  @Test func endpointsFollowBotocore() {
    // No config file: the endpoints come from the environment alone (the file's own
    // rules are AWSConfiguredEndpointsTests').
    let noFile = ["AWS_CONFIG_FILE": "/nonexistent/cone-shell-test/config"]
    let real = SSOSettings(startURL: "u", region: "eu-west-1", environment: Environment(noFile))
    #expect(real.oidcEndpoint == "https://oidc.eu-west-1.amazonaws.com")
    #expect(real.portalEndpoint == "https://portal.sso.eu-west-1.amazonaws.com")
    let local = SSOSettings(
      startURL: "u", region: "us-east-1",
      environment: Environment(
        noFile.merging(["AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:9/", "AWS_ENDPOINT_URL": "http://127.0.0.1:8"]) { $1 }))
    #expect(local.portalEndpoint == "http://127.0.0.1:9" && local.oidcEndpoint == "http://127.0.0.1:8")
  }
}
