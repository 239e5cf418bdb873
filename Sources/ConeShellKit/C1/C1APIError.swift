#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The grpc-gateway error body (`google.rpc.Status`): `{code, message, details}`.
struct C1APIError: Decodable {
  struct Detail: Decodable {
    var type: String?
    var id: String?
    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case id
    }
  }

  var code: Int?
  var message: String?
  var details: [Detail]?

  /// Maps an error response to what it means for the person, keyed on the gRPC code
  /// and, for duplicates, on the message and the TaskRef detail rather than the HTTP
  /// status (docs/c1-api.md §9: the real status is unknown).
  static func error(for response: HTTPResponse, request: HTTPRequest, server: String) -> C1Error {
    let body = try? JSONDecoder().decode(C1APIError.self, from: Data(response.body))
    let message = body?.message ?? ""
    if message.contains("duplicate ticket found"),
      let id = body?.details?.first(where: { $0.type?.hasSuffix("TaskRef") == true })?.id
    {
      return .duplicateRequest(taskID: id, message: message)
    }
    switch body?.code ?? grpcCode(forStatus: response.status) {
    case 16: return .unauthenticated(server: server, detail: message.isEmpty ? "HTTP \(response.status)" : message)
    case 7: return .permissionDenied(request: request.summary, message: message)
    case 5: return .notFound(request: request.summary, message: message)
    case 3, 11: return .invalidArgument(message: message.isEmpty ? "HTTP \(response.status)" : message)
    case 9: return .failedPrecondition(message: message.isEmpty ? "HTTP \(response.status)" : message)
    default:
      let shown = message.isEmpty ? String(response.text.prefix(200)) : message
      return .server(request: request.summary, status: response.status, message: shown)
    }
  }

  private static func grpcCode(forStatus status: Int) -> Int {
    switch status {
    case 400: 3
    case 401: 16
    case 403: 7
    case 404: 5
    case 409: 6
    case 412: 9
    default: 2
    }
  }
}
