import Foundation

/// What `POST /api/v1/task/grant` asks for, after parsing.
struct GrantRequest: Sendable {
  var appId: String
  var entitlementId: String
  var identityUserId: String?
  var description: String
  var grantDuration: TimeInterval?
  var requestData: [String: WireJSON]?
  var emergencyAccess: Bool
  /// `source.isExtension`: more time on the user's active grant rather than a new one.
  var isExtension = false
}

/// The filters of `POST /api/v1/search/tasks` that the sandbox honours.
struct TaskFilter: Sendable {
  var openerIds: Set<String> = []
  var subjectIds: Set<String> = []
  var openerOrSubjectUserId: String?
  var stepApproverId: String?
  var open: Bool?
  var kinds: Set<AccessTask.Kind> = []
  var entitlementIds: Set<String> = []
  var appIds: Set<String> = []
  var ids: Set<String> = []
  var excludedIds: Set<String> = []
  var query: String?
  var oldestFirst = false
}

extension Tenant {
  // MARK: Creating

  func createGrantTask(_ request: GrantRequest, callerId: String) throws(C1Error) -> AccessTask {
    settle()
    guard let entitlement = catalog.entitlement(id: request.entitlementId), entitlement.appId == request.appId else {
      throw .notFound("app entitlement \(request.entitlementId) in app \(request.appId)")
    }
    let identityId = request.identityUserId ?? callerId
    guard catalog.user(id: identityId) != nil else { throw .notFound("user \(identityId)") }
    if request.isExtension, activeGrant(userId: identityId, entitlementId: entitlement.id) == nil {
      throw C1Error(.failedPrecondition, "the user has no active grant of \(entitlement.displayName) to extend")
    }
    if let duration = request.grantDuration {
      guard duration > 0 else { throw C1Error(.invalidArgument, "grant duration must be greater than zero") }
      if let max = entitlement.maxGrant, duration > max {
        throw C1Error(
          .invalidArgument,
          "grant duration must be less than or equal to max provision time (\(DurationText.go(max)))")
      }
    }
    if let open = openTasks[Self.openKey(identityId, entitlement.id)] {
      throw C1Error(
        .alreadyExists,
        "duplicate ticket found: task \(tasks[open].numericId) is already open for this user and entitlement",
        details: [.object(["@type": .string("type.googleapis.com/c1.api.task.v1.TaskRef"), "id": .string(tasks[open].id)])])
    }
    let form = entitlement.requestSchemaId.flatMap { catalog.forms[$0] }
    if let data = request.requestData, let form {
      try FormValidator.validate(data, against: form.form)
    }
    let time = now
    var task = newTask(
      kind: .grant, entitlement: entitlement, identityUserId: identityId, createdBy: callerId,
      description: request.description, grantDuration: request.grantDuration ?? entitlement.maxGrant,
      emergencyAccess: request.emergencyAccess, at: time)
    task.data = request.requestData
    task.isExtension = request.isExtension
    task.upcoming = plan(for: entitlement)
    if form != nil, request.requestData != nil, task.upcoming.first == .form {
      // The form was filled in with the request: its step is done at once.
      task.upcoming.removeFirst()
      task.history.append(PolicyStep(
        id: stepId(task), kind: .form, startedAt: time, result: .formCompleted(userId: callerId, at: time)))
    }
    return begin(task, at: time)
  }

  func createRevokeTask(
    appId: String, entitlementId: String, identityUserId: String?, description: String, callerId: String
  ) throws(C1Error) -> AccessTask {
    settle()
    guard let entitlement = catalog.entitlement(id: entitlementId), entitlement.appId == appId else {
      throw .notFound("app entitlement \(entitlementId) in app \(appId)")
    }
    let identityId = identityUserId ?? callerId
    guard activeGrant(userId: identityId, entitlementId: entitlementId) != nil else {
      throw C1Error(.failedPrecondition, "the user has no grant of \(entitlement.displayName) to revoke")
    }
    let time = now
    var task = newTask(
      kind: .revoke, entitlement: entitlement, identityUserId: identityId, createdBy: callerId,
      description: description, grantDuration: nil, emergencyAccess: false, at: time)
    task.upcoming = [.provision]
    return begin(task, at: time)
  }

