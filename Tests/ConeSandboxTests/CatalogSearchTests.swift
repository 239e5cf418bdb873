import Foundation
import Testing

@testable import ConeSandbox

/// The request catalog over many pages: the scale `cone-shell setup` is measured at.
@Suite struct CatalogSearchTests {
  @Test func pagesCoverTenThousandEntitlementsOnce() async throws {
    let scenario = try Scenario(yaml: """
      users: [{email: alice@example.com, client: alice}]
      generate: {accounts: 100, permissionSets: 100, policy: auto}
      """)
    let tenant = Tenant(catalog: try Catalog(scenario: scenario))
    let user = tenant.catalog.users[0]
    var seen: [String] = []
    var position: Int? = 0
    var pages = 0
    let started = Date()
    while let start = position {
      let (matches, next) = await tenant.searchRequestCatalog(CatalogQuery(), userId: user.id, from: start, limit: 100)
      seen += matches.map(\.entitlement.id)
      position = next
      pages += 1
    }
    #expect(pages == 100)
    #expect(seen.count == 10_000 && Set(seen).count == 10_000)
    // Not a benchmark: a guard against an accidentally quadratic search.
    #expect(Date().timeIntervalSince(started) < 10)
  }

  @Test func grantedStatusAndQuery() async throws {
    let tenant = Tenant(catalog: try Catalog(scenario: .default))
    let alice = tenant.catalog.user(email: "alice@example.com")!
    let readOnly = tenant.catalog.entitlements[0]
    _ = try await tenant.createGrantTask(
      GrantRequest(
        appId: readOnly.appId, entitlementId: readOnly.id, identityUserId: nil, description: "", grantDuration: nil,
        requestData: nil, emergencyAccess: false),
      callerId: alice.id)
    _ = await tenant.advanceClock(by: 1)
    func names(_ query: CatalogQuery) async -> [String] {
      await tenant.searchRequestCatalog(query, userId: alice.id, from: 0, limit: 100).matches.map(\.entitlement.displayName)
    }
    #expect(await names(CatalogQuery(grantedStatus: .granted)) == ["ReadOnlyAccess Permission Set"])
    #expect(await names(CatalogQuery(grantedStatus: .notGranted)).count == 5)
    #expect(await names(CatalogQuery(query: "production admin")) == [
      "AdministratorAccess Permission Set", "DatabaseAdministrator Permission Set",
    ])
    #expect(await names(CatalogQuery(appDisplayName: "GitHub")) == ["Maintainer"])
    let page = await tenant.searchRequestCatalog(CatalogQuery(), userId: alice.id, from: 0, limit: 4)
    #expect(page.matches.count == 4 && page.next == 4)
    let rest = await tenant.searchRequestCatalog(CatalogQuery(), userId: alice.id, from: 4, limit: 4)
    #expect(rest.matches.count == 2 && rest.next == nil)
  }
}
