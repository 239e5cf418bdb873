import Foundation
import Hummingbird
import NIOCore

/// Thrown after a connection has been closed on purpose.
enum InjectedFault: Error {
  case dropped
}

/// Applies the fault plan to the services' routes (never to admin routes).
struct FaultMiddleware: RouterMiddleware {
  typealias Context = SandboxRequestContext

  let faults: FaultPlan

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let path = request.uri.path
    guard let action = faults.take(method: request.method.rawValue, path: path) else {
      return try await next(request, context)
    }
    switch action {
    case .latency(let seconds):
      try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
      return try await next(request, context)
    case .status(let code):
      let status = HTTPResponse.Status(code: code)
      throw ServiceError(service: SandboxService(path: path), status: status, message: "injected fault: \(code)")
    case .drop:
      try? await context.channel.close()
      throw InjectedFault.dropped
    case .truncate:
      let response: Response
      do {
        response = try await next(request, context)
      } catch let error as any HTTPResponseError {
        // Error answers are cut short too.
        response = try error.response(from: request, context: context)
      }
      return try await truncated(response, channel: context.channel)
    }
  }

  /// The same head, full Content-Length included, but only half the body before the
  /// connection closes.
  private func truncated(_ response: Response, channel: any Channel) async throws -> Response {
    let collector = BodyCollector()
    try await response.body.write(collector)
    let bytes = collector.storage.buffer
    var head = response
    head.headers[.contentLength] = String(bytes.readableBytes)
    let part = bytes.getSlice(at: bytes.readerIndex, length: bytes.readableBytes / 2) ?? ByteBuffer()
    head.body = ResponseBody(contentLength: bytes.readableBytes) { writer in
      try await writer.write(part)
      // Give the partial body time to leave before the close.
      try await Task.sleep(for: .milliseconds(50))
      try? await channel.close()
      throw InjectedFault.dropped
    }
    return head
  }
}

/// Gathers a response body into one buffer.
private struct BodyCollector: ResponseBodyWriter {
  final class Storage {
    var buffer = ByteBuffer()
  }

  let storage = Storage()

  mutating func write(_ part: ByteBuffer) async throws {
    var part = part
    storage.buffer.writeBuffer(&part)
  }

  consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
