import Hummingbird
import Logging

/// Records every request (method, path, matched route, status, service) and logs one line
/// to stderr. Paths only: queries and bodies may carry secrets.
struct RequestLogMiddleware: RouterMiddleware {
  typealias Context = SandboxRequestContext

  let log: RequestLog
  let logger: Logger

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let path = request.uri.path
    let service = SandboxService(path: path)
    func record(_ status: Int) {
      let matched = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 }
      log.record(.init(
        method: request.method.rawValue, path: path, route: matched ?? path, status: status, service: service))
      logger.info("\(request.method.rawValue) \(path) \(status == 0 ? "dropped" : String(status))")
    }
    do {
      let response = try await next(request, context)
      record(response.status.code)
      return response
    } catch is InjectedFault {
      record(0)
      throw InjectedFault.dropped
    } catch let error as any HTTPResponseError where error is HTTPError {
      // Hummingbird's own errors (no route, bad body) in the shape of the service asked.
      record(error.status.code)
      throw ServiceError(service: service, status: error.status, message: error.status.reasonPhrase)
    } catch let error as any HTTPResponseError {
      record(error.status.code)
      throw error
    } catch {
      record(500)
      throw ServiceError(service: service, status: .internalServerError, message: "internal error")
    }
  }
}
