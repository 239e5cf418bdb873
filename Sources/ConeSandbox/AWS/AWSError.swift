import Foundation
import Hummingbird

/// An error of a restJson1 AWS service as botocore reads it: the `x-amzn-ErrorType` header
/// names the exception, the body carries the message.
struct AWSError: Error, HTTPResponseError, Equatable {
  enum Service: Sendable, Equatable {
    /// SSO portal: `{"message", "__type": "com.amazonaws.switchboard.portal#…"}`.
    case portal
    /// SSO OIDC: `{"error", "error_description"}` (OAuth codes).
    case oidc(error: String)
  }

  let service: Service
  let status: HTTPResponse.Status
  let type: String
  let message: String

  // MARK: Portal

  static func forbidden() -> AWSError {
    AWSError(service: .portal, status: .forbidden, type: "ForbiddenException", message: "No access")
  }

  static func unauthorized() -> AWSError {
    AWSError(
      service: .portal, status: .unauthorized, type: "UnauthorizedException",
      message: "Session token not found or invalid")
  }

  static func invalidRequest(_ message: String) -> AWSError {
    AWSError(service: .portal, status: .badRequest, type: "InvalidRequestException", message: message)
  }

  // MARK: OIDC

  static func oidc(_ type: String, _ error: String, _ message: String, status: HTTPResponse.Status = .badRequest) -> AWSError {
    AWSError(service: .oidc(error: error), status: status, type: type, message: message)
  }

  static func invalidClient(_ message: String) -> AWSError {
    oidc("InvalidClientException", "invalid_client", message, status: .unauthorized)
  }

  static func invalidOIDCRequest(_ message: String) -> AWSError {
    oidc("InvalidRequestException", "invalid_request", message)
  }

  static func invalidGrant(_ message: String) -> AWSError {
    oidc("InvalidGrantException", "invalid_grant", message)
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    var headers = HTTPFields()
    headers[.init("x-amzn-RequestId")!] = UUID().uuidString.lowercased()
    switch service {
    case .portal:
      headers[.init("x-amzn-ErrorType")!] = type
      return try SandboxResponse.json(
        ["message": message, "__type": "com.amazonaws.switchboard.portal#\(type)"], status: status, headers: headers)
    case .oidc(let error):
      // The real service appends the coral namespace; botocore cuts it at the colon.
      headers[.init("x-amzn-ErrorType")!] = "\(type):http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"
      return try SandboxResponse.json(["error": error, "error_description": message], status: status, headers: headers)
    }
  }
}
