import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
  private let streamSocket = Int32(SOCK_STREAM.rawValue)
#else
  import Darwin
  private let streamSocket = SOCK_STREAM
#endif

@testable import ConeShellBase
@testable import ConeShellKit

/// The pieces of the authorization-code sign-in (issue 14 item 2): the proof key, the
/// query strings, the choice of sign-in, and the loopback listener over real HTTP.
@Suite struct SSOSignInTests {
  @Test func theProofKeyIsTheAWSCLIsShape() {
    let pkce = PKCE()
    #expect(pkce.verifier.count == 64)
    #expect(pkce.verifier.allSatisfy { PKCE.unreserved.contains($0) })
    #expect(PKCE().verifier != pkce.verifier)
    // RFC 7636 appendix B.
    #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    #expect(PKCE.randomState().count == 43)
  }

  @Test func queriesEncodeAndDecode() {
    #expect(OAuthQuery.encode([("redirect_uri", "http://127.0.0.1:1/oauth/callback"), ("scopes", "a b")])
      == "redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Foauth%2Fcallback&scopes=a%20b")
    #expect(OAuthQuery.parse("code=a%2Fb&state=x+y&state=second&empty") == ["code": "a/b", "state": "x y", "empty": ""])
  }

  @Test func theSignInIsChosenAsTheAWSCLIv2Would() {
    func choose(_ variables: [String: String], deviceCode: Bool = false) -> SSOSignInMethod {
      SSOSignInMethod.choose(useDeviceCode: deviceCode, environment: Environment(variables))
    }
    #expect(choose(["BROWSER": "firefox"]) == .authorizationCode)
    #expect(choose(["BROWSER": "firefox"], deviceCode: true) == .deviceCode)
    #expect(choose(["BROWSER": "firefox", "SSH_TTY": "/dev/pts/1"]) == .deviceCode)
    #if !canImport(Darwin)
    #expect(choose([:]) == .deviceCode)
    #expect(choose(["DISPLAY": ":0"]) == .authorizationCode)
    #expect(choose(["WAYLAND_DISPLAY": "wayland-0"]) == .authorizationCode)
    #expect(choose(["BROWSER": ":"]) == .deviceCode)
    #endif
  }

  @Test func theAuthorizeURLIsBuiltOnTheOIDCOrigin() {
    let settings = SSOSettings(
      startURL: "https://d-1.awsapps.com/start", region: "us-east-1",
      environment: Environment(["AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:9/some/path/"]))
    let client = SSOOIDCClient(
      settings: settings,
      transport: HTTPTransport(
        configuration: .init(environment: Environment([:])), log: DebugLog(isEnabled: false, redactor: Redactor())))
    let url = client.authorizeURL(
      .init(clientID: "cid", clientSecret: "s", expiresAt: 0), redirectURI: "http://127.0.0.1:5/oauth/callback",
      state: "st", challenge: "ch")
    #expect(url == "http://127.0.0.1:9/authorize?response_type=code&client_id=cid"
      + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5%2Foauth%2Fcallback&state=st&code_challenge_method=S256"
      + "&scopes=sso%3Aaccount%3Aaccess&code_challenge=ch")
  }

  @Test func aTokenForOtherScopesDoesNotAllowAccountAccess() throws {
    func token(_ extra: String) throws -> SSOToken {
      try #require(SSOToken(json: Array(#"{"accessToken": "a", "expiresAt": "2030-01-01T00:00:00Z"\#(extra)}"#.utf8)))
    }
    #expect(try token("").allowsAccountAccess)
    #expect(try token(#", "scopes": ["sso:account:access", "codewhisperer:completions"]"#).allowsAccountAccess)
    #expect(try !token(#", "scopes": ["codewhisperer:completions"]"#).allowsAccountAccess)
    #expect(try !token(#", "scopes": "codewhisperer:completions codewhisperer:analysis""#).allowsAccountAccess)
    #expect(try !token(#", "scopes": []"#).allowsAccountAccess)
    // The key is kept when the file is written back.
    #expect(try token(#", "scopes": ["x"]"#).json.contains(#""scopes": ["x"]"#))
  }

  @Test func theListenerAnswersOnlyItsCallback() {
    func answer(_ target: String, method: String = "GET") -> OAuthCallbackListener.Outcome? {
      OAuthCallbackListener.answer(method: method, target: target, expectedState: "good").outcome
    }
    #expect(answer("/oauth/callback?code=c&state=good") == .code("c"))
    #expect(answer("/oauth/callback?state=good&error=access_denied") == .error(code: "access_denied", description: nil))
    #expect(answer("/oauth/callback?code=c&state=bad") == .wrongState)
    #expect(answer("/oauth/callback?code=c") == .wrongState)
    #expect(answer("/oauth/callback?code=c&state=goodX") == .wrongState)
    #expect(answer("/oauth/callback") == nil)
    #expect(answer("/other?code=c&state=good") == nil)
    #expect(answer("/oauth/callback?code=c&state=good", method: "POST") == nil)
  }
}

