import Foundation

/// Turns catalog objects and tasks into C1 JSON for one response: it collects the objects
/// the expand mask asks for into `expanded` (each once) and hands out their `$.expanded[N]`
/// paths.
struct C1Presenter {
  let catalog: Catalog
  /// Whose view this is (task `actions` depend on it).
  let viewerId: String
  let expandPaths: Set<String>
  private(set) var expanded: [WireAny] = []
  private var positions: [String: Int] = [:]

  init(catalog: Catalog, viewerId: String, expandPaths: Set<String> = []) {
    self.catalog = catalog
    self.viewerId = viewerId
    self.expandPaths = expandPaths
  }

  private func wants(_ path: String) -> Bool {
    expandPaths.contains("*") || expandPaths.contains(path)
  }

  /// The path of an expanded object, adding it on first use.
  private mutating func path(_ key: String, _ make: (Catalog) -> WireAny?) -> String? {
    if let position = positions[key] { return "$.expanded[\(position)]" }
    guard let object = make(catalog) else { return nil }
    positions[key] = expanded.count
    expanded.append(object)
    return "$.expanded[\(expanded.count - 1)]"
  }

  private mutating func userPath(_ id: String) -> String? {
    path("user:\(id)") { catalog in catalog.user(id: id).map { .user(WireUser($0)) } }
  }

  // MARK: Catalog

  mutating func entitlementView(_ entitlement: CatalogEntitlement) -> WireEntitlementView {
    var appPath: String?
    var typePath: String?
    var resourcePath: String?
    if wants("app_id") {
      appPath = path("app:\(entitlement.appId)") { catalog in
        catalog.app(id: entitlement.appId).map { .app(WireApp($0, userCount: catalog.users.count)) }
      }
    }
    if wants("app_resource_type_id") {
      typePath = path("type:\(entitlement.resourceTypeId)") { catalog in
        catalog.resourceTypes[entitlement.resourceTypeId].map { .resourceType(WireResourceType($0)) }
      }
    }
    if wants("app_resource_id") {
      resourcePath = path("resource:\(entitlement.resourceId)") { catalog in
        catalog.resources[entitlement.resourceId].map { .resource(WireResource($0)) }
      }
    }
    return WireEntitlementView(
      appEntitlement: WireEntitlement(entitlement), appPath: appPath, appResourceTypePath: typePath,
      appResourcePath: resourcePath)
  }

  // MARK: Tasks

  mutating func taskView(_ task: AccessTask) -> WireTaskView {
    let appPath = wants("app_id") ? path("app:\(task.appId)") { catalog in
      catalog.app(id: task.appId).map { .app(WireApp($0, userCount: catalog.users.count)) }
    } : nil
    let entitlementsPath = wants("app_entitlement_ids") ? path("entitlement:\(task.entitlementId)") { catalog in
      catalog.entitlement(id: task.entitlementId).map { .entitlement(WireEntitlement($0)) }
    } : nil
    let subjectPath = wants("user_id") ? userPath(task.identityUserId) : nil
    let identityPath = wants("identity_user_id") ? userPath(task.identityUserId) : nil
    let creatorPath = wants("created_by_user_id") ? userPath(task.createdByUserId) : nil
    var approverPath: String?
    if wants("step_approver_ids"), let approver = task.stepApproverIds.first {
      approverPath = userPath(approver)
    }
    return WireTaskView(
      task: wireTask(task), appPath: appPath, appUserPath: nil, userPath: subjectPath, identityUserPath: identityPath,
      createdByUserPath: creatorPath, entitlementsPath: entitlementsPath, stepApproversPath: approverPath)
  }

