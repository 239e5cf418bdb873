import Hummingbird

/// An error in the shape of whichever service the path belongs to: for injected status
/// faults, unknown routes and Hummingbird's own errors.
struct ServiceError: Error, HTTPResponseError {
  let service: SandboxService
  let status: HTTPResponse.Status
  let message: String

  func response(from request: Request, context: some RequestContext) throws -> Response {
    switch service {
    case .c1:
      return try C1Error(grpcCode, message).withStatus(status).response(from: request, context: context)
    case .sso:
      return try AWSError(service: .portal, status: status, type: awsType, message: message)
        .response(from: request, context: context)
    case .ssoOIDC:
      let error = status.code >= 500 ? "server_error" : status.code == 429 ? "slow_down" : "invalid_request"
      return try AWSError(service: .oidc(error: error), status: status, type: awsType, message: message)
        .response(from: request, context: context)
    case .sts:
      return STSError(status: status, code: stsCode, message: message).response()
    case .admin, .page:
      return SandboxResponse.bytes(Array("\(status.code) \(message)\n".utf8), status: status, contentType: "text/plain; charset=utf-8")
    }
  }

  private var grpcCode: C1Error.Code {
    switch status.code {
    case 400: .invalidArgument
    case 401: .unauthenticated
    case 403: .permissionDenied
    case 404: .notFound
    case 409: .alreadyExists
    case 501: .unimplemented
    case 503: .unavailable
    default: .internalError
    }
  }

  private var awsType: String {
    switch status.code {
    case 400: "InvalidRequestException"
    case 401: "UnauthorizedException"
    case 403: "ForbiddenException"
    case 404: "ResourceNotFoundException"
    case 429: "TooManyRequestsException"
    case 503: "ServiceUnavailableException"
    default: "InternalServerException"
    }
  }

  private var stsCode: String {
    switch status.code {
    case 400: "InvalidAction"
    case 403: "AccessDenied"
    case 404: "InvalidAction"
    case 429: "Throttling"
    case 503: "ServiceUnavailable"
    default: "InternalFailure"
    }
  }
}
