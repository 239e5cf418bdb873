import Crypto
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct TimestampTests {
  @Test(arguments: [
    ("2026-11-22T19:04:31Z", 1_795_374_271.0),
    ("2026-11-22T19:04:31.5Z", 1_795_374_271.5),
    ("2026-11-22T19:04:31.123456789Z", 1_795_374_271.123456789),
    ("2026-11-22T20:04:31+01:00", 1_795_374_271.0),
    ("1970-01-01T00:00:00Z", 0.0),
    ("2000-02-29T12:00:00Z", 951_825_600.0),
  ])
  func parsesRFC3339(text: String, epoch: Double) {
    #expect(abs(Timestamp.parse(text)! - epoch) < 1e-6)
  }

  @Test(arguments: ["", "2026-11-22", "2026-11-22T19:04:31", "2026-13-01T00:00:00Z", "2026-11-22T19:04:31.Z", "x"])
  func rejectsOtherText(text: String) {
    #expect(Timestamp.parse(text) == nil)
  }

  @Test func formatsAsAWSToolsRead() {
    #expect(Timestamp.format(1_795_374_271.9) == "2026-11-22T19:04:31Z")
    #expect(Timestamp.format(0) == "1970-01-01T00:00:00Z")
    for epoch in stride(from: -86400.0 * 400, to: 86400.0 * 365 * 200, by: 86400.0 * 37 + 12345) {
      #expect(Timestamp.parse(Timestamp.format(epoch)) == epoch.rounded(.down))
    }
  }
}

@Suite struct Base64URLTests {
  @Test func roundTripsEveryLength() {
    for length in 0..<70 {
      let bytes = (0..<length).map { UInt8(($0 * 37 + 11) % 256) }
      let text = Base64URL.encode(bytes)
      #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
      #expect(Base64URL.decode(text) == bytes)
    }
  }

  @Test func acceptsPaddingAndRejectsGarbage() {
    #expect(Base64URL.decode("aGk=") == Array("hi".utf8))
    #expect(Base64URL.decode("a!b") == nil)
    #expect(Base64URL.decode("a") == nil)
  }
}

@Suite struct RedactorTests {
  @Test func removesRegisteredSecretsAndKnownShapes() {
    let redactor = Redactor()
    redactor.register("opaque-token-123456")
    redactor.register("short")
    let text = redactor.redact(
      "token opaque-token-123456 secret-token:conductorone.com:v1:eyJhIjoiYiJ9 key ASIAABCDEFGHIJKLMNOP jwt eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2ln short")
    #expect(!text.contains("opaque-token-123456"))
    #expect(!text.contains("eyJhIjoiYiJ9"))
    #expect(!text.contains("ASIAABCDEFGHIJKLMNOP"))
    #expect(!text.contains("eyJzdWIiOiJ4In0"))
    #expect(text.contains("short"))
  }
}

@Suite struct URLPartsTests {
  @Test func parsesHostsPortsAndLoopback() throws {
    let parts = try #require(URLParts("http://127.0.0.1:8443/api?x=1"))
    #expect(parts.host == "127.0.0.1" && parts.port == 8443 && parts.pathAndQuery == "/api?x=1" && parts.isLoopback)
    let v6 = try #require(URLParts("https://[::1]:9/"))
    #expect(v6.host == "::1" && v6.port == 9 && v6.isLoopback && v6.hostAndPort == "[::1]:9")
    #expect(URLParts("https://user:pw@proxy.example:3128")?.userInfo == "user:pw")
    #expect(URLParts("https://acme.conductor.one")?.isLoopback == false)
    #expect(URLParts("ftp://x") == nil)
    #expect(URLParts("https://h:99999") == nil)
  }
}

@Suite struct ProxySettingsTests {
  @Test func followsCurlRules() {
    let settings = ProxySettings(
      environment: Environment(["https_proxy": "http://u:p%40ss@proxy:3128", "NO_PROXY": "internal.example, .corp"]))
    #expect(settings.proxy(scheme: "https", host: "acme.conductor.one")?.host == "proxy")
    #expect(settings.proxy(scheme: "https", host: "acme.conductor.one")?.credentials == "u:p%40ss")
    #expect(settings.proxy(scheme: "https", host: "api.internal.example") == nil)
    #expect(settings.proxy(scheme: "https", host: "x.corp") == nil)
    #expect(settings.proxy(scheme: "https", host: "127.0.0.1") == nil)
    #expect(ProxySettings(environment: Environment(["HTTPS_PROXY": "p:1", "NO_PROXY": "*"])).proxy(scheme: "https", host: "a") == nil)
    #expect("p%40ss".removingPercentEncoding == "p@ss")
  }
}

@Suite struct RetryPolicyTests {
  @Test func backsOffWithJitterUnderTheCap() {
    let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1))
    for attempt in 1...10 {
      let delay = policy.delay(afterAttempt: attempt)
      #expect(delay <= .seconds(1))
      #expect(delay >= .milliseconds(1))
    }
    #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(2)) == .seconds(2))
    #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(999)) == policy.maxRetryAfter)
    #expect(RetryPolicy.retryAfter(" 3 ") == .seconds(3))
    #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
  }
}

@Suite struct ProgressLineTests {
  final class Recorder: @unchecked Sendable {
    var written: [String] = []
    var now = 1000.0
  }

  func progress(isTerminal: Bool, _ recorder: Recorder) -> ProgressLine {
    ProgressLine(isTerminal: isTerminal, write: { recorder.written.append($0) }, clock: { recorder.now })
  }

  @Test func inALogAPageByPageCountIsTheFirstLineAndTheLast() {
    let recorder = Recorder()
    let line = progress(isTerminal: false, recorder)
    for count in stride(from: 100, through: 10_000, by: 100) {
      line.update("Reading… \(count)")
      recorder.now += 0.02
    }
    line.finish()
    #expect(recorder.written == ["Reading… 100\n", "Reading… 10000\n"])
  }

  @Test func inALogASlowWaitPrintsAtMostOneLineEveryFewSeconds() {
    let recorder = Recorder()
    let line = progress(isTerminal: false, recorder)
    for second in 0...12 {
      line.update("Waiting… \(second)s")
      recorder.now += 1
    }
    line.finish()
    line.finish()
    #expect(recorder.written == ["Waiting… 0s\n", "Waiting… 5s\n", "Waiting… 10s\n", "Waiting… 12s\n"])
  }

  @Test func onATerminalEveryUpdateRewritesTheLineAndFinishClearsIt() {
    let recorder = Recorder()
    let line = progress(isTerminal: true, recorder)
    line.update("a")
    line.update("b")
    line.finish()
    #expect(recorder.written == ["\r\u{1B}[Ka", "\r\u{1B}[Kb", "\r\u{1B}[K"])
  }
}
