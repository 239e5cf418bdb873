import Foundation
import Hummingbird

extension C1Routes {
  func registerTasks(on router: RouterGroup<SandboxRequestContext>) {
    router.post("/api/v1/task/grant", use: createGrant)
    router.post("/api/v1/task/revoke", use: createRevoke)
    router.get("/api/v1/tasks/{id}", use: getTask)
    router.post("/api/v1/search/tasks", use: searchTasks)
    for decision in ApprovalDecision.allCases {
      router.post("/api/v1/tasks/{id}/action/\(decision.rawValue)") { try await decide(decision, $0, context: $1) }
    }
    router.post("/api/v1/tasks/{id}/action/comment", use: comment)
    router.post("/api/v1/tasks/{id}/action/escalate", use: escalate)
    router.post("/api/v1/tasks/{id}/action/update-request-data", use: updateRequestData)
  }

  /// `{taskView, expanded}`, plus `ticketActionId` for task actions.
  private struct TaskResponse: Encodable {
    let taskView: WireTaskView
    let expanded: [WireAny]?
    let ticketActionId: String?
  }

  private func respond(
    _ task: AccessTask, viewer: CatalogUser, fields: RequestFields, action: Bool = false
  ) throws -> Response {
    var presenter = C1Presenter(catalog: catalog, viewerId: viewer.id, expandPaths: fields.expandPaths)
    let view = presenter.taskView(task)
    return try SandboxResponse.json(TaskResponse(
      taskView: view, expanded: presenter.expanded.nilIfEmpty,
      ticketActionId: action ? Identifier.ksuid("ticket-action:\(UUID().uuidString)") : nil))
  }

  private func required(_ fields: RequestFields, _ name: String, in message: String) throws(C1Error) -> String {
    guard let value = fields.nonEmptyString(name) else {
      let goName = name.prefix(1).uppercased() + name.dropFirst()
      throw C1Error(.invalidArgument, "invalid \(message).\(goName): value length must be at least 1 runes")
    }
    return value
  }

  @Sendable func createGrant(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    let fields = try await fields(request)
    var duration: TimeInterval?
    if let value = fields["grantDuration"] {
      guard let text = value.stringValue ?? (value.integerValue.map { "\($0)s" }),
        let seconds = try? DurationText.seconds(text)
      else { throw C1Error(.invalidArgument, "invalid grantDuration: use a duration such as \"3600s\"") }
      duration = seconds
    }
    var requestData: [String: WireJSON]?
    if let data = fields["requestData"] {
      guard let object = data.objectValue else { throw C1Error(.invalidArgument, "requestData must be an object") }
      requestData = object.isEmpty ? nil : object
    }
    let grantRequest = GrantRequest(
      appId: try required(fields, "appId", in: "TaskServiceCreateGrantRequest"),
      entitlementId: try required(fields, "appEntitlementId", in: "TaskServiceCreateGrantRequest"),
      identityUserId: fields.nonEmptyString("identityUserId"), description: fields.string("description") ?? "",
      grantDuration: duration, requestData: requestData, emergencyAccess: fields.bool("emergencyAccess"),
      isExtension: fields["source"]?.objectValue?["isExtension"]?.boolValue ?? false)
    let task = try await tenant.createGrantTask(grantRequest, callerId: user.id)
    return try respond(task, viewer: user, fields: fields)
  }

  @Sendable func createRevoke(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    let fields = try await fields(request)
    let task = try await tenant.createRevokeTask(
      appId: try required(fields, "appId", in: "TaskServiceCreateRevokeRequest"),
      entitlementId: try required(fields, "appEntitlementId", in: "TaskServiceCreateRevokeRequest"),
      identityUserId: fields.nonEmptyString("identityUserId"), description: fields.string("description") ?? "",
      callerId: user.id)
    return try respond(task, viewer: user, fields: fields)
  }

  @Sendable func getTask(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    let task = try await tenant.task(try context.parameters.require("id"))
    return try respond(task, viewer: user, fields: RequestFields())
  }

  private struct TaskSearchResponse: Encodable {
    let list: [WireTaskView]
    let expanded: [WireAny]?
    let nextPageToken: String?
  }

  @Sendable func searchTasks(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    let fields = try await fields(request)
    var filter = TaskFilter()
    filter.openerIds = Set(fields.strings("openerIds"))
    filter.subjectIds = Set(fields.strings("subjectIds"))
    filter.openerOrSubjectUserId = fields.nonEmptyString("openerOrSubjectUserId")
    filter.stepApproverId = fields.nonEmptyString("assignedOrStepApproverUserId")
    let states = Set(fields.strings("taskStates"))
    if states.contains("TASK_STATE_OPEN") != states.contains("TASK_STATE_CLOSED") {
      filter.open = states.contains("TASK_STATE_OPEN")
    }
    for type in fields.objects("taskTypes") {
      if type["grant"] != nil { filter.kinds.insert(.grant) }
      if type["revoke"] != nil { filter.kinds.insert(.revoke) }
    }
    filter.entitlementIds = Set(fields.strings("appEntitlementIds"))
    filter.appIds = Set(fields.strings("applicationIds"))
    filter.ids = Set(fields.objects("refs").compactMap { $0.nonEmptyString("id") })
    filter.excludedIds = Set(fields.strings("excludeIds"))
    filter.query = fields.nonEmptyString("query")
    let sort = fields.string("sortBy") ?? ""
    filter.oldestFirst = sort == "TASK_SEARCH_SORT_BY_CREATED_AT" || sort == "TASK_SEARCH_SORT_BY_TICKET_ID"
    let (tasks, next) = await tenant.searchTasks(
      filter, offset: try position(fields), limit: PageToken.c1PageSize(fields.int("pageSize")))
    var presenter = C1Presenter(catalog: catalog, viewerId: user.id, expandPaths: fields.expandPaths)
    let list = tasks.map { presenter.taskView($0) }
    return try SandboxResponse.json(TaskSearchResponse(
      list: list, expanded: presenter.expanded.nilIfEmpty, nextPageToken: next.map(PageToken.encode)))
  }

  @Sendable func decide(
    _ decision: ApprovalDecision, _ request: Request, context: SandboxRequestContext
  ) async throws -> Response {
    let user = try await caller(request)
    let fields = try await fields(request)
    let task = try await tenant.decide(
      try context.parameters.require("id"), decision, policyStepId: fields.nonEmptyString("policyStepId"),
      userId: user.id, requireStep: decision.requiresPolicyStep)
    return try respond(task, viewer: user, fields: fields, action: true)
  }

  @Sendable func comment(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    let fields = try await fields(request)
    guard fields.nonEmptyString("comment") != nil else { throw C1Error(.invalidArgument, "comment is required") }
    let task = try await tenant.comment(try context.parameters.require("id"))
    return try respond(task, viewer: user, fields: fields)
  }

  @Sendable func escalate(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    let fields = try await fields(request)
    let task = try await tenant.escalate(try context.parameters.require("id"), userId: user.id)
    return try respond(task, viewer: user, fields: fields, action: true)
  }

  @Sendable func updateRequestData(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    let fields = try await fields(request)
    guard let data = fields["data"]?.objectValue else { throw C1Error(.invalidArgument, "data must be an object") }
    let task = try await tenant.updateRequestData(try context.parameters.require("id"), data: data, userId: user.id)
    return try respond(task, viewer: user, fields: fields, action: true)
  }
}
