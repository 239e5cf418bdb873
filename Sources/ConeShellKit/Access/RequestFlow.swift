import ConeShellBase

/// `cone-shell request PROFILE`: find or open a grant request (filling its form when it
/// has one), optionally wait for the decision with progress, and once granted make
/// sure AWS credentials are ready, so the command that follows just works.
public struct RequestFlow: Sendable {
  public struct Options: Sendable {
    public var justification: String?
    public var duration: Duration?
    public var wait = false
    /// How long `wait` waits; nil: until the request is decided.
    public var timeout: Duration?
    /// Ask for more time on an active grant (`cone-shell extend`) rather than for a grant.
    public var extend = false

    public init(
      justification: String? = nil, duration: Duration? = nil, wait: Bool = false, timeout: Duration? = nil,
      extend: Bool = false
    ) {
      self.justification = justification
      self.duration = duration
      self.wait = wait
      self.timeout = timeout
      self.extend = extend
    }
  }

  /// Produces a form's requestData (from flags, or by asking a person), given the
  /// form's C1 JSON. Throws `AccessStop(.formRequired…)` when it cannot.
  public typealias FormAnswerer = @Sendable (_ form: JSONValue) async throws -> JSONValue

  public let service: AccessService
  public let directory: ProfileDirectory

  public init(service: AccessService) {
    self.service = service
    directory = ProfileDirectory(paths: service.context.paths, store: service.context.store)
  }

  public func run(
    profileName: String, options: Options, answerForm: FormAnswerer
  ) async throws -> ProfileAccess {
    let context = service.context
    let profile = try directory.profile(named: profileName)
    let server = service.c1.server
    var task: C1Task
    do {
      let lock = try await context.store.lock(
        profile.name, timeout: .seconds(150), purpose: "requesting access for \(profile.name)")
      defer { lock.release() }
      switch try await service.state(of: profile) {
      case .active(let grantEnd) where !options.extend:
        say("You already have access to \"\(profile.name)\"" + Self.until(grantEnd, now: context.now()) + ".")
        return try await finish(profile, grantEnd: grantEnd, server: server, fetch: options.wait)
      case .active(nil):
        throw AccessStop(.success, "Your access to \"\(profile.name)\" has no end: there is nothing to extend.")
      case .active:
        let submitted = try await service.submit(
          profile, justification: options.justification ?? "Extended with cone-shell for the AWS profile \(profile.name)",
          duration: options.duration, requestData: nil, isExtension: true)
        task = submitted.task
        say(submitted.isNew ? "Extension requested (task: \(task.number))" : "A request for \"\(profile.name)\" is already open (task: \(task.number)).")
      case .pending(let open):
        task = open
        say("A request for \"\(profile.name)\" is already open (task: \(task.number)).")
      case .none where options.extend:
        throw AccessStop(
          .noAccess, "You have no access to \"\(profile.name)\" to extend: request it with `cone-shell request \(profile.name)`.")
      case .none:
        let entitlement = try await service.c1.entitlement(appID: profile.appID, id: profile.entitlementID)
        var requestData: JSONValue?
        if let schemaID = entitlement.entitlement.requestSchemaID,
          let form = try await service.c1.requestForm(schemaID: schemaID)
        {
          requestData = try await answerForm(form)
        }
        let justification = options.justification ?? "Requested with cone-shell for the AWS profile \(profile.name)"
        let submitted = try await service.submit(
          profile, justification: justification, duration: options.duration, requestData: requestData,
          entitlement: entitlement)
        task = submitted.task
        say(submitted.isNew ? "Access request submitted (task: \(task.number))" : "A request for \"\(profile.name)\" is already open (task: \(task.number)).")
      }
      if TaskPhase(task) == .waitingForForm, let form = task.currentStep?.form ?? task.form {
        task = try await service.c1.updateRequestData(taskID: task.id, data: try await answerForm(form))
      }
      try? await service.record(profile.name, .pending(task))
    }

    let watched: C1Task
    if options.wait {
      watched = try await waitForDecision(task, profile: profile, timeout: options.timeout)
    } else {
      // Auto-approval takes a poll or two; a person's approval is not waited for.
      watched = try await service.watch(task, timeout: .seconds(30), done: { $0 != .processing })
    }
    switch TaskPhase(watched) {
    case .granted:
      say(AccessMessages.granted)
      // The cached credentials end with the old grant: the next ones carry the new end.
      if options.extend { service.credentialCache.remove(profile.name) }
      guard case .active(let grantEnd) = try await service.state(of: profile) else {
        return try await finish(profile, grantEnd: watched.grantSeconds.map { (watched.outcomeTime ?? context.now()) + $0 }, server: server, fetch: options.wait)
      }
      return try await finish(profile, grantEnd: grantEnd, server: server, fetch: options.wait)
    case .ended(let outcome):
      try? await service.record(profile.name, .none)
      throw AccessStop(.denied, AccessMessages.ended(profile.name, outcome), task: watched)
    case .waitingForApproval, .waitingForForm, .processing:
      try? await service.record(profile.name, .pending(watched))
      TaskWatcher.start(profile: profile.name, task: watched, context: context, c1Profile: service.c1Profile)
      let message =
        options.wait
        ? "Still waiting (task: \(watched.number)); resume with `cone-shell request \(profile.name) --wait`."
        : "Waiting for approval (task: \(watched.number)). Check status: cone-shell task \(watched.number)"
      throw AccessStop(.pending, message, task: watched)
    }
  }

