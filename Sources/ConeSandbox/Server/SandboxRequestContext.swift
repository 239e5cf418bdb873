import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the connection, which faults need
/// to drop or cut short.
struct SandboxRequestContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  let channel: any Channel

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    channel = source.channel
  }
}

extension Request {
  /// The whole body (requests here are small; 1 MiB is plenty).
  func bodyBytes() async throws -> [UInt8] {
    let buffer = try await body.collect(upTo: 1 << 20)
    return Array(buffer.readableBytesView)
  }

  func bodyText() async throws -> String {
    String(decoding: try await bodyBytes(), as: UTF8.self)
  }

  /// A query parameter, percent-decoded.
  func query(_ name: String) -> String? {
    uri.queryParameters[name[...]].map(String.init)
  }

  /// `scheme://host:port` as the client addressed the server (for URLs handed out).
  func origin(scheme: String, fallbackHost: String) -> String {
    "\(scheme)://\(head.authority ?? fallbackHost)"
  }

  /// The host the client addressed, without port (the JWT audience).
  var hostWithoutPort: String? {
    guard let authority = head.authority else { return nil }
    if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
      return String(authority[authority.index(after: authority.startIndex)..<end])
    }
    return String(authority.split(separator: ":", maxSplits: 1).first ?? Substring(authority))
  }
}
