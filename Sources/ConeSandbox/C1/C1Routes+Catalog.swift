import Foundation
import Hummingbird

extension C1Routes {
  func registerCatalog(on router: RouterGroup<SandboxRequestContext>) {
    router.post("/api/v1/search/request_catalog/entitlements", use: searchRequestCatalog)
    router.post("/api/v1/search/entitlements", use: searchEntitlements)
    router.get("/api/v1/apps/{app_id}", use: app)
    router.get("/api/v1/apps/{app_id}/entitlements/{app_entitlement_id}", use: entitlement)
    router.get("/api/v1/apps/{app_id}/resource_types/{app_resource_type_id}", use: resourceType)
    router.get("/api/v1/apps/{app_id}/resource_types/{app_resource_type_id}/resources/{id}", use: resource)
    router.get("/api/v1/apps/{app_id}/entitlements/{app_entitlement_id}/users/{identity_user_id}/grants", use: grants)
    router.get("/api/v1/apps/{app_id}/users/{user_id}/app_users", use: appUsers)
    router.put("/api/v1/request_schema_entitlement_binding", use: requestSchemaBinding)
    router.get("/api/v1/request_schemas/{id}", use: requestSchema)
  }

  private struct CatalogSearchResponse: Encodable {
    struct Item: Encodable {
      let entitlement: WireEntitlementView
      let appEntitlementUserBindings: [WireBinding]?
    }

    let list: [Item]
    let expanded: [WireAny]?
    let nextPageToken: String?
  }

  @Sendable func searchRequestCatalog(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    let fields = try await fields(request)
    var status = CatalogQuery.GrantedStatus.all
    if let name = fields.nonEmptyString("grantedStatus"), name != "UNSPECIFIED" {
      guard let value = CatalogQuery.GrantedStatus(rawValue: name) else {
        throw C1Error(.invalidArgument, "invalid grantedStatus \(name)")
      }
      status = value
    }
    let query = CatalogQuery(
      query: fields.nonEmptyString("query"), alias: fields.nonEmptyString("entitlementAlias"),
      appDisplayName: fields.nonEmptyString("appDisplayName"), grantedStatus: status)
    let (matches, next) = await tenant.searchRequestCatalog(
      query, userId: user.id, from: try position(fields), limit: PageToken.c1PageSize(fields.int("pageSize")))
    var presenter = C1Presenter(catalog: catalog, viewerId: user.id, expandPaths: fields.expandPaths)
    let list = matches.map { match in
      CatalogSearchResponse.Item(
        entitlement: presenter.entitlementView(match.entitlement),
        appEntitlementUserBindings: match.grant.map { [WireBinding($0)] })
    }
    return try SandboxResponse.json(CatalogSearchResponse(
      list: list, expanded: presenter.expanded.nilIfEmpty, nextPageToken: next.map(PageToken.encode)))
  }

  private struct EntitlementSearchResponse: Encodable {
    let list: [WireEntitlementView]
    let expanded: [WireAny]?
    let nextPageToken: String?
  }

  @Sendable func searchEntitlements(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    let fields = try await fields(request)
    var filter = EntitlementFilter()
    filter.query = CatalogQuery(query: fields.nonEmptyString("query"), alias: fields.nonEmptyString("alias"))
    filter.displayName = fields.nonEmptyString("displayName")
    filter.appIds = Set(fields.strings("appIds"))
    filter.resourceTypeIds = Set(fields.strings("resourceTypeIds"))
    filter.resourceIds = Set(fields.strings("resourceIds"))
    filter.ids = Set(fields.objects("refs").compactMap { $0.nonEmptyString("id") })
    let (matches, next) = catalog.search(
      filter, from: try position(fields), limit: PageToken.c1PageSize(fields.int("pageSize")))
    var presenter = C1Presenter(catalog: catalog, viewerId: user.id, expandPaths: fields.expandPaths)
    let list = matches.map { presenter.entitlementView($0) }
    return try SandboxResponse.json(EntitlementSearchResponse(
      list: list, expanded: presenter.expanded.nilIfEmpty, nextPageToken: next.map(PageToken.encode)))
  }

  private struct AppResponse: Encodable { let app: WireApp }

  @Sendable func app(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    _ = try await caller(request)
    let id = try context.parameters.require("app_id")
    guard let app = catalog.app(id: id) else { throw C1Error.notFound("app \(id)") }
    return try SandboxResponse.json(AppResponse(app: WireApp(app, userCount: catalog.users.count)))
  }

  private struct EntitlementResponse: Encodable { let appEntitlementView: WireEntitlementView }

  @Sendable func entitlement(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let user = try await caller(request)
    let entitlement = try lookUpEntitlement(context)
    var presenter = C1Presenter(catalog: catalog, viewerId: user.id)
    return try SandboxResponse.json(EntitlementResponse(appEntitlementView: presenter.entitlementView(entitlement)))
  }