  /// Polls with backoff (about 2 s growing to 10 s), showing the elapsed time and the
  /// step on stderr; Ctrl-C stops waiting and leaves the request open.
  private func waitForDecision(_ task: C1Task, profile: ManagedProfile, timeout: Duration?) async throws -> C1Task {
    let context = service.context
    let progress = context.progressLine()
    var approvers: [String] = []
    for id in task.currentStep?.approverIDs ?? [] {
      approvers.append((try? await service.c1.user(id: id))?.email ?? id)
    }
    let waitingFor = approvers.isEmpty ? "approval" : "approval by \(approvers.joined(separator: ", "))"
    let service = self.service
    do {
      let result = try await Interrupts.cancelling {
        try await service.watch(
          task, timeout: timeout ?? .seconds(86400), initial: .seconds(2), maximum: .seconds(10),
          done: { !$0.isWaiting }
        ) { current, elapsed in
          let step = TaskPhase(current) == .waitingForApproval ? waitingFor : "the request to be processed"
          progress.update(
            "Waiting for \(step) (task \(current.number))… \(ProgressLine.elapsed(elapsed))"
              + (context.stderrIsTerminal ? "  Ctrl-C stops waiting" : ""))
        }
      }
      progress.finish()
      return result
    } catch is CancellationError {
      progress.finish()
      TaskWatcher.start(profile: profile.name, task: task, context: context, c1Profile: service.c1Profile)
      throw AccessStop(
        .interrupted,
        "Stopped waiting. The request stays open (task: \(task.number)): resume with "
          + "`cone-shell request \(profile.name) --wait`, or check it with `cone-shell task \(task.number)`.",
        task: task)
    }
  }

  /// Records the grant and, when asked, makes sure credentials are cached (a sign-in
  /// may happen here, on the terminal, rather than inside credential_process).
  private func finish(
    _ profile: ManagedProfile, grantEnd: Double?, server: C1Server, fetch: Bool
  ) async throws -> ProfileAccess {
    let context = service.context
    if fetch, service.cachedCredentials(for: profile) == nil {
      _ = try await service.credentials(for: profile, grantEnd: grantEnd, interactive: context.isInteractive)
    } else {
      try? await service.record(profile.name, .active(grantEnd: grantEnd))
    }
    return ProfileAccess(
      profile: profile.name, accountID: profile.accountID, roleName: profile.roleName, state: .active,
      expiresAt: grantEnd)
  }

  private func say(_ text: String) {
    service.context.output.message(text + "\n")
  }

  public static func until(_ end: Double?, now: Double) -> String {
    guard let end else { return " (no end)" }
    return " (\(Duration.seconds(max(0, end - now)).spelled) left)"
  }
}
