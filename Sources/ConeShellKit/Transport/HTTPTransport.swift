import AsyncHTTPClient
import ConeShellBase
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// The one HTTP client of cone-shell: timeouts, retries with jittered backoff,
/// Retry-After, proxies from the environment, extra CA roots from SSL_CERT_FILE, a
/// User-Agent naming cone-shell, and a redacted `--debug` trace.
///
/// The underlying client (and its threads) is created on the first request, so
/// commands that answer from caches never pay for it. Call `shutdown()` when done.
public final class HTTPTransport: Sendable {
  public struct Configuration: Sendable {
    public var connectTimeout: Duration = .seconds(10)
    /// The one deadline of an exchange: connecting, sending and the whole response,
    /// body included. A server dripping its answer a byte at a time ends here.
    public var timeout: Duration = Self.defaultTimeout
    public var retry = RetryPolicy()
    public var userAgent = "cone-shell/\(ConeShellVersion.current)"
    /// A PEM file of CA certificates trusted in addition to the system's.
    public var additionalCAFile: String?
    public var proxies: ProxySettings
    /// The most of a response body read; the largest real answer (a catalog page of
    /// 100 entitlements with their expansions) is well under 1 MiB.
    public var maxResponseBytes = 32 << 20
    /// The most pages one listing follows (`PageCursor`).
    public var maxPages = PageCursor.defaultLimit
    /// Settings from the environment that could not be used as written, for `--debug`.
    public var notes: [String] = []

    public init(environment: Environment) {
      proxies = ProxySettings(environment: environment)
      additionalCAFile = environment["SSL_CERT_FILE"]
      if let text = environment["CONE_SHELL_HTTP_TIMEOUT"] {
        let (timeout, note) = Self.timeout(parsing: text)
        if let timeout { self.timeout = timeout }
        if let note { notes.append("CONE_SHELL_HTTP_TIMEOUT=\(text): \(note)") }
      }
      if let text = environment["CONE_SHELL_MAX_PAGES"] {
        let (pages, note) = PageCursor.limit(parsing: text)
        if let pages { maxPages = pages }
        if let note { notes.append("CONE_SHELL_MAX_PAGES=\(text): \(note)") }
      }
    }

    public static let defaultTimeout: Duration = .seconds(30)
    /// The shortest and longest exchange deadline CONE_SHELL_HTTP_TIMEOUT may set.
    public static let timeoutBounds: ClosedRange<Double> = 0.1...3600

    /// CONE_SHELL_HTTP_TIMEOUT in seconds: clamped into `timeoutBounds` (`inf` waits the
    /// longest), nil when it is no positive number; the note says what was done.
    public static func timeout(parsing text: String) -> (Duration?, note: String?) {
      guard let seconds = Double(text.trimmingSpaces), !seconds.isNaN, seconds > 0 else {
        return (nil, "not a positive number of seconds; using \(TransportError.spell(defaultTimeout))")
      }
      let clamped = min(max(seconds, timeoutBounds.lowerBound), timeoutBounds.upperBound)
      let duration = Duration.milliseconds(Int64((clamped * 1000).rounded()))
      return (duration, clamped == seconds ? nil : "out of range; using \(TransportError.spell(duration))")
    }
  }

  public let configuration: Configuration
  private let log: DebugLog
  private let clients = Mutex<[ProxySettings.Proxy?: HTTPClient]>([:])

  public init(configuration: Configuration, log: DebugLog) {
    self.configuration = configuration
    self.log = log
    for note in configuration.notes { log(note) }
  }