  private func newTask(
    kind: AccessTask.Kind, entitlement: CatalogEntitlement, identityUserId: String, createdBy: String,
    description: String, grantDuration: TimeInterval?, emergencyAccess: Bool, at time: Date
  ) -> AccessTask {
    let numericId = Self.firstTaskNumber + tasks.count
    return AccessTask(
      id: Identifier.ksuid("task:\(catalog.tenantId):\(numericId)"), numericId: numericId, kind: kind,
      entitlementId: entitlement.id, appId: entitlement.appId,
      appUserId: catalog.appUserId(appId: entitlement.appId, userId: identityUserId),
      identityUserId: identityUserId, createdByUserId: createdBy, description: description,
      grantDuration: grantDuration, emergencyAccess: emergencyAccess, createdAt: time, updatedAt: time)
  }

  /// The steps an entitlement's policy puts a grant request through.
  private func plan(for entitlement: CatalogEntitlement) -> [PolicyStep.Kind] {
    let form: [PolicyStep.Kind] = entitlement.requestSchemaId == nil ? [] : [.form]
    switch entitlement.policy {
    case .auto: return form + [.provision]
    case .approval: return form + [.approval(approverIds: [entitlement.approverId].compactMap { $0 }), .provision]
    case .deny: return form + [.reject(message: "Requests for \(entitlement.displayName) are denied by policy.")]
    }
  }

  private func begin(_ task: AccessTask, at time: Date) -> AccessTask {
    var task = task
    tasks.append(task)
    advance(&task, at: time)
    store(task)
    return task
  }

  // MARK: Moving through the policy

  /// Starts steps until one waits (form, approval, delayed provisioning) or the task closes.
  func advance(_ task: inout AccessTask, at time: Date) {
    task.updatedAt = max(task.updatedAt, time)
    while task.isOpen, task.current == nil {
      guard !task.upcoming.isEmpty else {
        finish(&task, task.kind == .grant ? .granted : .revoked, at: time)
        return
      }
      var step = PolicyStep(id: stepId(task), kind: task.upcoming.removeFirst(), startedAt: time)
      switch step.kind {
      case .form, .approval:
        task.current = step
      case .provision:
        let delay = task.kind == .grant ? (catalog.entitlement(id: task.entitlementId)?.processingDelay ?? 0) : 0
        if delay > 0 {
          step.dueAt = time + delay
          task.current = step
        } else {
          step.result = .provisioned(at: time)
          task.history.append(step)
        }
      case .reject:
        step.result = .rejected(at: time)
        task.history.append(step)
        finish(&task, .denied, at: time)
      }
    }
  }

  private func finish(_ task: inout AccessTask, _ outcome: AccessTask.Outcome, at time: Date) {
    task.outcome = outcome
    task.outcomeTime = time
    task.updatedAt = max(task.updatedAt, time)
    switch outcome {
    case .granted where task.isExtension:
      // C1 does not document an extension's effect; the sandbox infers it: the grant
      // ends at the later of its end and the decision plus the duration (which the
      // request already kept within the entitlement's maximum).
      if let grant = grants[task.identityUserId]?[task.entitlementId], grant.isActive(at: time),
        let end = grant.deprovisionAt
      {
        grants[task.identityUserId]?[task.entitlementId]?.deprovisionAt = task.grantDuration.map { max(end, time + $0) }
      }
    case .granted:
      let entitlement = catalog.entitlement(id: task.entitlementId)
      grants[task.identityUserId, default: [:]][task.entitlementId] = Grant(
        appId: task.appId, entitlementId: task.entitlementId, appUserId: task.appUserId,
        userId: task.identityUserId, createdAt: time,
        deprovisionAt: task.grantDuration.map { time + $0 },
        effectiveAt: time + (entitlement?.provisioningDelay ?? 0))
    case .revoked:
      grants[task.identityUserId]?[task.entitlementId]?.deletedAt = time
    case .denied, .cancelled:
      break
    }
  }

