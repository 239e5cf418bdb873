import Foundation

// The catalog objects of the C1 API as protojson writes them: lowerCamelCase keys, int64
// as strings, unset fields left out.

/// `{}` — an empty message, such as `durationUnset` or a view oneof.
struct EmptyObject: Encodable, Equatable {}

struct WireApp: Encodable {
  let id: String
  let displayName: String
  let description: String
  let userCount: String
  let createdAt: Date
  let updatedAt: Date

  init(_ app: CatalogApp, userCount: Int) {
    id = app.id
    displayName = app.displayName
    description = app.description
    self.userCount = String(userCount)
    createdAt = Catalog.epoch
    updatedAt = Catalog.epoch
  }
}

struct WireResourceType: Encodable {
  let id: String
  let appId: String
  let displayName: String
  let createdAt: Date
  let updatedAt: Date

  init(_ type: CatalogResourceType) {
    id = type.id
    appId = type.appId
    displayName = type.displayName
    createdAt = Catalog.epoch
    updatedAt = Catalog.epoch
  }
}

struct WireResource: Encodable {
  let id: String
  let appId: String
  let appResourceTypeId: String
  let displayName: String
  let description: String?
  let createdAt: Date
  let updatedAt: Date

  init(_ resource: CatalogResource) {
    id = resource.id
    appId = resource.appId
    appResourceTypeId = resource.resourceTypeId
    displayName = resource.displayName
    description = resource.description
    createdAt = Catalog.epoch
    updatedAt = Catalog.epoch
  }
}

/// `c1.api.app.v1.AppEntitlement`, shaped as baton-aws's permission set entitlements are.
struct WireEntitlement: Encodable {
  let id: String
  let appId: String
  let appResourceTypeId: String
  let appResourceId: String
  let displayName: String
  let description: String
  let alias: String?
  let durationGrant: String?
  let durationUnset: EmptyObject?
  let requestSchemaId: String?
  let grantPolicyId: String
  let sourceConnectorIds: [String: String]
  let purpose = "APP_ENTITLEMENT_PURPOSE_VALUE_ASSIGNMENT"
  let createdAt: Date
  let updatedAt: Date

  init(_ entitlement: CatalogEntitlement) {
    id = entitlement.id
    appId = entitlement.appId
    appResourceTypeId = entitlement.resourceTypeId
    appResourceId = entitlement.resourceId
    displayName = entitlement.displayName
    description = entitlement.description
    alias = entitlement.alias
    durationGrant = entitlement.maxGrant.map(DurationText.proto)
    durationUnset = entitlement.maxGrant == nil ? EmptyObject() : nil
    requestSchemaId = entitlement.requestSchemaId
    grantPolicyId = entitlement.policyId
    sourceConnectorIds = entitlement.sourceConnectorIds
    createdAt = Catalog.epoch
    updatedAt = Catalog.epoch
  }
}

/// `AppEntitlementView`: the entitlement and where its app, resource type and resource sit
/// in `expanded`.
struct WireEntitlementView: Encodable {
  let appEntitlement: WireEntitlement
  let appPath: String?
  let appResourceTypePath: String?
  let appResourcePath: String?
}

/// `AppEntitlementUserBinding`. Without a grant only the app and app user are set.
struct WireBinding: Encodable {
  let appId: String
  let appUserId: String
  let appEntitlementId: String?
  let createdAt: Date?
  let deprovisionAt: Date?
  let deletedAt: Date?

  init(_ grant: Grant) {
    appId = grant.appId
    appUserId = grant.appUserId
    appEntitlementId = grant.entitlementId
    createdAt = grant.createdAt
    deprovisionAt = grant.deprovisionAt
    deletedAt = grant.deletedAt
  }

  init(appId: String, appUserId: String) {
    self.appId = appId
    self.appUserId = appUserId
    appEntitlementId = nil
    createdAt = nil
    deprovisionAt = nil
    deletedAt = nil
  }
}

struct WireUser: Encodable {
  let id: String
  let email: String
  let emails: [String]
  let displayName: String
  let username: String
  let usernames: [String]
  let status = "ENABLED"
  let type = "USER_TYPE_HUMAN"
  let createdAt: Date
  let updatedAt: Date

  init(_ user: CatalogUser) {
    id = user.id
    email = user.email
    emails = [user.email]
    displayName = user.displayName
    username = user.email
    usernames = [user.email]
    createdAt = Catalog.epoch
    updatedAt = Catalog.epoch
  }
}

struct WireAppUser: Encodable {
  let id: String
  let appId: String
  let identityUserId: String
  let displayName: String
  let email: String
  let emails: [String]
  let username: String
  let appUserType = "APP_USER_TYPE_USER"
  let createdAt: Date
  let updatedAt: Date

  init(id: String, appId: String, user: CatalogUser) {
    self.id = id
    self.appId = appId
    identityUserId = user.id
    displayName = user.displayName
    email = user.email
    emails = [user.email]
    username = user.email
    createdAt = Catalog.epoch
    updatedAt = Catalog.epoch
  }
}

/// A `google.protobuf.Any` in `expanded`: `@type` plus the message's own fields.
enum WireAny: Encodable {
  case app(WireApp)
  case resourceType(WireResourceType)
  case resource(WireResource)
  case entitlement(WireEntitlement)
  case user(WireUser)

  var typeURL: String {
    switch self {
    case .app: "type.googleapis.com/c1.api.app.v1.App"
    case .resourceType: "type.googleapis.com/c1.api.app.v1.AppResourceType"
    case .resource: "type.googleapis.com/c1.api.app.v1.AppResource"
    case .entitlement: "type.googleapis.com/c1.api.app.v1.AppEntitlement"
    case .user: "type.googleapis.com/c1.api.user.v1.User"
    }
  }

  private enum Key: String, CodingKey { case type = "@type" }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    try container.encode(typeURL, forKey: .type)
    switch self {
    case .app(let value): try value.encode(to: encoder)
    case .resourceType(let value): try value.encode(to: encoder)
    case .resource(let value): try value.encode(to: encoder)
    case .entitlement(let value): try value.encode(to: encoder)
    case .user(let value): try value.encode(to: encoder)
    }
  }
}