/// The listener over real HTTP, on 127.0.0.1.
@Suite(.serialized) struct OAuthCallbackListenerTests {
  private func get(_ url: String) async throws -> HTTPResponse {
    var configuration = HTTPTransport.Configuration(environment: Environment([:]))
    configuration.retry = RetryPolicy(maxAttempts: 1)
    let http = HTTPTransport(configuration: configuration, log: DebugLog(isEnabled: false, redactor: Redactor()))
    defer { Task { await http.shutdown() } }
    return try await http.send(HTTPRequest(.get, url))
  }

  @Test func takesTheFirstAnswerAndRefusesTheRest() async throws {
    let listener = try await OAuthCallbackListener.start(expectedState: "s1")
    defer { listener.close() }
    #expect(listener.redirectURI == "http://127.0.0.1:\(listener.port)/oauth/callback")
    let base = "http://127.0.0.1:\(listener.port)"
    #expect(try await get(base + "/favicon.ico").status == 404)
    let wrong = try await get(base + "/oauth/callback?code=c&state=other")
    #expect(wrong.status == 400 && wrong.text.contains("refused"))
    let later = try await get(base + "/oauth/callback?code=c&state=s1")
    #expect(later.status == 409)
    let outcome = try await listener.wait(timeout: 5) { _ in }
    #expect(outcome == .wrongState)
  }

  @Test func aWaitWithoutAnAnswerEndsWithAClearMessage() async throws {
    let listener = try await OAuthCallbackListener.start(expectedState: "s")
    defer { listener.close() }
    let seen = Mutex<[Double]>([])
    let started = ContinuousClock.now
    let error = await #expect(throws: SSOError.self) {
      _ = try await listener.wait(timeout: 1.5) { elapsed in seen.withLock { $0.append(elapsed) } }
    }
    #expect(ContinuousClock.now - started < .seconds(10))
    #expect(error == .signInTimedOut(seconds: 1))
    #expect(error?.description.contains("no answer came back from the browser within 1s") == true)
    #expect(error?.description.contains("--use-device-code") == true)
    #expect(seen.withLock { $0 }.first == 0)
  }

  @Test func aConnectionThatSaysNothingIsClosedAndTheAnswerStillComes() async throws {
    let listener = try await OAuthCallbackListener.start(expectedState: "s", connectionLifetime: .milliseconds(300))
    defer { listener.close() }
    let silent = try Self.openSilentConnection(port: listener.port)
    defer { close(silent) }
    #expect(Self.isClosedByPeer(silent, within: .seconds(10)))
    #expect(try await get("http://127.0.0.1:\(listener.port)/oauth/callback?code=c&state=s").status == 200)
    #expect(try await listener.wait(timeout: 5) { _ in } == .code("c"))
  }

  /// A TCP connection to 127.0.0.1:`port` that sends nothing.
  static func openSilentConnection(port: Int) throws -> Int32 {
    let socket = socket(AF_INET, streamSocket, 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    try #require(socket >= 0 && connected == 0, "cannot connect to port \(port): errno \(errno)")
    return socket
  }

  /// Whether the other end closes `socket` (a read returns end of file) within `limit`.
  static func isClosedByPeer(_ socket: Int32, within limit: Duration) -> Bool {
    var entry = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
    guard poll(&entry, 1, Int32(limit.components.seconds * 1000)) == 1 else { return false }
    var byte: UInt8 = 0
    return recv(socket, &byte, 1, 0) == 0
  }

  @Test func listensOnLoopbackOnly() async throws {
    let listener = try await OAuthCallbackListener.start(expectedState: "s")
    defer { listener.close() }
    // The port is bound on 127.0.0.1: another local address cannot reach it.
    guard let address = Self.nonLoopbackAddress() else { return }
    await #expect(throws: (any Error).self) { _ = try await get("http://\(address):\(listener.port)/oauth/callback") }
  }

  /// This machine's first IPv4 address that is not loopback, if it has one.
  static func nonLoopbackAddress() -> String? {
    var list: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&list) == 0, let first = list else { return nil }
    defer { freeifaddrs(list) }
    for entry in sequence(first: first, next: { $0.pointee.ifa_next }) {
      guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
      var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
      guard getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0
      else { continue }
      let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if !text.hasPrefix("127.") { return text }
    }
    return nil
  }
}
