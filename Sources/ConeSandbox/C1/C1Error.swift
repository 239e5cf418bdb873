import Hummingbird

/// A C1 API error as grpc-gateway writes it: a `google.rpc.Status` body
/// `{"code": <grpc code>, "message": …, "details": [Any…]}` with the mapped HTTP status.
struct C1Error: Error, HTTPResponseError, Equatable {
  enum Code: Int, Sendable {
    case invalidArgument = 3
    case notFound = 5
    case alreadyExists = 6
    case permissionDenied = 7
    case failedPrecondition = 9
    case unimplemented = 12
    case internalError = 13
    case unavailable = 14
    case unauthenticated = 16

    /// grpc-gateway v2's default mapping.
    var httpStatus: HTTPResponse.Status {
      switch self {
      case .invalidArgument, .failedPrecondition: .badRequest
      case .notFound: .notFound
      case .alreadyExists: .conflict
      case .permissionDenied: .forbidden
      case .unimplemented: .notImplemented
      case .internalError: .internalServerError
      case .unavailable: .serviceUnavailable
      case .unauthenticated: .unauthorized
      }
    }
  }

  let code: Code
  let message: String
  var details: [WireJSON] = []

  init(_ code: Code, _ message: String, details: [WireJSON] = []) {
    self.code = code
    self.message = message
    self.details = details
  }

  static func notFound(_ what: String) -> C1Error {
    C1Error(.notFound, "\(what) not found")
  }

  /// Set when the status is not the code's usual one (injected faults).
  private var statusOverride: HTTPResponse.Status?

  var status: HTTPResponse.Status { statusOverride ?? code.httpStatus }

  func withStatus(_ status: HTTPResponse.Status) -> C1Error {
    var copy = self
    copy.statusOverride = status
    return copy
  }

  private struct Body: Encodable {
    let code: Int
    let message: String
    let details: [WireJSON]
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    try SandboxResponse.json(Body(code: code.rawValue, message: message, details: details), status: status)
  }
}

/// An RFC 6749 error from `/auth/v1/token` and `/auth/v1/device_authorization`.
struct OAuthError: Error, HTTPResponseError, Equatable {
  let status: HTTPResponse.Status
  let error: String
  let description: String

  static func invalidClient(_ description: String) -> OAuthError {
    OAuthError(status: .unauthorized, error: "invalid_client", description: description)
  }

  static func invalidRequest(_ description: String) -> OAuthError {
    OAuthError(status: .badRequest, error: "invalid_request", description: description)
  }

  static func invalidGrant(_ description: String) -> OAuthError {
    OAuthError(status: .badRequest, error: "invalid_grant", description: description)
  }

  private struct Body: Encodable {
    let error: String
    let error_description: String
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    try SandboxResponse.json(Body(error: error, error_description: description), status: status)
  }
}
