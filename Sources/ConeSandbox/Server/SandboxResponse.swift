import Foundation
import Hummingbird

/// Responses with a body, its type and its length: JSON for the APIs, XML for STS, HTML for
/// the device pages.
enum SandboxResponse {
  static func json(
    _ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
  ) throws -> Response {
    let data = try SandboxJSON.encode(value)
    return bytes(Array(data), status: status, contentType: "application/json", headers: headers)
  }

  static func bytes(
    _ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String, headers: HTTPFields = [:]
  ) -> Response {
    var fields = headers
    fields[.contentType] = contentType
    fields[.contentLength] = String(bytes.count)
    return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}
