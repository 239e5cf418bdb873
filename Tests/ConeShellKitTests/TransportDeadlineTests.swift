import Testing

@testable import ConeShellBase
@testable import ConeShellKit

/// Every exchange has one deadline and a bounded body, and every listing a bounded
/// number of pages (issue 12 items 2 and 3), against a server that misbehaves on purpose.
@Suite(.serialized) struct TransportDeadlineTests {
  private func transport(_ variables: [String: String] = [:]) -> HTTPTransport {
    var configuration = HTTPTransport.Configuration(environment: Environment(variables))
    configuration.retry = RetryPolicy(maxAttempts: 1)
    return HTTPTransport(configuration: configuration, log: DebugLog(isEnabled: false, redactor: Redactor()))
  }

  // Timings here are loose on purpose: synchronous tests running beside these (the
  // terminal tests) can hold both of a 2-core machine's concurrency threads for
  // seconds. What proves the bound is that the client hangs up on its own while the
  // server is still dripping (for up to two minutes); alone this takes 1.02 s, and the
  // end-to-end tests time it in a process of its own.
  @Test func aDrippedBodyEndsAtTheDeadline() async throws {
    let server = try HostileTestServer(.drip(length: 10_000, every: .milliseconds(50)), lifetime: 120)
    defer { server.stop() }
    let http = transport(["CONE_SHELL_HTTP_TIMEOUT": "1"])
    defer { Task { await http.shutdown() } }
    let clock = ContinuousClock()
    let started = clock.now
    let error = await #expect(throws: TransportError.self) {
      _ = try await http.send(HTTPRequest(.get, server.url + "/slow"))
    }
    let elapsed = clock.now - started
    // The read timeout alone (restarted by every byte) would never end this.
    #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(60), "\(elapsed)")
    try await waitUntil { server.clientsThatLeftMidDrip == 1 }
    guard case .deadlineExceeded(_, let host, let limit, _) = error else {
      Issue.record("expected deadlineExceeded, got \(String(describing: error))")
      return
    }
    #expect(host == "127.0.0.1:\(server.port)" && limit == .seconds(1))
    let message = "\(error!)"
    #expect(message.contains("127.0.0.1:\(server.port) did not send its complete answer within 1 s"))
    #expect(message.contains("CONE_SHELL_HTTP_TIMEOUT"))
  }

  @Test func theDeadlineCoversEveryAttemptOnItsOwn() async throws {
    let server = try HostileTestServer(.drip(length: 10_000, every: .milliseconds(50)), lifetime: 120)
    defer { server.stop() }
    var configuration = HTTPTransport.Configuration(environment: Environment(["CONE_SHELL_HTTP_TIMEOUT": "0.5"]))
    configuration.retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(20))
    let http = HTTPTransport(configuration: configuration, log: DebugLog(isEnabled: false, redactor: Redactor()))
    defer { Task { await http.shutdown() } }
    let clock = ContinuousClock()
    let started = clock.now
    let error = await #expect(throws: TransportError.self) {
      _ = try await http.send(HTTPRequest(.get, server.url + "/slow"))
    }
    #expect(clock.now - started < .seconds(60))
    #expect("\(error!)".contains("within 500 ms after 3 attempts"), "\(error!)")
    #expect(server.requests == 3)
    try await waitUntil { server.clientsThatLeftMidDrip == 3 }
  }

  @Test func anAnswerOverTheSizeLimitIsRefused() async throws {
    for behaviour in [HostileTestServer.Behaviour.huge(length: 40 << 20), .hugeChunked(length: 40 << 20)] {
      let server = try HostileTestServer(behaviour)
      defer { server.stop() }
      let http = transport()
      defer { Task { await http.shutdown() } }
      let error = await #expect(throws: TransportError.self) {
        _ = try await http.send(HTTPRequest(.get, server.url + "/big"))
      }
      guard case .responseTooLarge(_, let host, let limit) = error else {
        Issue.record("expected responseTooLarge, got \(String(describing: error))")
        continue
      }
      #expect(host == "127.0.0.1:\(server.port)" && limit == 32 << 20)
      #expect("\(error!)".contains("is larger than 32 MiB"))
    }
  }

  @Test func aNormalAnswerIsUnaffected() async throws {
    let server = try HostileTestServer(.json(#"{"ok":true}"#))
    defer { server.stop() }
    let http = transport(["CONE_SHELL_HTTP_TIMEOUT": "1"])
    defer { Task { await http.shutdown() } }
    for _ in 0..<3 {
      let response = try await http.send(HTTPRequest(.get, server.url + "/ok"))
      #expect(response.status == 200 && response.text == #"{"ok":true}"#)
    }
  }

  // MARK: - Pages

  @Test func endlessFreshPageTokensStopAtTheLimit() async throws {
    let server = try HostileTestServer(.endlessPages(list: "accountList", tokenField: "nextToken", repeatToken: false))
    defer { server.stop() }
    let http = transport(["CONE_SHELL_MAX_PAGES": "25"])
    defer { Task { await http.shutdown() } }
    let portal = SSOPortalClient(settings: settings(server), transport: http, redactor: Redactor())
    let error = await #expect(throws: PageLimitError.self) { _ = try await portal.accounts(accessToken: "t") }
    #expect(error == .tooManyPages(call: "GET \(server.url)/assignment/accounts", pages: 25, entries: 25))
    #expect("\(error!)".contains("still offered more after 25 pages (25 entries)"))
    #expect("\(error!)".contains("CONE_SHELL_MAX_PAGES"))
    #expect(server.requests == 25)
  }

  @Test func aRepeatedPageTokenStopsAtOnce() async throws {
    let server = try HostileTestServer(.endlessPages(list: "roleList", tokenField: "nextToken", repeatToken: true))
    defer { server.stop() }
    let http = transport()
    defer { Task { await http.shutdown() } }
    let portal = SSOPortalClient(settings: settings(server), transport: http, redactor: Redactor())
    let error = await #expect(throws: PageLimitError.self) {
      _ = try await portal.roles(accountID: "111111111111", accessToken: "t")
    }
    #expect(error == .repeatedToken(call: "GET \(server.url)/assignment/roles", page: 2))
    #expect(server.requests == 2)
  }

  @Test func pageCursorCountsAndStops() throws {
    var cursor = PageCursor(call: "GET x", limit: 3)
    #expect(try cursor.next(after: "a", entries: 1) == "a")
    #expect(try cursor.next(after: "", entries: 2) == nil)
    var again = PageCursor(call: "GET x", limit: 3)
    _ = try again.next(after: "a", entries: 1)
    _ = try again.next(after: "b", entries: 2)
    #expect(throws: PageLimitError.tooManyPages(call: "GET x", pages: 3, entries: 3)) {
      _ = try again.next(after: "c", entries: 3)
    }
    // The last page may end the listing at the limit.
    var last = PageCursor(call: "GET x", limit: 2)
    _ = try last.next(after: "a", entries: 1)
    #expect(try last.next(after: nil, entries: 2) == nil)
  }

  /// Waits up to 10 s for the server to notice what the client did.
  private func waitUntil(_ condition: () -> Bool) async throws {
    for _ in 0..<200 where !condition() { try await Task.sleep(for: .milliseconds(50)) }
    #expect(condition())
  }

  private func settings(_ server: HostileTestServer) -> SSOSettings {
    SSOSettings(
      startURL: "https://example.awsapps.com/start", region: "us-east-1",
      environment: Environment(["AWS_ENDPOINT_URL_SSO": server.url, "AWS_ENDPOINT_URL_SSO_OIDC": server.url]))
  }
}
