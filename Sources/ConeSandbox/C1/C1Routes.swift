import Foundation
import Hummingbird

/// The ConductorOne API subset cone and cone-shell use (docs/c1-api.md §3), on a tenant.
struct C1Routes {
  let tenant: Tenant
  /// `http` or `https`, for the URLs the API hands out.
  let scheme: String
  /// The host the server listens on: client assertions may name it as their audience.
  let listenHost: String

  var catalog: Catalog { tenant.catalog }

  func register(on router: RouterGroup<SandboxRequestContext>) {
    registerAuth(on: router)
    registerCatalog(on: router)
    registerTasks(on: router)
  }

  /// The user behind `Authorization: Bearer <token>`.
  func caller(_ request: Request) async throws(C1Error) -> CatalogUser {
    guard let header = request.headers[.authorization] else {
      throw C1Error(.unauthenticated, "missing Authorization header")
    }
    let parts = header.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "bearer", let user = await tenant.c1User(token: String(parts[1])) else {
      throw C1Error(.unauthenticated, "invalid or expired access token")
    }
    return user
  }

  func fields(_ request: Request) async throws -> RequestFields {
    try RequestFields(json: try await request.bodyBytes())
  }

  /// Where a page starts: the position in `pageToken`, or 0.
  func position(_ fields: RequestFields) throws(C1Error) -> Int {
    guard let token = fields.nonEmptyString("pageToken") else { return 0 }
    guard let position = PageToken.decode(token) else { throw C1Error(.invalidArgument, "invalid page token") }
    return position
  }
}
