import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, for the transport's
/// bounds: one thread per connection, every loop bounded, stopped by `stop()` (and
/// every connection ends by itself after `lifetime`).
final class HostileTestServer: @unchecked Sendable {
  enum Behaviour: Sendable {
    /// A 200 head announcing `length` bytes, then one byte every `every`.
    case drip(length: Int, every: Duration)
    /// A 200 head announcing `length` bytes, then all of them as fast as possible.
    case huge(length: Int)
    /// A chunked 200 of `length` bytes (no Content-Length to refuse up front).
    case hugeChunked(length: Int)
    /// JSON `{"<list>":[{…}],"<token field>":"<fresh or same token>"}` for every request.
    case endlessPages(list: String, tokenField: String, repeatToken: Bool)
    /// A plain JSON answer.
    case json(String)
  }

  let port: Int
  private let listener: Int32
  private let behaviour: Behaviour
  private let lifetime: Double
  private let lock = NSLock()
  private var stopped = false
  private var requestCount = 0
  private var leftMidDrip = 0

  init(_ behaviour: Behaviour, lifetime: Double = 20) throws {
    self.behaviour = behaviour
    self.lifetime = lifetime
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard listener >= 0 else { throw POSIXError(.EIO) }
    var yes: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
    }
    self.listener = listener
    port = Int(UInt16(bigEndian: address.sin_port))
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  var url: String { "http://127.0.0.1:\(port)" }

  var requests: Int { lock.withLock { requestCount } }

  /// Clients that hung up while a body was still dripping: they gave up on their own.
  var clientsThatLeftMidDrip: Int { lock.withLock { leftMidDrip } }

  func stop() {
    lock.withLock { stopped = true }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  private var isStopped: Bool { lock.withLock { stopped } }

  private func acceptLoop() {
    // At most 10,000 connections: a test that needs more has gone wrong.
    for _ in 0..<10_000 {
      let connection = accept(listener, nil, nil)
      guard connection >= 0, !isStopped else { return }
      var timeout = timeval(tv_sec: 1, tv_usec: 0)
      setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      Thread { [self] in serve(connection) }.start()
    }
  }

  private func serve(_ connection: Int32) {
    defer { close(connection) }
    let started = Date()
    // Up to 100 requests on one keep-alive connection.
    for _ in 0..<100 {
      guard readRequest(connection) else { return }
      let number = lock.withLock { requestCount += 1; return requestCount }
      switch behaviour {
      case .drip(let length, let every):
        guard send(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n\r\n") else { return }
        for _ in 0..<length {
          guard !isStopped, Date().timeIntervalSince(started) < lifetime else { return }
          Thread.sleep(forTimeInterval: Double(every.components.attoseconds) / 1e18 + Double(every.components.seconds))
          guard send(connection, " ") else {
            lock.withLock { leftMidDrip += 1 }
            return
          }
        }
      case .huge(let length):
        guard send(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n\r\n") else { return }
        streamZeros(connection, length, started: started)
        return
      case .hugeChunked(let length):
        guard send(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n") else { return }
        let chunk = 1 << 16
        var left = length
        while left > 0, !isStopped, Date().timeIntervalSince(started) < lifetime {
          let size = min(chunk, left)
          guard send(connection, String(size, radix: 16) + "\r\n"), send(bytes: [UInt8](repeating: 32, count: size), connection),
            send(connection, "\r\n")
          else { return }
          left -= size
        }
        _ = send(connection, "0\r\n\r\n")
        return
      case .endlessPages(let list, let tokenField, let repeatToken):
        let token = repeatToken ? "same" : "page-\(number)"
        respond(connection, #"{"\#(list)":[{"accountId":"\#(number)","roleName":"r\#(number)"}],"\#(tokenField)":"\#(token)"}"#)
      case .json(let body):
        respond(connection, body)
      }
    }
  }

  private func respond(_ connection: Int32, _ body: String) {
    _ = send(
      connection,
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
  }

  private func streamZeros(_ connection: Int32, _ length: Int, started: Date) {
    let block = [UInt8](repeating: 32, count: 1 << 16)
    var left = length
    while left > 0, !isStopped, Date().timeIntervalSince(started) < lifetime {
      let size = min(block.count, left)
      guard send(bytes: Array(block[0..<size]), connection) else { return }
      left -= size
    }
  }

  /// Reads one request head and its Content-Length body; false when the client left.
  private func readRequest(_ connection: Int32) -> Bool {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while received.count < 1 << 20 {
      let count = recv(connection, &buffer, buffer.count, 0)
      guard count > 0 else { return false }
      received += buffer[0..<count]
      guard let end = headEnd(received) else { continue }
      let head = String(decoding: received[..<end], as: UTF8.self).lowercased()
      let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
        .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
      var body = received.count - end - 4
      while body < length {
        let more = recv(connection, &buffer, buffer.count, 0)
        guard more > 0 else { return false }
        body += more
      }
      return true
    }
    return false
  }

  private func headEnd(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
      return index
    }
    return nil
  }

  private func send(_ connection: Int32, _ text: String) -> Bool {
    send(bytes: Array(text.utf8), connection)
  }

  private func send(bytes: [UInt8], _ connection: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      guard sent > 0 else { return false }
      offset += sent
    }
    return true
  }
}
