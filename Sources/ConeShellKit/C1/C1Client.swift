#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The ConductorOne API calls cone-shell makes (docs/c1-api.md §3), typed, with pages
/// followed and errors mapped to `C1Error`.
public struct C1Client: Sendable {
  public let authenticator: C1Authenticator
  /// The account this client signs in as.
  public var account: C1Account { authenticator.account }
  /// The tenant this client talks to (also for links to its web pages).
  public let server: C1Server
  private let transport: HTTPTransport

  public init(authenticator: C1Authenticator, transport: HTTPTransport) {
    self.authenticator = authenticator
    self.transport = transport
    self.server = authenticator.account.server
  }

  // MARK: Identity

  public func introspect() async throws -> C1Introspection {
    try await call(.get, "/api/v1/auth/introspect")
  }

  /// The caller's user id: from the token cache when introspect already answered for
  /// this token, else from introspect (and then cached).
  public func currentUserID() async throws -> String {
    if let cached = try await authenticator.cachedUserID() { return cached }
    let userID = try await introspect().userID
    guard !userID.isEmpty else {
      throw C1Error.malformedResponse(request: "GET /api/v1/auth/introspect", detail: "no userId")
    }
    await authenticator.remember(userID: userID)
    return userID
  }

  public func user(id: String) async throws -> C1User {
    struct Response: Decodable { struct View: Decodable { var user: C1User }; var userView: View }
    let response: Response = try await call(.get, "/api/v1/users/\(escape(id))")
    return response.userView.user
  }

  // MARK: Entitlements

  /// Every page of the request catalog (cone reads only the first 100 entries), with
  /// apps, resource types and resources expanded and the caller's bindings.
  /// `progress` is called after each page with the number of entries so far.
  /// With `grantedOnly`, only the entitlements the caller holds now.
  public func catalogEntitlements(
    query: String? = nil, grantedOnly: Bool = false, pageSize: Int = 100, progress: (@Sendable (Int) -> Void)? = nil
  ) async throws -> [C1EntitlementView] {
    struct Body: Encodable {
      var grantedStatus: String
      var pageSize: Int
      var includeDeleted = false
      var expandMask = ["paths": ["app_id", "app_resource_type_id", "app_resource_id"]]
      var query: String?
      var pageToken: String?
    }
    struct Item: Decodable {
      var entitlement: C1EntitlementViewWire
      var appEntitlementUserBindings: [C1Binding]?
    }
    struct Page: Decodable {
      var list: [Item]?
      var expanded: [C1Expanded]?
      var nextPageToken: String?
    }
    var body = Body(grantedStatus: grantedOnly ? "GRANTED" : "ALL", pageSize: pageSize, query: query)
    var views: [C1EntitlementView] = []
    var cursor = pageCursor(.post, Self.catalogPath)
    while true {
      let page: Page = try await call(.post, Self.catalogPath, body: body, idempotent: true)
      let expanded = page.expanded ?? []
      for item in page.list ?? [] {
        views.append(item.entitlement.resolve(expanded, bindings: item.appEntitlementUserBindings ?? []))
      }
      progress?(views.count)
      guard let next = try cursor.next(after: page.nextPageToken, entries: views.count) else { break }
      body.pageToken = next
    }
    return views
  }

  static let catalogPath = "/api/v1/search/request_catalog/entitlements"

  public func entitlement(appID: String, id: String) async throws -> C1EntitlementView {
    struct Response: Decodable { var appEntitlementView: C1EntitlementViewWire; var expanded: [C1Expanded]? }
    let response: Response = try await call(.get, "/api/v1/apps/\(escape(appID))/entitlements/\(escape(id))")
    return response.appEntitlementView.resolve(response.expanded ?? [], bindings: [])
  }

  /// The request form of a schema, as JSON for the form layer.
  public func requestForm(schemaID: String) async throws -> JSONValue? {
    struct Response: Decodable { var requestSchema: JSONValue? }
    let response: Response = try await call(.get, "/api/v1/request_schemas/\(escape(schemaID))")
    return response.requestSchema?["form"]
  }

