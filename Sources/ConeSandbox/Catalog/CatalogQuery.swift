/// The request catalog's filters (docs/c1-api.md §4.1).
struct CatalogQuery: Sendable {
  enum GrantedStatus: String, Sendable {
    case all = "ALL"
    case granted = "GRANTED"
    case notGranted = "NOT_GRANTED"
  }

  var terms: [String] = []
  var alias: String?
  var appDisplayName: String?
  var grantedStatus: GrantedStatus = .all

  /// `query` is fuzzy: every word must appear in the app, resource or entitlement name.
  init(query: String? = nil, alias: String? = nil, appDisplayName: String? = nil, grantedStatus: GrantedStatus = .all) {
    terms = (query ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    self.alias = alias
    self.appDisplayName = appDisplayName
    self.grantedStatus = grantedStatus
  }

  func matches(_ entitlement: CatalogEntitlement, catalog: Catalog, granted: Bool) -> Bool {
    switch grantedStatus {
    case .all: break
    case .granted: if !granted { return false }
    case .notGranted: if granted { return false }
    }
    if let alias, entitlement.alias != alias { return false }
    if let appDisplayName, catalog.app(id: entitlement.appId)?.displayName != appDisplayName { return false }
    return terms.allSatisfy { entitlement.searchText.contains($0) }
  }
}

/// The filters of the admin-style `POST /api/v1/search/entitlements` (docs/c1-api.md §4.2).
struct EntitlementFilter: Sendable {
  var query = CatalogQuery()
  var displayName: String?
  var appIds: Set<String> = []
  var resourceTypeIds: Set<String> = []
  var resourceIds: Set<String> = []
  var ids: Set<String> = []

  func matches(_ entitlement: CatalogEntitlement, catalog: Catalog) -> Bool {
    (appIds.isEmpty || appIds.contains(entitlement.appId))
      && (resourceTypeIds.isEmpty || resourceTypeIds.contains(entitlement.resourceTypeId))
      && (resourceIds.isEmpty || resourceIds.contains(entitlement.resourceId))
      && (ids.isEmpty || ids.contains(entitlement.id))
      && (displayName.map { $0 == entitlement.displayName } ?? true)
      && query.matches(entitlement, catalog: catalog, granted: false)
  }
}

extension Catalog {
  /// A page of entitlements from array position `start`; `next` is where the next page starts.
  func search(_ filter: EntitlementFilter, from start: Int, limit: Int) -> (matches: [CatalogEntitlement], next: Int?) {
    var matches: [CatalogEntitlement] = []
    var index = max(0, start)
    while index < entitlements.count {
      let entitlement = entitlements[index]
      index += 1
      guard filter.matches(entitlement, catalog: self) else { continue }
      if matches.count == limit { return (matches, index - 1) }
      matches.append(entitlement)
    }
    return (matches, nil)
  }

  /// How a task is titled in lists: "Grant <entitlement> to <user>".
  func displayName(of task: AccessTask) -> String {
    let entitlement = self.entitlement(id: task.entitlementId)?.displayName ?? task.entitlementId
    let user = self.user(id: task.identityUserId)?.displayName ?? task.identityUserId
    switch task.kind {
    case .grant: return "Grant \(entitlement) to \(user)"
    case .revoke: return "Revoke \(entitlement) from \(user)"
    }
  }
}
