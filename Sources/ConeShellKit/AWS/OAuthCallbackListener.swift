import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The loopback redirect URI of an authorization-code sign-in (RFC 8252 §7.3): an HTTP
/// listener on 127.0.0.1 only, on a port the system picks, bound before the browser
/// opens. It takes one answer, the first `GET /oauth/callback` that carries a code or an
/// error, checks its `state` against this sign-in's, and tells the browser what happened;
/// other requests get 404 and change nothing. `wait` is bounded, and `close` ends it.
public final class OAuthCallbackListener: Sendable {
  public enum Outcome: Sendable, Equatable {
    case code(String)
    /// The browser came back with `error` (`access_denied` when the person said no).
    case error(code: String, description: String?)
    /// The answer's `state` is not this sign-in's: an answer to another sign-in, or forged.
    case wrongState
  }

  public static let callbackPath = "/oauth/callback"

  public let port: Int
  private let channel: any Channel
  private let inbox: Inbox

  public var redirectURI: String { "http://127.0.0.1:\(port)\(Self.callbackPath)" }

  private init(port: Int, channel: any Channel, inbox: Inbox) {
    self.port = port
    self.channel = channel
    self.inbox = inbox
  }

  /// Starts listening on 127.0.0.1 on a free port. Each connection gets
  /// `connectionLifetime` to send its request and read the answer, so a local process
  /// that connects and stays silent holds nothing open.
  public static func start(
    expectedState: String, connectionLifetime: TimeAmount = .seconds(30)
  ) async throws -> OAuthCallbackListener {
    let inbox = Inbox()
    do {
      let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .serverChannelOption(.backlog, value: 16)
        .childChannelInitializer { channel in
          channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
            try channel.pipeline.syncOperations.addHandler(
              CallbackHandler(expectedState: expectedState, inbox: inbox, lifetime: connectionLifetime))
          }
        }
        .bind(host: "127.0.0.1", port: 0).get()
      guard let port = channel.localAddress?.port else {
        channel.close(promise: nil)
        throw SSOError.loopbackUnavailable(reason: "no port was assigned")
      }
      return OAuthCallbackListener(port: port, channel: channel, inbox: inbox)
    } catch let error as SSOError {
      throw error
    } catch {
      throw SSOError.loopbackUnavailable(reason: "\(error)")
    }
  }

  /// The answer, waiting at most `timeout` seconds; `progress` gets the seconds waited,
  /// about once a second. Ctrl-C (task cancellation) ends the wait.
  public func wait(timeout: Double, progress: @Sendable (Double) -> Void) async throws -> Outcome {
    let started = ContinuousClock.now
    var reported = -1.0
    while true {
      if let outcome = inbox.outcome.withLock({ $0 }) { return outcome }
      let elapsed = (ContinuousClock.now - started).inSeconds
      guard elapsed < timeout else { throw SSOError.signInTimedOut(seconds: Int(timeout)) }
      if elapsed.rounded(.down) > reported {
        reported = elapsed.rounded(.down)
        progress(reported)
      }
      try await Task.sleep(for: .milliseconds(100))
    }
  }

  /// Stops listening. Safe to call more than once.
  public func close() {
    channel.close(promise: nil)
  }

  /// The first outcome, shared by the connections' handlers.
  final class Inbox: Sendable {
    let outcome = Mutex<Outcome?>(nil)

    /// Records `outcome` when it is the first; false when an answer came before.
    func take(_ outcome: Outcome) -> Bool {
      self.outcome.withLock { current in
        guard current == nil else { return false }
        current = outcome
        return true
      }
    }
  }

  /// What the listener answers to a request target, and the outcome it brings, if any.
  static func answer(method: String, target: String, expectedState: String) -> (
    status: HTTPResponseStatus, message: String, outcome: Outcome?
  ) {
    let path = target.prefix { $0 != "?" && $0 != "#" }
    guard path == callbackPath else { return (.notFound, "There is nothing here.", nil) }
    guard method == "GET" else { return (.methodNotAllowed, "Only the browser's GET is expected here.", nil) }
    let query = target.firstIndex(of: "?").map { target[target.index(after: $0)...].prefix { $0 != "#" } } ?? ""
    let fields = OAuthQuery.parse(query)
    guard fields["code"] != nil || fields["error"] != nil else {
      return (.badRequest, "This address expects the answer of an AWS IAM Identity Center sign-in.", nil)
    }
    guard let state = fields["state"], constantTimeEqual(state, expectedState) else {
      return (
        .badRequest, "This answer does not belong to the sign-in cone-shell is waiting for, so it was refused. "
          + "Start the sign-in again in your terminal.", .wrongState
      )
    }
    if let error = fields["error"] {
      return (.ok, "The sign-in was not completed. You can close this window and return to your terminal.",
              .error(code: error, description: fields["error_description"]))
    }
    return (.ok, "Signed in. You can close this window and return to your terminal.", .code(fields["code"] ?? ""))
  }

  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
  }

  static func page(_ message: String) -> String {
    """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><title>cone-shell sign-in</title></head>
    <body style="font-family: system-ui, sans-serif; max-width: 34rem; margin: 3rem auto">
    <h1>AWS IAM Identity Center sign-in</h1>
    <p>\(message)</p>
    <p><small>cone-shell</small></p>
    </body></html>

    """
  }
}

/// One connection to the listener: reads a request, answers it, closes; a connection that
/// sends nothing is closed after its lifetime.
private final class CallbackHandler: ChannelInboundHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  private let expectedState: String
  private let inbox: OAuthCallbackListener.Inbox
  private let lifetime: TimeAmount
  private var head: HTTPRequestHead?

  init(expectedState: String, inbox: OAuthCallbackListener.Inbox, lifetime: TimeAmount) {
    self.expectedState = expectedState
    self.inbox = inbox
    self.lifetime = lifetime
  }

  func channelActive(context: ChannelHandlerContext) {
    let channel = context.channel
    context.eventLoop.scheduleTask(in: lifetime) { channel.close(promise: nil) }
    context.fireChannelActive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch Self.unwrapInboundIn(data) {
    case .head(let head): self.head = head
    case .body: break
    case .end:
      guard let head else { return }
      self.head = nil
      var (status, message, outcome) = OAuthCallbackListener.answer(
        method: head.method.rawValue, target: head.uri, expectedState: expectedState)
      if let outcome, !inbox.take(outcome) {
        (status, message) = (.conflict, "This sign-in was already answered. Return to your terminal.")
      }
      respond(context, status: status, html: OAuthCallbackListener.page(message))
    }
  }

  private func respond(_ context: ChannelHandlerContext, status: HTTPResponseStatus, html: String) {
    let body = Array(html.utf8)
    var headers = HTTPHeaders()
    headers.add(name: "Content-Type", value: "text/html; charset=utf-8")
    headers.add(name: "Content-Length", value: String(body.count))
    headers.add(name: "Cache-Control", value: "no-store")
    headers.add(name: "Connection", value: "close")
    context.write(Self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
    context.write(Self.wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
    let channel = context.channel
    context.writeAndFlush(Self.wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
  }
}
