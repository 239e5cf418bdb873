import Foundation

/// A fault the sandbox injects into the next `count` requests whose path matches `path` (a
/// glob: `*` also crosses slashes) and, if given, whose method is `method`.
public struct Fault: Sendable, Equatable, Codable {
  public enum Action: Sendable, Equatable {
    /// Answers this HTTP status with the service's error body, without handling the request.
    case status(Int)
    /// Closes the connection without answering.
    case drop
    /// Handles the request, sends the headers with the full Content-Length, then part of
    /// the body, and closes the connection.
    case truncate
    /// Waits this many seconds before handling the request.
    case latency(TimeInterval)
  }

  public var id: Int?
  public var path: String
  public var method: String?
  public var action: Action
  /// Requests still to be hit.
  public var count: Int

  public init(path: String, method: String? = nil, action: Action, count: Int = 1) {
    self.path = path
    self.method = method?.uppercased()
    self.action = action
    self.count = count
  }

  public func matches(method: String, path: String) -> Bool {
    (self.method.map { $0 == method.uppercased() } ?? true) && Glob(self.path).matches(path)
  }

  public var summary: String {
    let target = "\(method ?? "*") \(path)"
    let effect: String
    switch action {
    case .status(let code): effect = "answer \(code)"
    case .drop: effect = "drop the connection"
    case .truncate: effect = "truncate the body"
    case .latency(let seconds): effect = "add \(DurationText.short(seconds)) latency"
    }
    return "#\(id ?? 0) \(target): \(effect), \(count) more time\(count == 1 ? "" : "s")"
  }

  // JSON: {"id", "path", "method", "count"} plus one of "status", "drop", "truncate", "latency" (seconds).
  private enum CodingKeys: String, CodingKey { case id, path, method, count, status, drop, truncate, latency }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decodeIfPresent(Int.self, forKey: .id)
    path = try container.decode(String.self, forKey: .path)
    method = try container.decodeIfPresent(String.self, forKey: .method)?.uppercased()
    count = try container.decodeIfPresent(Int.self, forKey: .count) ?? 1
    if let status = try container.decodeIfPresent(Int.self, forKey: .status) {
      action = .status(status)
    } else if try container.decodeIfPresent(Bool.self, forKey: .drop) == true {
      action = .drop
    } else if try container.decodeIfPresent(Bool.self, forKey: .truncate) == true {
      action = .truncate
    } else if let latency = try container.decodeIfPresent(Double.self, forKey: .latency) {
      action = .latency(latency)
    } else {
      throw DecodingError.dataCorrupted(.init(
        codingPath: decoder.codingPath, debugDescription: "a fault needs one of status, drop, truncate or latency"))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(id, forKey: .id)
    try container.encode(path, forKey: .path)
    try container.encodeIfPresent(method, forKey: .method)
    try container.encode(count, forKey: .count)
    switch action {
    case .status(let code): try container.encode(code, forKey: .status)
    case .drop: try container.encode(true, forKey: .drop)
    case .truncate: try container.encode(true, forKey: .truncate)
    case .latency(let seconds): try container.encode(seconds, forKey: .latency)
    }
  }
}