  private func lookUpEntitlement(_ context: SandboxRequestContext) throws -> CatalogEntitlement {
    let appId = try context.parameters.require("app_id")
    let id = try context.parameters.require("app_entitlement_id")
    guard let entitlement = catalog.entitlement(id: id), entitlement.appId == appId else {
      throw C1Error.notFound("app entitlement \(id) in app \(appId)")
    }
    return entitlement
  }

  private struct ResourceTypeResponse: Encodable {
    struct View: Encodable { let appResourceType: WireResourceType }
    let appResourceTypeView: View
  }

  @Sendable func resourceType(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    _ = try await caller(request)
    let appId = try context.parameters.require("app_id")
    let id = try context.parameters.require("app_resource_type_id")
    guard let type = catalog.resourceTypes[id], type.appId == appId else {
      throw C1Error.notFound("resource type \(id) in app \(appId)")
    }
    return try SandboxResponse.json(ResourceTypeResponse(appResourceTypeView: .init(appResourceType: WireResourceType(type))))
  }

  private struct ResourceResponse: Encodable {
    struct View: Encodable { let appResource: WireResource }
    let appResourceView: View
  }

  @Sendable func resource(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    _ = try await caller(request)
    let appId = try context.parameters.require("app_id")
    let typeId = try context.parameters.require("app_resource_type_id")
    let id = try context.parameters.require("id")
    guard let resource = catalog.resources[id], resource.appId == appId, resource.resourceTypeId == typeId else {
      throw C1Error.notFound("resource \(id) of type \(typeId) in app \(appId)")
    }
    return try SandboxResponse.json(ResourceResponse(appResourceView: .init(appResource: WireResource(resource))))
  }

  private struct GrantsResponse: Encodable { let bindings: [WireBinding] }

  /// The user's app user with its grant data while the grant lasts; without a grant only the
  /// app and app user are set, as the API documents.
  @Sendable func grants(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    _ = try await caller(request)
    let entitlement = try lookUpEntitlement(context)
    let userId = try context.parameters.require("identity_user_id")
    guard catalog.user(id: userId) != nil else { throw C1Error.notFound("user \(userId)") }
    let binding: WireBinding
    if let grant = await tenant.activeGrant(userId: userId, entitlementId: entitlement.id) {
      binding = WireBinding(grant)
    } else {
      binding = WireBinding(
        appId: entitlement.appId, appUserId: catalog.appUserId(appId: entitlement.appId, userId: userId))
    }
    return try SandboxResponse.json(GrantsResponse(bindings: [binding]))
  }

  private struct AppUsersResponse: Encodable {
    struct View: Encodable { let appUser: WireAppUser }
    let list: [View]
  }

  @Sendable func appUsers(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    _ = try await caller(request)
    let appId = try context.parameters.require("app_id")
    let userId = try context.parameters.require("user_id")
    guard catalog.app(id: appId) != nil else { throw C1Error.notFound("app \(appId)") }
    guard let user = catalog.user(id: userId) else { throw C1Error.notFound("user \(userId)") }
    let appUser = WireAppUser(id: catalog.appUserId(appId: appId, userId: userId), appId: appId, user: user)
    return try SandboxResponse.json(AppUsersResponse(list: [.init(appUser: appUser)]))
  }

  private struct BindingResponse: Encodable {
    struct Reference: Encodable {
      let appId: String
      let id: String
    }

    let entitlementRef: Reference
    let requestSchemaId: String
  }

  /// `FindBindingForAppEntitlement`: 404 when the entitlement has no form, as cone expects.
  @Sendable func requestSchemaBinding(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    _ = try await caller(request)
    let fields = try await fields(request)
    guard let reference = fields.object("entitlementRef"), let appId = reference.nonEmptyString("appId"),
      let id = reference.nonEmptyString("id")
    else { throw C1Error(.invalidArgument, "entitlementRef with appId and id is required") }
    guard let entitlement = catalog.entitlement(id: id), entitlement.appId == appId else {
      throw C1Error.notFound("app entitlement \(id) in app \(appId)")
    }
    guard let schemaId = entitlement.requestSchemaId else {
      throw C1Error(.notFound, "no request schema is bound to app entitlement \(id)")
    }
    return try SandboxResponse.json(BindingResponse(entitlementRef: .init(appId: appId, id: id), requestSchemaId: schemaId))
  }

  private struct RequestSchemaResponse: Encodable {
    struct Schema: Encodable {
      let id: String
      let form: WireForm
      let createdAt: Date
      let modifiedAt: Date
    }

    let requestSchema: Schema
  }

  @Sendable func requestSchema(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    _ = try await caller(request)
    let id = try context.parameters.require("id")
    guard let form = catalog.forms[id] else { throw C1Error.notFound("request schema \(id)") }
    return try SandboxResponse.json(RequestSchemaResponse(
      requestSchema: .init(id: id, form: WireForm(form), createdAt: Catalog.epoch, modifiedAt: Catalog.epoch)))
  }
}

extension Array {
  /// Empty repeated fields are left out, as protojson does.
  var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