  /// Sends `request`, retrying what is safe to retry, and returns the final response,
  /// whatever its status, unless that status is one worth retrying and the attempts
  /// ran out (then `TransportError.unavailable`).
  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    guard let parts = URLParts(request.url) else {
      throw TransportError.invalidURL(request.url, reason: "not an absolute http(s) URL")
    }
    guard parts.scheme == "https" || parts.isLoopback else {
      throw TransportError.invalidURL(
        request.url, reason: "plain http is only allowed to this machine (localhost); use https")
    }
    let client = try self.client(for: configuration.proxies.proxy(scheme: parts.scheme, host: parts.host))
    let policy = configuration.retry
    var attempt = 0
    while true {
      attempt += 1
      let started = ContinuousClock.now
      do {
        let response = try await execute(request, on: client)
        log("\(request.summary) → \(response.status) (\(milliseconds(since: started)) ms, attempt \(attempt))")
        guard RetryPolicy.isRetryable(status: response.status) else { return response }
        // A 429 means the request was refused unprocessed, so any request may retry it.
        let retryable = request.isIdempotent || response.status == 429
        guard retryable, attempt < policy.maxAttempts else {
          if retryable || response.status == 429 {
            throw TransportError.unavailable(
              request: request.summary, status: response.status, attempts: attempt, body: response.text)
          }
          return response
        }
        let pause = policy.delay(
          afterAttempt: attempt, retryAfter: RetryPolicy.retryAfter(response.header("Retry-After")))
        log("\(request.summary): retrying in \(milliseconds(pause)) ms")
        try await Task.sleep(for: pause)
      } catch let failure as Failure {
        log("\(request.summary) ✗ \(failure.reason) (\(milliseconds(since: started)) ms, attempt \(attempt))")
        let retryable = request.isIdempotent || failure.surelyNotSent
        guard retryable, attempt < policy.maxAttempts, !failure.isPermanent else {
          throw failure.error(request: request, host: parts.hostAndPort, attempts: attempt)
        }
        try await Task.sleep(for: policy.delay(afterAttempt: attempt))
      }
    }
  }

  /// Shuts the underlying clients down; safe to call when none was created.
  public func shutdown() async {
    let all = clients.withLock { clients in
      defer { clients.removeAll() }
      return Array(clients.values)
    }
    for client in all { try? await client.shutdown() }
  }

  // MARK: - Private

  private func client(for proxy: ProxySettings.Proxy?) throws -> HTTPClient {
    try clients.withLock { clients in
      if let existing = clients[proxy] { return existing }
      var tls = TLSConfiguration.makeClientConfiguration()
      if let file = configuration.additionalCAFile {
        guard FileSystem.exists(file) else {
          throw TransportError.invalidURL(file, reason: "SSL_CERT_FILE names a file that does not exist")
        }
        tls.additionalTrustRoots = [.file(file)]
      }
      var settings = HTTPClient.Configuration(
        tlsConfiguration: tls,
        redirectConfiguration: .disallow,
        // The exchange's own deadline (in `execute`) bounds everything; these only end
        // a stalled connect or read sooner, never later.
        timeout: .init(
          connect: .milliseconds(Int64(milliseconds(min(configuration.connectTimeout, configuration.timeout)))),
          read: .milliseconds(Int64(milliseconds(configuration.timeout)))),
        proxy: proxy.map { proxy in
          .server(
            host: proxy.host, port: proxy.port,
            authorization: proxy.credentials.map { credentials in
              let parts = credentials.split(separator: ":", maxSplits: 1).map(String.init)
              return .basic(username: parts[0].removingPercentEncoding, password: parts.count > 1 ? parts[1].removingPercentEncoding : "")
            })
        },
        decompression: .enabled(limit: .ratio(100)))
      settings.httpVersion = .http1Only
      // `send` decides what is retried and how often; the client's own reconnecting
      // would turn a refused connection or an untrusted certificate into a wait for the
      // whole connect timeout, three times over.
      settings.connectionPool.retryConnectionEstablishment = false
      let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
      clients[proxy] = client
      return client
    }
  }

  /// One exchange under one deadline, from connecting to the last byte of the body:
  /// AsyncHTTPClient's own deadline ends at the response head, and its read timeout
  /// restarts with every byte, so a server dripping its body would hold us forever.
  private func execute(_ request: HTTPRequest, on client: HTTPClient) async throws(Failure) -> HTTPResponse {
    var outgoing = HTTPClientRequest(url: request.url)
    outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
    outgoing.headers.add(name: "User-Agent", value: configuration.userAgent)
    for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
    if let body = request.body {
      outgoing.body = .bytes(ByteBuffer(bytes: body))
    }
    let prepared = outgoing
    let limit = configuration.timeout
    let maxBytes = configuration.maxResponseBytes
    do {
      return try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
        group.addTask {
          let response = try await client.execute(prepared, deadline: .now() + .milliseconds(Int64(self.milliseconds(limit))))
          var buffer = try await response.body.collect(upTo: maxBytes)
          // A body cut short by cancellation reads as complete: never hand it on.
          try Task.checkCancellation()
          return HTTPResponse(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: buffer.readBytes(length: buffer.readableBytes) ?? [])
        }
        group.addTask {
          try await Task.sleep(for: limit)
          throw DeadlineExceeded()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeadlineExceeded() }
        return first
      }
    } catch {
      throw Failure(error, limit: limit, maxBytes: maxBytes)
    }
  }

  private func milliseconds(since start: ContinuousClock.Instant) -> Int {
    milliseconds(ContinuousClock.now - start)
  }

  private func milliseconds(_ duration: Duration) -> Int {
    Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
  }
}

