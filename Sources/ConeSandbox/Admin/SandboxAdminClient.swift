import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The admin API over HTTP, for the `cone-sandbox` admin commands and for tests that run
/// the sandbox in another process.
public struct SandboxAdminClient: SandboxAdministering {
  public let baseURL: String
  /// A PEM certificate to trust, for a sandbox serving TLS with its own certificate.
  public let trustedCertificatePath: String?

  public init(baseURL: String, trustedCertificatePath: String? = nil) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.trustedCertificatePath = trustedCertificatePath
  }

  private struct Decision: Encodable {
    let `as`: String?
  }

  private struct DeviceRequest: Encodable {
    let code: String
    let `as`: String?
    let approve: Bool
  }

  private struct Advance: Encodable {
    let seconds: TimeInterval
  }

  private struct Empty: Encodable {}

  private struct ErrorBody: Decodable {
    let error: String
  }

  public func decideTask(_ number: Int, _ decision: ApprovalDecision, as user: String?) async throws -> TaskSummary {
    try await send(.POST, "/_sandbox/tasks/\(number)/\(decision.rawValue)", Decision(as: user))
  }

  public func decideDevice(_ codeOrURL: String, as user: String?, approve: Bool) async throws -> DeviceDecision {
    try await send(.POST, "/_sandbox/devices/decide", DeviceRequest(code: codeOrURL, as: user, approve: approve))
  }

  public func advanceClock(by seconds: TimeInterval) async throws -> ClockReading {
    try await send(.POST, "/_sandbox/clock/advance", Advance(seconds: seconds))
  }

  public func clock() async throws -> ClockReading {
    try await send(.GET, "/_sandbox/clock", Empty?.none)
  }

  public func addFault(_ fault: Fault) async throws -> Fault {
    try await send(.POST, "/_sandbox/faults", fault)
  }

  public func faults() async throws -> [Fault] {
    try await send(.GET, "/_sandbox/faults", Empty?.none)
  }

  public func clearFaults() async throws {
    let _: [Fault] = try await send(.DELETE, "/_sandbox/faults", Empty?.none)
  }

  public func requestLog() async throws -> RequestLogSnapshot {
    try await send(.GET, "/_sandbox/log", Empty?.none)
  }

  public func resetRequestLog() async throws {
    let _: RequestLogSnapshot = try await send(.DELETE, "/_sandbox/log", Empty?.none)
  }

  public func environment() async throws -> [EnvironmentVariable] {
    try await send(.GET, "/_sandbox/env", Empty?.none)
  }

  private func send<Reply: Decodable>(
    _ method: HTTPMethod, _ path: String, _ body: (some Encodable)?
  ) async throws -> Reply {
    var configuration = HTTPClient.Configuration()
    // AsyncHTTPClient retries a refused connection until this deadline: keep "not running" quick.
    configuration.timeout = .init(connect: .seconds(1), read: .seconds(60))
    if let trustedCertificatePath {
      var tls = TLSConfiguration.makeClientConfiguration()
      tls.trustRoots = .file(trustedCertificatePath)
      configuration.tlsConfiguration = tls
    }
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    do {
      let reply: Reply = try await send(method, path, body, with: client)
      try? await client.shutdown()
      return reply
    } catch {
      try? await client.shutdown()
      throw error
    }
  }

  private func send<Reply: Decodable>(
    _ method: HTTPMethod, _ path: String, _ body: (some Encodable)?, with client: HTTPClient
  ) async throws -> Reply {
    var request = HTTPClientRequest(url: baseURL + path)
    request.method = method
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: try SandboxJSON.encode(body)))
    }
    let response: HTTPClientResponse
    let bytes: ByteBuffer
    do {
      response = try await client.execute(request, timeout: .seconds(60))
      bytes = try await response.body.collect(upTo: 64 << 20)
    } catch {
      throw SandboxAdminError(
        status: 503, "no cone-sandbox answers at \(baseURL) (\(error)): start one with `cone-sandbox serve`")
    }
    let data = Data(bytes.readableBytesView)
    guard (200..<300).contains(response.status.code) else {
      let message = (try? SandboxJSON.decoder.decode(ErrorBody.self, from: data))?.error
        ?? "the sandbox answered \(response.status.code) \(String(decoding: data, as: UTF8.self))"
      throw SandboxAdminError(status: Int(response.status.code), message)
    }
    do {
      let decoder = JSONDecoder()
      decoder.dateDecodingStrategy = .iso8601WithOptionalFraction
      return try decoder.decode(Reply.self, from: data)
    } catch {
      throw SandboxAdminError(status: 502, "unexpected answer from \(baseURL): \(error)")
    }
  }
}

extension JSONDecoder.DateDecodingStrategy {
  /// RFC 3339 with or without fractional seconds, as the sandbox writes its times.
  static var iso8601WithOptionalFraction: Self {
    .custom { decoder in
      let text = try decoder.singleValueContainer().decode(String.self)
      for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = options
        if let date = formatter.date(from: text) { return date }
      }
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 time: \(text)"))
    }
  }
}