  func wireTask(_ task: AccessTask) -> WireTask {
    let entitlement = catalog.entitlement(id: task.entitlementId)
    let form = entitlement?.requestSchemaId.flatMap { catalog.forms[$0] }
    let policy = entitlement.flatMap { catalog.policies[$0.policyId] }
    let type: WireTask.TaskType
    switch task.kind {
    case .grant:
      type = WireTask.TaskType(
        grant: WireTask.Grant(
          appId: task.appId, appEntitlementId: task.entitlementId, appUserId: task.appUserId,
          identityUserId: task.identityUserId, grantDuration: task.grantDuration.map(DurationText.proto),
          outcome: outcomeName(task), outcomeTime: task.outcomeTime,
          source: task.isExtension ? .init(isExtension: true) : nil),
        revoke: nil)
    case .revoke:
      type = WireTask.TaskType(
        grant: nil,
        revoke: WireTask.Revoke(
          appId: task.appId, appEntitlementId: task.entitlementId, appUserId: task.appUserId,
          identityUserId: task.identityUserId, outcome: outcomeName(task), outcomeTime: task.outcomeTime))
    }
    let wirePolicy = WireTask.Policy(
      id: policy?.id ?? Identifier.ksuid("policy:revoke"),
      displayName: task.kind == .grant ? policy?.displayName ?? "Grant" : "Revoke",
      description: task.kind == .grant ? policy?.description ?? "" : "Access is removed at once.",
      policyType: task.kind == .grant ? "POLICY_TYPE_GRANT" : "POLICY_TYPE_REVOKE",
      createdAt: Catalog.epoch, updatedAt: Catalog.epoch)
    let history = task.history.map { stepInstance($0, task: task, form: form) }
    let next = task.upcoming.map { kind -> WireTask.Step in
      switch kind {
      case .form: WireTask.Step(approval: nil, provision: nil, form: .init(form: form.map(WireForm.init)), reject: nil)
      case .approval(let ids):
        WireTask.Step(approval: .init(users: .init(userIds: ids)), provision: nil, form: nil, reject: nil)
      case .provision: WireTask.Step(approval: nil, provision: .init(), form: nil, reject: nil)
      case .reject(let message): WireTask.Step(approval: nil, provision: nil, form: nil, reject: .init(rejectMessage: message))
      }
    }
    return WireTask(
      id: task.id, numericId: String(task.numericId), displayName: catalog.displayName(of: task),
      description: task.description.isEmpty ? nil : task.description,
      state: task.isOpen ? "TASK_STATE_OPEN" : "TASK_STATE_CLOSED", processing: processing(task), type: type,
      policy: WireTask.PolicyInstance(
        policy: wirePolicy, current: task.current.map { stepInstance($0, task: task, form: form) },
        history: history.isEmpty ? nil : history, next: next.isEmpty ? nil : next),
      form: task.kind == .grant ? form.map(WireForm.init) : nil, data: task.data, userId: task.identityUserId,
      createdByUserId: task.createdByUserId,
      approverIds: task.approverIds.isEmpty ? nil : task.approverIds,
      stepApproverIds: task.stepApproverIds.isEmpty ? nil : task.stepApproverIds,
      actions: actions(task), emergencyAccess: task.emergencyAccess ? true : nil,
      commentCount: task.commentCount == 0 ? nil : task.commentCount,
      createdAt: task.createdAt, updatedAt: task.updatedAt)
  }

  private func outcomeName(_ task: AccessTask) -> String {
    let prefix = task.kind == .grant ? "GRANT_OUTCOME_" : "REVOKE_OUTCOME_"
    switch task.outcome {
    case nil: return prefix + "UNSPECIFIED"
    case .granted: return prefix + "GRANTED"
    case .revoked: return prefix + "REVOKED"
    case .denied: return prefix + "DENIED"
    case .cancelled: return prefix + "CANCELLED"
    }
  }

  private func processing(_ task: AccessTask) -> String {
    guard task.isOpen else { return "TASK_PROCESSING_TYPE_DONE" }
    if case .provision? = task.current?.kind { return "TASK_PROCESSING_TYPE_PROCESSING" }
    return "TASK_PROCESSING_TYPE_WAITING"
  }

  /// What the viewer may do now.
  private func actions(_ task: AccessTask) -> [String] {
    var actions: [String] = []
    if task.isOpen {
      switch task.current?.kind {
      case .approval(let approvers) where approvers.contains(viewerId):
        actions += ["TASK_ACTION_TYPE_APPROVE", "TASK_ACTION_TYPE_DENY"]
      case .form where task.isRequester(viewerId):
        actions.append("TASK_ACTION_TYPE_UPDATE_REQUEST_DATA")
      default:
        break
      }
      if task.kind == .grant, task.isRequester(viewerId), !task.emergencyAccess {
        actions.append("TASK_ACTION_TYPE_ESCALATE_TO_EMERGENCY_ACCESS")
      }
    }
    actions.append("TASK_ACTION_TYPE_COMMENT")
    return actions
  }

  private func stepInstance(_ step: PolicyStep, task: AccessTask, form: RequestForm?) -> WireTask.StepInstance {
    let done = step.result != nil
    var approval: WireTask.ApprovalInstance?
    var provision: WireTask.ProvisionInstance?
    var formInstance: WireTask.FormInstance?
    var reject: WireTask.Reject?
    switch step.kind {
    case .approval(let ids):
      var approved: WireTask.Approved?
      var denied: WireTask.Denied?
      if case .approved(let userId, let at)? = step.result { approved = .init(userId: userId, approvedAt: at) }
      if case .denied(let userId, let at)? = step.result { denied = .init(userId: userId, deniedAt: at) }
      approval = .init(
        approval: .init(users: .init(userIds: ids)),
        state: done ? "APPROVAL_INSTANCE_STATE_DONE" : "APPROVAL_INSTANCE_STATE_WAITING",
        approved: approved, denied: denied)
    case .provision:
      var completed: WireTask.Completed?
      if case .provisioned(let at)? = step.result { completed = .init(userId: nil, completedAt: at) }
      provision = .init(
        provision: .init(), state: done ? "PROVISION_INSTANCE_STATE_DONE" : "PROVISION_INSTANCE_STATE_WAITING",
        completed: completed)
    case .form:
      var completed: WireTask.Completed?
      if case .formCompleted(let userId, let at)? = step.result { completed = .init(userId: userId, completedAt: at) }
      formInstance = .init(
        form: form.map(WireForm.init), data: done ? task.data : nil,
        state: done ? "FORM_INSTANCE_STATE_DONE" : "FORM_INSTANCE_STATE_WAITING", completed: completed)
    case .reject(let message):
      reject = .init(rejectMessage: message)
    }
    return WireTask.StepInstance(
      id: step.id, state: done ? "POLICY_STEP_STATE_DONE" : "POLICY_STEP_STATE_ACTIVE", approval: approval,
      provision: provision, form: formInstance, reject: reject)
  }
}