/// The exchange's deadline passed before the whole answer was in.
private struct DeadlineExceeded: Error {}

/// A failed exchange, classified: was the request surely never sent (safe to retry
/// anything), is retrying pointless (TLS trust, an oversized answer), and how to say it.
private struct Failure: Error {
  var reason: String
  var surelyNotSent = false
  var isPermanent = false
  var isConnect = false
  var isTLS = false
  /// The exchange's deadline (or a read timeout, which is never longer) ran out.
  var isDeadline = false
  var isTooLarge = false
  let limit: Duration
  let maxBytes: Int

  init(_ error: any Error, limit: Duration, maxBytes: Int) {
    self.limit = limit
    self.maxBytes = maxBytes
    let text = String(describing: error)
    switch error {
    case is DeadlineExceeded:
      reason = "no complete answer in time"
      isDeadline = true
    case is NIOTooManyBytesError:
      reason = "the answer is too large"
      isTooLarge = true
      isPermanent = true
    case let error as HTTPClientError where error == .connectTimeout:
      reason = "connection timed out"
      surelyNotSent = true
      isConnect = true
    case let error as HTTPClientError where error == .readTimeout || error == .deadlineExceeded:
      reason = "no complete answer in time"
      isDeadline = true
    case let error as HTTPClientError where error == .remoteConnectionClosed:
      reason = "the connection was closed before the answer was complete"
    case let error as HTTPClientError where error == .bodyLengthMismatch:
      reason = "the answer was cut short"
    case is NIOConnectionError:
      reason = text.contains("refused") || text.contains("111") ? "connection refused" : "cannot connect"
      surelyNotSent = true
      isConnect = true
    case is ChannelError:
      reason = "connection failed (\(text))"
      surelyNotSent = text.contains("connectTimeout")
      isConnect = surelyNotSent
    case is NIOSSLError, is BoringSSLError:
      reason = text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate")
        ? "certificate verify failed" : "TLS handshake failed: \(text)"
      isPermanent = true
      isTLS = true
      surelyNotSent = true
    default:
      if String(reflecting: type(of: error)).contains("DecompressionError") {
        // A compressed answer that inflates past its limit.
        reason = "the answer is too large"
        isTooLarge = true
        isPermanent = true
      } else if text.contains("refused") {
        reason = "connection refused"
        surelyNotSent = true
        isConnect = true
      } else if text.lowercased().contains("eof") || text.contains("reset") || text.contains("closed") {
        reason = "the connection was closed before the answer was complete"
      } else {
        reason = text
      }
    }
  }

  func error(request: HTTPRequest, host: String, attempts: Int) -> TransportError {
    if isTLS { return .untrustedCertificate(host: host, reason: reason) }
    if isConnect { return .cannotConnect(request: request.summary, host: host, reason: reason, attempts: attempts) }
    if isDeadline { return .deadlineExceeded(request: request.summary, host: host, limit: limit, attempts: attempts) }
    if isTooLarge { return .responseTooLarge(request: request.summary, host: host, limit: maxBytes) }
    return .noResponse(request: request.summary, reason: reason, attempts: attempts)
  }
}

extension String {
  /// Percent-decoding for proxy credentials; malformed escapes are kept as written.
  var removingPercentEncoding: String {
    var bytes: [UInt8] = []
    var iterator = Array(utf8)[...]
    while let byte = iterator.popFirst() {
      if byte == UInt8(ascii: "%"), iterator.count >= 2,
        let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        iterator = iterator.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