  /// The user's bindings for one entitlement (grants for identity, docs/c1-api.md §5).
  public func grants(appID: String, entitlementID: String, userID: String) async throws -> [C1Binding] {
    struct Response: Decodable { var bindings: [C1Binding]? }
    let response: Response = try await call(
      .get, "/api/v1/apps/\(escape(appID))/entitlements/\(escape(entitlementID))/users/\(escape(userID))/grants")
    return (response.bindings ?? []).filter { $0.entitlementID == nil || $0.entitlementID == entitlementID }
  }

  // MARK: Tasks

  /// Opens a grant request, or with `isExtension` a request for more time on an active
  /// grant (the SDK's `TaskGrantSource.isExtension`). Never retried blindly: a task may
  /// have been created even when the answer was lost, so callers look for it with
  /// `openGrantTasks` first.
  public func createGrantTask(
    appID: String, entitlementID: String, userID: String, justification: String, durationSeconds: Int?,
    requestData: JSONValue?, isExtension: Bool = false
  ) async throws -> C1Task {
    struct Source: Encodable { var isExtension: Bool }
    struct Body: Encodable {
      var appId, appEntitlementId, identityUserId, description: String
      var grantDuration: String?
      var requestData: JSONValue?
      var emergencyAccess = false
      var source: Source?
    }
    struct Response: Decodable { struct View: Decodable { var task: C1Task }; var taskView: View }
    let response: Response = try await call(
      .post, "/api/v1/task/grant",
      body: Body(
        appId: appID, appEntitlementId: entitlementID, identityUserId: userID, description: justification,
        grantDuration: durationSeconds.map { C1Duration.format(seconds: $0) }, requestData: requestData,
        source: isExtension ? Source(isExtension: true) : nil),
      idempotent: false)
    return response.taskView.task
  }

  /// Gives a grant back: a revoke task for the user's grant of the entitlement.
  public func createRevokeTask(
    appID: String, entitlementID: String, userID: String, justification: String
  ) async throws -> C1Task {
    struct Body: Encodable { var appId, appEntitlementId, identityUserId, description: String }
    struct Response: Decodable { struct View: Decodable { var task: C1Task }; var taskView: View }
    let response: Response = try await call(
      .post, "/api/v1/task/revoke",
      body: Body(appId: appID, appEntitlementId: entitlementID, identityUserId: userID, description: justification),
      idempotent: false)
    return response.taskView.task
  }

  public func task(id: String) async throws -> C1Task {
    struct Response: Decodable { struct View: Decodable { var task: C1Task }; var taskView: View }
    let response: Response = try await call(.get, "/api/v1/tasks/\(escape(id))")
    return response.taskView.task
  }

  /// The user's open grant requests, for one entitlement or all, newest first.
  public func openGrantTasks(userID: String, entitlementID: String? = nil) async throws -> [C1Task] {
    struct Body: Encodable {
      var openerOrSubjectUserId: String
      var taskStates = ["TASK_STATE_OPEN"]
      var taskTypes = [["grant": [String: String]()]]
      var appEntitlementIds: [String]?
      var pageSize = 100
      var pageToken: String?
    }
    struct Response: Decodable {
      struct View: Decodable { var task: C1Task }
      var list: [View]?
      var nextPageToken: String?
    }
    var body = Body(openerOrSubjectUserId: userID, appEntitlementIds: entitlementID.map { [$0] })
    var tasks: [C1Task] = []
    // 2,000 open requests of one person is already far past any real use.
    var cursor = pageCursor(.post, "/api/v1/search/tasks", limit: 20)
    var seen = 0
    while true {
      let page: Response = try await call(.post, "/api/v1/search/tasks", body: body, idempotent: true)
      seen += page.list?.count ?? 0
      tasks += (page.list ?? []).map(\.task).filter { task in
        task.isOpen && (entitlementID == nil || task.entitlementID == nil || task.entitlementID == entitlementID)
      }
      guard let next = try cursor.next(after: page.nextPageToken, entries: seen) else { break }
      body.pageToken = next
    }
    return tasks.sorted { ($0.createdAt ?? 0) > ($1.createdAt ?? 0) }
  }

