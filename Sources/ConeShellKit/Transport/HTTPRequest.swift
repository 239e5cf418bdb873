/// One HTTP request as the clients describe it to the transport.
public struct HTTPRequest: Sendable {
  public enum Method: String, Sendable {
    case get = "GET", post = "POST", put = "PUT", delete = "DELETE", head = "HEAD"
  }

  public var method: Method
  public var url: String
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]?
  /// Whether sending it twice has the same effect as once. Only such requests are
  /// retried after a failure whose outcome is unknown (a timeout, a dropped
  /// connection, a 5xx); anything else is retried only when it surely did not run.
  public var isIdempotent: Bool

  public init(
    _ method: Method, _ url: String, headers: [(name: String, value: String)] = [],
    body: [UInt8]? = nil, isIdempotent: Bool? = nil
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.isIdempotent = isIdempotent ?? (method == .get || method == .head || method == .put || method == .delete)
  }

  /// The request with a header added.
  public func adding(header name: String, _ value: String) -> HTTPRequest {
    var copy = self
    copy.headers.append((name, value))
    return copy
  }

  /// `METHOD url-without-query`, for messages: queries can carry identifiers that
  /// have no place in an error.
  public var summary: String {
    let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    return "\(method.rawValue) \(path)"
  }
}

/// The status, headers and whole body of a response.
public struct HTTPResponse: Sendable {
  public var status: Int
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]

  public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The first header of that name, compared case-insensitively.
  public func header(_ name: String) -> String? {
    let lowered = name.lowercased()
    return headers.first { $0.name.lowercased() == lowered }?.value
  }

  public var text: String { String(decoding: body, as: UTF8.self) }

  public var isSuccess: Bool { (200..<300).contains(status) }
}
