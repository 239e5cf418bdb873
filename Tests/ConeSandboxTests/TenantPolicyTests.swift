import Foundation
import Testing

@testable import ConeSandbox

/// The task state machine of each policy, driven through the tenant actor.
@Suite struct TenantPolicyTests {
  let tenant = Tenant(catalog: try! Catalog(scenario: .default))
  var catalog: Catalog { tenant.catalog }
  var alice: CatalogUser { catalog.user(email: "alice@example.com")! }
  var bob: CatalogUser { catalog.user(email: "bob@example.com")! }

  func entitlement(_ account: String, _ permissionSet: String) -> CatalogEntitlement {
    catalog.entitlements.first { $0.aws?.accountName == account && $0.aws?.permissionSetName == permissionSet }!
  }

  func request(
    _ entitlement: CatalogEntitlement, duration: TimeInterval? = nil, data: [String: WireJSON]? = nil
  ) async throws -> AccessTask {
    try await tenant.createGrantTask(
      GrantRequest(
        appId: entitlement.appId, entitlementId: entitlement.id, identityUserId: nil, description: "test",
        grantDuration: duration, requestData: data, emergencyAccess: false),
      callerId: alice.id)
  }

  @Test func autoApprovalGrantsAfterTheProcessingDelay() async throws {
    let readOnly = entitlement("Production", "ReadOnlyAccess")
    let task = try await request(readOnly)
    #expect(task.numericId == 1001 && task.isOpen && task.current?.kind == .provision)
    #expect(task.grantDuration == 28_800)
    #expect(await tenant.activeGrant(userId: alice.id, entitlementId: readOnly.id) == nil)
    _ = await tenant.advanceClock(by: 0.6)
    let done = try await tenant.task("1001")
    #expect(done.outcome == .granted && done.current == nil)
    let grant = try #require(await tenant.activeGrant(userId: alice.id, entitlementId: readOnly.id))
    // Timed at the due moment, not at the read.
    #expect(grant.createdAt == done.outcomeTime)
    #expect(grant.deprovisionAt == grant.createdAt + 28_800)
    _ = await tenant.advanceClock(by: 8 * 3600)
    #expect(await tenant.activeGrant(userId: alice.id, entitlementId: readOnly.id) == nil)
  }

  @Test func approvalWaitsForTheApprover() async throws {
    let admin = entitlement("Production", "AdministratorAccess")
    let task = try await request(admin, duration: 1800)
    let step = try #require(task.current)
    #expect(step.kind == .approval(approverIds: [bob.id]))
    await #expect(throws: C1Error.self) {
      try await tenant.decide("1001", .approve, policyStepId: step.id, userId: alice.id, requireStep: true)
    }
    await #expect(throws: C1Error(.failedPrecondition, "policy step nope is not the current step of task 1001")) {
      try await tenant.decide("1001", .approve, policyStepId: "nope", userId: bob.id, requireStep: true)
    }
    await #expect(throws: C1Error(.invalidArgument, "invalid request: policyStepId is required")) {
      try await tenant.decide("1001", .approve, policyStepId: nil, userId: bob.id, requireStep: true)
    }
    let approved = try await tenant.decide(task.id, .approve, policyStepId: step.id, userId: bob.id, requireStep: true)
    #expect(approved.outcome == .granted)
    guard case .approved(let userId, _)? = approved.history.first?.result else {
      Issue.record("no approval in the history")
      return
    }
    #expect(userId == bob.id)
    let grant = try #require(await tenant.activeGrant(userId: alice.id, entitlementId: admin.id))
    #expect(grant.deprovisionAt == grant.createdAt + 1800)
  }

  @Test func denyAndDenyPolicy() async throws {
    let admin = entitlement("Production", "AdministratorAccess")
    _ = try await request(admin)
    let denied = try await tenant.decide("1001", .deny, policyStepId: nil, userId: bob.id, requireStep: false)
    #expect(denied.outcome == .denied && !denied.isOpen)
    let billing = try await request(entitlement("Staging", "BillingAccess"))
    #expect(billing.outcome == .denied)
    #expect(billing.history.map(\.kind) == [.reject(message: "Requests for BillingAccess Permission Set are denied by policy.")])
    #expect(billing.grantDuration == 3_600)
  }

  @Test func formThenApproval() async throws {
    let database = entitlement("Production", "DatabaseAdministrator")
    let task = try await request(database)
    #expect(task.current?.kind == .form)
    await #expect(throws: C1Error.self) {
      try await tenant.updateRequestData("1001", data: ["ticket": .string("bad")], userId: alice.id)
    }
    #expect(try await tenant.task("1001").current?.kind == .form)
    let data: [String: WireJSON] = ["ticket": .string("OPS-7"), "reason": .string("audit"), "acknowledge": .bool(true)]
    await #expect(throws: C1Error.self) {
      try await tenant.updateRequestData("1001", data: data, userId: bob.id)  // only the requester
    }
    let filled = try await tenant.updateRequestData("1001", data: data, userId: alice.id)
    #expect(filled.data == data && filled.current?.kind == .approval(approverIds: [bob.id]))
    let granted = try await tenant.decide("1001", .approve, policyStepId: filled.current?.id, userId: bob.id, requireStep: true)
    #expect(granted.outcome == .granted)
  }

  @Test func duplicatesAndLimits() async throws {
    let admin = entitlement("Production", "AdministratorAccess")
    let first = try await request(admin)
    await #expect {
      try await request(admin)
    } throws: { error in
      guard let error = error as? C1Error else { return false }
      return error.code == .alreadyExists && error.message.contains("duplicate ticket found")
        && error.details == [.object(["@type": .string("type.googleapis.com/c1.api.task.v1.TaskRef"), "id": .string(first.id)])]
    }
    await #expect(throws: C1Error(.invalidArgument, "grant duration must be less than or equal to max provision time (8h0m0s)")) {
      try await request(entitlement("Production", "ReadOnlyAccess"), duration: 9 * 3600)
    }
    await #expect(throws: C1Error(.invalidArgument, "grant duration must be less than or equal to max provision time (2h0m0s)")) {
      _ = try await tenant.createGrantTask(
        GrantRequest(
          appId: admin.appId, entitlementId: admin.id, identityUserId: bob.id, description: "",
          grantDuration: 7201, requestData: nil, emergencyAccess: false),
        callerId: bob.id)
    }
  }

  @Test func provisioningDelayHoldsBackAWS() async throws {
    let power = entitlement("Staging", "PowerUserAccess")
    _ = try await request(power)
    _ = await tenant.advanceClock(by: 1)
    let grant = try #require(await tenant.activeGrant(userId: alice.id, entitlementId: power.id))
    #expect(!grant.isEffective(at: await tenant.now))
    _ = await tenant.advanceClock(by: 5)
    #expect(grant.isEffective(at: await tenant.now))
  }

  @Test func revokeEndsAGrant() async throws {
    let readOnly = entitlement("Production", "ReadOnlyAccess")
    _ = try await request(readOnly)
    _ = await tenant.advanceClock(by: 1)
    let revoke = try await tenant.createRevokeTask(
      appId: readOnly.appId, entitlementId: readOnly.id, identityUserId: nil, description: "", callerId: alice.id)
    #expect(revoke.outcome == .revoked)
    #expect(await tenant.activeGrant(userId: alice.id, entitlementId: readOnly.id) == nil)
  }
}