  /// Saves a changed task and keeps the open-task and provisioning indexes in step.
  func store(_ task: AccessTask) {
    let index = task.numericId - Self.firstTaskNumber
    tasks[index] = task
    let key = Self.openKey(task.identityUserId, task.entitlementId)
    if task.isOpen {
      openTasks[key] = index
    } else if openTasks[key] == index {
      openTasks[key] = nil
    }
    if task.isOpen, task.current?.dueAt != nil {
      provisioningTasks.insert(index)
    } else {
      provisioningTasks.remove(index)
    }
  }

  private func stepId(_ task: AccessTask) -> String {
    Identifier.ksuid("policy-step:\(task.id):\(task.history.count)")
  }

  static func openKey(_ userId: String, _ entitlementId: String) -> String {
    "\(userId)/\(entitlementId)"
  }

  // MARK: Task actions

  /// A task by its ID or its number.
  func task(_ reference: String) throws(C1Error) -> AccessTask {
    settle()
    return try lookUp(reference)
  }

  private func lookUp(_ reference: String) throws(C1Error) -> AccessTask {
    if let number = Int(reference), number >= Self.firstTaskNumber, number - Self.firstTaskNumber < tasks.count {
      return tasks[number - Self.firstTaskNumber]
    }
    // Task IDs are derived from their numbers, so the lookup by ID needs no index.
    if let task = tasks.first(where: { $0.id == reference }) {
      return task
    }
    throw .notFound("task \(reference)")
  }

  /// Checks that an action addresses the step the task is at now.
  private func currentStep(
    of task: AccessTask, policyStepId: String?, required: Bool
  ) throws(C1Error) -> PolicyStep {
    guard task.isOpen, let current = task.current else {
      throw C1Error(.failedPrecondition, "task \(task.numericId) is not waiting for an action")
    }
    if let policyStepId, !policyStepId.isEmpty {
      guard policyStepId == current.id else {
        throw C1Error(.failedPrecondition, "policy step \(policyStepId) is not the current step of task \(task.numericId)")
      }
    } else if required {
      throw C1Error(.invalidArgument, "invalid request: policyStepId is required")
    }
    return current
  }

  /// Answers the approval step of a task as `userId`, one of its approvers. An approval
  /// moves the task on to its next step; a denial closes it. `requireStep`: whether
  /// `policyStepId` must be given (the C1 action's rule; the admin commands need not).
  func decide(
    _ reference: String, _ decision: ApprovalDecision, policyStepId: String?, userId: String, requireStep: Bool
  ) throws(C1Error) -> AccessTask {
    settle()
    var task = try lookUp(reference)
    let step = try currentStep(of: task, policyStepId: policyStepId, required: requireStep)
    guard case .approval(let approvers) = step.kind else {
      throw C1Error(.failedPrecondition, "task \(task.numericId) is not waiting for an approval")
    }
    guard approvers.contains(userId) else {
      throw C1Error(.permissionDenied, "you are not an approver of task \(task.numericId)")
    }
    let time = now
    task.current?.result = decision == .approve ? .approved(userId: userId, at: time) : .denied(userId: userId, at: time)
    task.history.append(task.current!)
    task.current = nil
    switch decision {
    case .approve: advance(&task, at: time)
    case .deny: finish(&task, .denied, at: time)
    }
    store(task)
    return task
  }

  func comment(_ reference: String) throws(C1Error) -> AccessTask {
    settle()
    var task = try lookUp(reference)
    task.commentCount += 1
    task.updatedAt = now
    store(task)
    return task
  }

  /// Escalates an open grant request to emergency access, as the requester does with
  /// `cone task escalate`. The scenario has no emergency policy of its own, so the task
  /// keeps its steps and only carries the flag the API reports.
  func escalate(_ reference: String, userId: String) throws(C1Error) -> AccessTask {
    settle()
    var task = try lookUp(reference)
    guard task.kind == .grant, task.isOpen else {
      throw C1Error(.failedPrecondition, "task \(task.numericId) is not an open access request")
    }
    guard task.isRequester(userId) else {
      throw C1Error(.permissionDenied, "only the requester can escalate task \(task.numericId)")
    }
    task.emergencyAccess = true
    task.updatedAt = now
    store(task)
    return task
  }

