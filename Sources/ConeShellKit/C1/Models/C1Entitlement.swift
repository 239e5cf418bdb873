/// An app entitlement (`c1.api.app.v1.AppEntitlement`), with what its view expanded.
public struct C1Entitlement: Decodable, Sendable, Equatable {
  public var id: String
  public var appID: String
  public var displayName: String
  public var alias: String?
  public var appResourceTypeID: String?
  public var appResourceID: String?
  /// The longest grant the entitlement allows, in seconds; nil when unlimited or unset.
  public var maxGrantSeconds: Double?
  /// True when C1 says explicitly that grants have no maximum (`durationUnset`).
  public var hasNoMaximum: Bool
  public var requestSchemaID: String?
  public var sourceConnectorIDs: [String: String]

  enum CodingKeys: String, CodingKey {
    case id, appId, displayName, alias, appResourceTypeId, appResourceId, durationGrant, durationUnset,
      requestSchemaId, sourceConnectorIds
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
    appID = try container.decodeIfPresent(String.self, forKey: .appId) ?? ""
    displayName = try container.decodeIfPresent(String.self, forKey: .displayName) ?? ""
    alias = try container.decodeNonEmptyStringIfPresent(forKey: .alias)
    appResourceTypeID = try container.decodeNonEmptyStringIfPresent(forKey: .appResourceTypeId)
    appResourceID = try container.decodeNonEmptyStringIfPresent(forKey: .appResourceId)
    maxGrantSeconds = try container.decodeNonEmptyStringIfPresent(forKey: .durationGrant).flatMap(C1Duration.parse)
    hasNoMaximum = container.contains(.durationUnset) && (try? container.decodeNil(forKey: .durationUnset)) == false
    requestSchemaID = try container.decodeNonEmptyStringIfPresent(forKey: .requestSchemaId)
    sourceConnectorIDs = try container.decodeIfPresent([String: String].self, forKey: .sourceConnectorIds) ?? [:]
  }
}

/// An entitlement with the objects its view pointed at, resolved from `expanded`.
public struct C1EntitlementView: Sendable, Equatable {
  public var entitlement: C1Entitlement
  public var app: C1App?
  public var resourceType: C1AppResourceType?
  public var resource: C1AppResource?
  /// The caller's bindings for this entitlement (request catalog only).
  public var bindings: [C1Binding]
}

/// The JSON shape of `AppEntitlementView`, before its paths are resolved.
struct C1EntitlementViewWire: Decodable {
  var appEntitlement: C1Entitlement
  var appPath: String?
  var appResourceTypePath: String?
  var appResourcePath: String?

  func resolve(_ expanded: [C1Expanded], bindings: [C1Binding]) -> C1EntitlementView {
    func object(_ path: String?) -> C1Expanded? {
      guard let index = C1Expanded.index(of: path), expanded.indices.contains(index) else { return nil }
      return expanded[index]
    }
    var view = C1EntitlementView(entitlement: appEntitlement, bindings: bindings)
    if case .app(let app) = object(appPath) { view.app = app }
    if case .resourceType(let type) = object(appResourceTypePath) { view.resourceType = type }
    if case .resource(let resource) = object(appResourcePath) { view.resource = resource }
    return view
  }
}
