import Foundation
import Hummingbird

/// Responses with a JSON body, `Content-Type: application/json` and a length.
enum JSONResponse {
  static func make(
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
