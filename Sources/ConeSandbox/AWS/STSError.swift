import Foundation
import Hummingbird

/// An STS (query protocol) error: `<ErrorResponse><Error><Type>Sender</Type><Code>…`.
struct STSError: Error, HTTPResponseError, Equatable {
  let status: HTTPResponse.Status
  let code: String
  let message: String

  static let invalidToken = STSError(
    status: .forbidden, code: "InvalidClientTokenId", message: "The security token included in the request is invalid.")

  static let expiredToken = STSError(
    status: .badRequest, code: "ExpiredToken", message: "The security token included in the request is expired")

  static let signatureMismatch = STSError(
    status: .forbidden, code: "SignatureDoesNotMatch",
    message: "The request signature we calculated does not match the signature you provided. "
      + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")

  static let missingAuthentication = STSError(
    status: .forbidden, code: "MissingAuthenticationToken", message: "Request is missing Authentication Token")

  static func incomplete(_ message: String) -> STSError {
    STSError(status: .badRequest, code: "IncompleteSignature", message: message)
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    response()
  }

  func response() -> Response {
    let kind = status.code >= 500 ? "Receiver" : "Sender"
    let xml = """
      <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
        <Error>
          <Type>\(kind)</Type>
          <Code>\(XML.escape(code))</Code>
          <Message>\(XML.escape(message))</Message>
        </Error>
        <RequestId>\(UUID().uuidString.lowercased())</RequestId>
      </ErrorResponse>

      """
    return SandboxResponse.bytes(Array(xml.utf8), status: status, contentType: "text/xml")
  }
}

enum XML {
  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "'", with: "&apos;")
  }
}