  /// Submits a form's answers for a task waiting on its form step.
  public func updateRequestData(taskID: String, data: JSONValue) async throws -> C1Task {
    struct Body: Encodable { var data: JSONValue }
    struct Response: Decodable { struct View: Decodable { var task: C1Task }; var taskView: View }
    let response: Response = try await call(
      .post, "/api/v1/tasks/\(escape(taskID))/action/update-request-data", body: Body(data: data), idempotent: false)
    return response.taskView.task
  }

  // MARK: Sign-in

  /// Creates a personal client credential for the user the device token belongs to
  /// (docs/c1-api.md §2.4, step 3).
  public static func createPersonalClient(
    server: C1Server, deviceAccessToken: String, transport: HTTPTransport
  ) async throws -> (clientID: String, clientSecret: String) {
    let request = HTTPRequest(
      .post, server.baseURL + "/api/v1/iam/personal_clients",
      headers: [
        ("Authorization", "Bearer \(deviceAccessToken)"), ("Content-Type", "application/json"),
        ("Accept", "application/json"),
      ],
      body: Array(#"{"displayName":"Created by cone-shell"}"#.utf8), isIdempotent: false)
    let response = try await transport.send(request)
    guard response.isSuccess else {
      throw C1APIError.error(for: response, request: request, server: server.baseURL)
    }
    struct Response: Decodable { struct Client: Decodable { var clientId: String? }; var client: Client?; var clientSecret: String? }
    guard let decoded = try? JSONDecoder().decode(Response.self, from: Data(response.body)),
      let id = decoded.client?.clientId, let secret = decoded.clientSecret
    else {
      throw C1Error.malformedResponse(request: request.summary, detail: "no client id or secret")
    }
    return (id, secret)
  }

  // MARK: - Plumbing

  private struct Empty: Encodable {}

  /// The bound for one listing: the transport's page limit (CONE_SHELL_MAX_PAGES), or a
  /// lower one the call sets.
  private func pageCursor(_ method: HTTPRequest.Method, _ path: String, limit: Int = .max) -> PageCursor {
    PageCursor(call: "\(method.rawValue) \(server.baseURL)\(path)", limit: min(limit, transport.configuration.maxPages))
  }

  private func call<Response: Decodable>(_ method: HTTPRequest.Method, _ path: String) async throws -> Response {
    try await call(method, path, body: Optional<Empty>.none, idempotent: true)
  }

  private func call<Response: Decodable, Body: Encodable>(
    _ method: HTTPRequest.Method, _ path: String, body: Body?, idempotent: Bool
  ) async throws -> Response {
    let encoded = try body.map { try JSONEncoder().encode($0) }.map { Array($0) }
    for attempt in 1...2 {
      var request = HTTPRequest(
        method, server.baseURL + path, headers: [("Accept", "application/json")], body: encoded,
        isIdempotent: idempotent)
      if encoded != nil { request = request.adding(header: "Content-Type", "application/json") }
      request = request.adding(header: "Authorization", try await authenticator.authorization())
      let response = try await transport.send(request)
      // A cached token the server no longer accepts: get a new one, once.
      if response.status == 401, attempt == 1, await !authenticator.isStatic {
        await authenticator.invalidate()
        continue
      }
      guard response.isSuccess else {
        throw C1APIError.error(for: response, request: request, server: server.baseURL)
      }
      let type = response.header("Content-Type") ?? ""
      guard type.lowercased().hasPrefix("application/json") else {
        throw C1Error.malformedResponse(request: request.summary, detail: "expected JSON, got \(type.isEmpty ? "no content type" : type)")
      }
      do {
        return try JSONDecoder().decode(Response.self, from: Data(response.body))
      } catch {
        throw C1Error.malformedResponse(request: request.summary, detail: "\(error)")
      }
    }
    throw C1Error.unauthenticated(server: server.baseURL, detail: "token refused twice")
  }

  private func escape(_ component: String) -> String { FormURLEncoding.escape(component) }
}