  /// Submits the form of a task waiting at its form step; invalid data leaves it waiting.
  func updateRequestData(_ reference: String, data: [String: WireJSON], userId: String) throws(C1Error) -> AccessTask {
    settle()
    var task = try lookUp(reference)
    let step = try currentStep(of: task, policyStepId: nil, required: false)
    guard step.kind == .form,
      let form = catalog.entitlement(id: task.entitlementId)?.requestSchemaId.flatMap({ catalog.forms[$0] })
    else {
      throw C1Error(.failedPrecondition, "task \(task.numericId) is not waiting for request data")
    }
    guard task.isRequester(userId) else {
      throw C1Error(.permissionDenied, "only the requester can fill in the form of task \(task.numericId)")
    }
    try FormValidator.validate(data, against: form.form)
    let time = now
    task.data = data
    task.current?.result = .formCompleted(userId: userId, at: time)
    task.history.append(task.current!)
    task.current = nil
    advance(&task, at: time)
    store(task)
    return task
  }

  // MARK: Searching

  func searchTasks(_ filter: TaskFilter, offset: Int, limit: Int) -> (tasks: [AccessTask], next: Int?) {
    settle()
    let query = filter.query?.lowercased()
    let ordered: [AccessTask] = filter.oldestFirst ? tasks : tasks.reversed()
    let matches = ordered.lazy.filter { task in
      (filter.openerIds.isEmpty || filter.openerIds.contains(task.createdByUserId))
        && (filter.subjectIds.isEmpty || filter.subjectIds.contains(task.identityUserId))
        && (filter.openerOrSubjectUserId.map(task.isRequester) ?? true)
        && (filter.stepApproverId.map { task.stepApproverIds.contains($0) } ?? true)
        && (filter.open.map { $0 == task.isOpen } ?? true)
        && (filter.kinds.isEmpty || filter.kinds.contains(task.kind))
        && (filter.entitlementIds.isEmpty || filter.entitlementIds.contains(task.entitlementId))
        && (filter.appIds.isEmpty || filter.appIds.contains(task.appId))
        && (filter.ids.isEmpty || filter.ids.contains(task.id))
        && !filter.excludedIds.contains(task.id)
        && (query.map { query in
          [self.catalog.displayName(of: task), task.description, task.id, String(task.numericId)]
            .contains { $0.lowercased().contains(query) }
        } ?? true)
    }
    let page = Array(matches.dropFirst(offset).prefix(limit + 1))
    return (Array(page.prefix(limit)), page.count > limit ? offset + limit : nil)
  }

  // MARK: Grants

  /// The user's grant of an entitlement while it lasts.
  func activeGrant(userId: String, entitlementId: String) -> Grant? {
    settle()
    guard let grant = grants[userId]?[entitlementId], grant.isActive(at: now) else { return nil }
    return grant
  }

  /// `POST /api/v1/search/request_catalog/entitlements` for `userId`.
  func searchRequestCatalog(
    _ query: CatalogQuery, userId: String, from start: Int, limit: Int
  ) -> (matches: [(entitlement: CatalogEntitlement, grant: Grant?)], next: Int?) {
    settle()
    let time = now
    let userGrants = (grants[userId] ?? [:]).filter { $0.value.isActive(at: time) }
    var matches: [(entitlement: CatalogEntitlement, grant: Grant?)] = []
    var index = max(0, start)
    let entitlements = catalog.entitlements
    while index < entitlements.count {
      let entitlement = entitlements[index]
      index += 1
      let grant = userGrants[entitlement.id]
      guard query.matches(entitlement, catalog: catalog, granted: grant != nil) else { continue }
      if matches.count == limit {
        return (matches, index - 1)
      }
      matches.append((entitlement, grant))
    }
    return (matches, nil)
  }
}
