import ConeSandbox
import Foundation
import Synchronization
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

/// The access flows run in this process against a real (in-process) sandbox over HTTP,
/// in a temporary HOME, with what they print captured: `setup`, `creds`
/// (credential_process) and `request`, as the e2e suites run them through the binary.
enum AccessFlowFixture {
  static let executable = "/opt/cone-shell/bin/cone-shell"
  static let auto = "production-readonlyaccess"
  static let approval = "production-administratoraccess"
  static let form = "production-databaseadministrator"
  static let denied = "staging-billingaccess"
  static let permissionSets = [
    "production-administratoraccess", "production-databaseadministrator", "production-readonlyaccess",
    "staging-billingaccess", "staging-poweruseraccess",
  ]

  static func setUp(
    _ harness: SandboxHarness, dryRun: Bool = false, output: CapturedOutput = CapturedOutput()
  ) async throws -> ProfileSetup {
    try await harness.context(output: output).using { context in
      try await SetupFlow(context: context).run(
        .init(startURL: harness.exports["CONE_SANDBOX_SSO_START_URL"], executable: executable, dryRun: dryRun))
    }
  }

  /// Signs in to AWS IAM Identity Center with the device flow.
  @discardableResult
  static func signInToAWS(_ harness: SandboxHarness, startURL: String? = nil) async throws -> AWSSignInFlow.SignedIn {
    try await approvingTheSignIn(harness) { context in
      try await AWSSignInFlow(context: context).run(startURL: startURL, region: nil, useDeviceCode: true)
    }
  }

  /// Runs a sign-in `flow` on a terminal and approves the URL it prints, as a person
  /// would in their browser.
  static func approvingTheSignIn<T: Sendable>(
    _ harness: SandboxHarness, _ flow: @escaping @Sendable (ConeContext) async throws -> T
  ) async throws -> T {
    let output = CapturedOutput()
    return try await harness.context(isInteractive: true, output: output).using { context in
      async let signedIn = flow(context)
      // The URL stands on a line of its own, indented.
      let line = try #require(try await output.waitForError(/\n {4}https?:\/\/\S+/))
      let url = line.trimmingCharacters(in: .whitespacesAndNewlines)
      _ = try await harness.sandbox.admin.decideDevice(url, as: nil, approve: true)
      return try await signedIn
    }
  }

  static func grant(_ harness: SandboxHarness, _ profile: String) -> GrantsFile.Entry? {
    GrantsStore(store: StateStore(paths: Paths(environment: harness.environment()))).read()?.entry(for: profile)
  }

  static func configText(_ harness: SandboxHarness) -> String? {
    try? String(contentsOfFile: harness.home.file(".aws/config"), encoding: .utf8)
  }
}

@Suite(.serialized) struct SetupFlowTests {
  typealias Fixture = AccessFlowFixture

  @Test func writesOneProfilePerPermissionSetAndRemembersTheSSOSettings() async throws {
    try await SandboxHarness.with { harness in
      let output = CapturedOutput()
      let plan = try await Fixture.setUp(harness, output: output)
      let created = plan.actions.compactMap { if case .create(let name, _) = $0 { name } else { nil } }
      #expect(created.sorted() == Fixture.permissionSets)
      let text = try #require(Fixture.configText(harness))
      #expect(text.contains("[profile production-readonlyaccess]"))
      #expect(text.contains("credential_process = \(Fixture.executable) creds production-readonlyaccess"))
      #expect(!text.contains("GitHub") && !text.contains("maintainer"))
      let context = harness.context()
      #expect(try context.loadC1Config().awsSSOStartURL == harness.exports["CONE_SANDBOX_SSO_START_URL"])
      let directory = ProfileDirectory(paths: context.paths, store: context.store)
      #expect(try directory.profiles().map(\.name).sorted() == Fixture.permissionSets)
      // Away from a terminal, the catalog's progress is a line or two, not one a page.
      #expect(output.stderr.hasPrefix("Reading the ConductorOne catalog…"))
      #expect(output.stderr.split(separator: "\n").count <= 2)
    }
  }

  @Test func aSecondRunChangesNothing() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let before = Fixture.configText(harness)
      let again = try await Fixture.setUp(harness)
      #expect(again.isEmpty)
      #expect(Fixture.configText(harness) == before)
    }
  }

  @Test func aDryRunPlansAndWritesNothing() async throws {
    try await SandboxHarness.with { harness in
      let plan = try await Fixture.setUp(harness, dryRun: true)
      #expect(plan.actions.count == Fixture.permissionSets.count && plan.ssoSessionChange)
      #expect(Fixture.configText(harness) == nil)
      #expect(try harness.context().loadC1Config().awsSSOStartURL == nil)
    }
  }

  @Test func aStartURLItCannotUseIsRefusedBeforeAnyRequest() async throws {
    try await SandboxHarness.with { harness in
      try await harness.context().using { context in
        let flow = SetupFlow(context: context)
        await #expect(throws: InputError.startURLMissing) {
          _ = try await flow.run(.init(executable: Fixture.executable))
        }
        await #expect(throws: InputError.startURLNotHTTPS) {
          _ = try await flow.run(.init(startURL: "http://acme.awsapps.com/start", executable: Fixture.executable))
        }
      }
      #expect(try await harness.count("POST", "/auth/v1/token") == 0)
    }
  }
}

@Suite(.serialized) struct CredentialProcessFlowTests {
  typealias Fixture = AccessFlowFixture

  private func creds(_ harness: SandboxHarness, _ profile: String, output: CapturedOutput = CapturedOutput()) async throws
    -> CredentialCache.Entry
  {
    try await harness.context(output: output).using { context in
      try await CredentialProcessFlow(context: context, c1Profile: nil).credentials(profileName: profile)
    }
  }

  @Test func anAutoApprovedProfileGetsCredentialsInOneCallAndTheNextFromTheCache() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      try await harness.resetLog()
      let output = CapturedOutput()
      let entry = try await creds(harness, Fixture.auto, output: output)
      #expect(entry.profile == Fixture.auto && entry.roleName == "ReadOnlyAccess" && !entry.accessKeyID.isEmpty)
      #expect(output.stderr.contains("No active grant for \"\(Fixture.auto)\" — submitting access request..."))
      #expect(output.stderr.contains("Access request submitted (task: "))
      #expect(output.stderr.hasSuffix("Access granted!\n"))
      #expect(output.stdout.isEmpty)
      let grant = try #require(Fixture.grant(harness, Fixture.auto))
      #expect(grant.state == .active && grant.expires != nil)
      #expect(try await harness.count("POST", "/api/v1/task/grant") == 1)
      #expect(try await harness.count("GET", "/federation/credentials") == 1)

      let quiet = CapturedOutput()
      #expect(try await creds(harness, Fixture.auto, output: quiet) == entry)
      #expect(quiet.stderr.isEmpty)
      #expect(try await harness.count("GET", "/federation/credentials") == 1)
    }
  }

  @Test func aRoleAWSRefusesLongAfterTheGrantIsNotWaitedFor() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      _ = try await creds(harness, Fixture.auto)
      // The profile now names a role the grant does not give.
      let config = try #require(Fixture.configText(harness))
      let edited = config.replacing("cone_sso_role_name = ReadOnlyAccess", with: "cone_sso_role_name = AdministratorAccess")
      #expect(edited != config)
      try FileSystem.writeAtomically(Array(edited.utf8), to: harness.home.file(".aws/config"))
      // Ten minutes after the grant, a refusal is not AWS still provisioning it.
      let output = CapturedOutput()
      let later = harness.context(output: output, now: { Timestamp.now() + 600 })
      let error = await #expect(throws: SSOError.self) {
        try await later.using { context in
          try await CredentialProcessFlow(context: context, c1Profile: nil).credentials(profileName: Fixture.auto)
        }
      }
      #expect(error?.description.contains("AWS SSO has no AdministratorAccess role in account") == true)
      #expect(error?.description.contains("so AWS is not still provisioning it") == true)
      #expect(!output.stderr.contains("waiting for AWS to finish provisioning"))
    }
  }

  @Test func aProfileNeedingApprovalStopsWithTheSeedsMessageOnce() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      let stop = try await #require(throws: AccessStop.self) { try await creds(harness, Fixture.approval) }
      #expect(stop.status == .pending)
      #expect(stop.message.hasPrefix("Request submitted for \"\(Fixture.approval)\" but requires approval."))
      let number = try #require(stop.task?.number)
      #expect(Fixture.grant(harness, Fixture.approval) == .init(profile: Fixture.approval, state: .pending, task: number))
      // Again: the open request is found, not a second one made.
      let again = try await #require(throws: AccessStop.self) { try await creds(harness, Fixture.approval) }
      #expect(again.status == .pending && again.message.contains("cone-shell task \(number)"))
      #expect(try await harness.count("POST", "/api/v1/task/grant") == 1)
      #expect(CredentialCache(store: harness.context().store).read(Fixture.approval) == nil)
    }
  }

  @Test func aDeniedRequestAndAFormEndWithoutCredentials() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      let denied = try await #require(throws: AccessStop.self) { try await creds(harness, Fixture.denied) }
      #expect(denied.status == .denied && denied.message.hasPrefix("Access request for \"\(Fixture.denied)\" was denied"))
      #expect(Fixture.grant(harness, Fixture.denied) == nil)
      try await harness.resetLog()
      let form = try await #require(throws: AccessStop.self) { try await creds(harness, Fixture.form) }
      #expect(form.status == .formRequired && form.message.contains("cone-shell request \(Fixture.form)"))
      #expect(try await harness.count("POST", "/api/v1/task/grant") == 0)
    }
  }
}

@Suite(.serialized) struct RequestFlowTests {
  typealias Fixture = AccessFlowFixture

  static let answers: JSONValue = .object([
    "ticket": .string("OPS-12"), "reason": .string("incident"), "hours": .integer(2),
    "notify": .array([.string("a@example.com")]), "acknowledge": .bool(true),
  ])

  /// The forms a flow asked to have answered.
  final class FormsAsked: Sendable {
    private let count = Mutex(0)
    var total: Int { count.withLock { $0 } }
    func add() { count.withLock { $0 += 1 } }
  }

  private func request(
    _ harness: SandboxHarness, _ profile: String, _ options: RequestFlow.Options = RequestFlow.Options(),
    output: CapturedOutput = CapturedOutput(), forms: FormsAsked = FormsAsked()
  ) async throws -> ProfileAccess {
    try await harness.context(output: output).using { context in
      let flow = RequestFlow(service: try AccessService(context: context, c1Profile: nil))
      return try await flow.run(profileName: profile, options: options) { _ in
        forms.add()
        return Self.answers
      }
    }
  }

  @Test func aFormIsAnsweredAndOnceApprovedTheGrantIsReported() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let forms = FormsAsked()
      let output = CapturedOutput()
      let stop = try await #require(throws: AccessStop.self) {
        try await request(harness, Fixture.form, output: output, forms: forms)
      }
      let task = try #require(stop.task)
      #expect(stop.status == .pending && stop.message.hasPrefix("Waiting for approval (task: \(task.number))"))
      #expect(output.stderr == "Access request submitted (task: \(task.number))\n")
      #expect(forms.total == 1)
      let sent = try await harness.context().using { try await $0.c1Client(profile: nil).task(id: task.id) }
      #expect(sent.data == Self.answers)

      _ = try await harness.sandbox.admin.approveTask(try #require(Int(task.number)), as: nil)
      let again = CapturedOutput()
      let access = try await request(harness, Fixture.form, output: again, forms: forms)
      #expect(access.state == .active && access.expiresAt != nil)
      #expect(again.stderr.hasPrefix("You already have access to \"\(Fixture.form)\" ("))
      #expect(forms.total == 1)
      #expect(Fixture.grant(harness, Fixture.form)?.state == .active)
    }
  }

  @Test func waitingFollowsTheDecisionAndLeavesCredentialsReady() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      let output = CapturedOutput()
      async let access = request(harness, Fixture.approval, RequestFlow.Options(wait: true), output: output)
      let waiting = try await output.waitForError(/Waiting for approval by bob@example\.com \(task (\d+)\)/)
      let number = try #require(waiting?.firstMatch(of: /task (\d+)/)?.1)
      _ = try await harness.sandbox.admin.approveTask(try #require(Int(number)), as: nil)
      #expect(try await access.state == .active)
      #expect(output.stderr.contains("Access granted!"))
      let context = harness.context()
      #expect(CredentialCache(store: context.store).read(Fixture.approval)?.roleName == "AdministratorAccess")
    }
  }

  @Test func extendingWithoutAGrantPointsAtRequest() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let stop = try await #require(throws: AccessStop.self) {
        try await request(harness, Fixture.auto, RequestFlow.Options(extend: true))
      }
      #expect(stop.status == .noAccess)
      #expect(stop.message == "You have no access to \"\(Fixture.auto)\" to extend: request it with `cone-shell request \(Fixture.auto)`.")
      #expect(try await harness.count("POST", "/api/v1/task/grant") == 0)
    }
  }
}

@Suite(.serialized) struct SignInFlowTests {
  typealias Fixture = AccessFlowFixture

  @Test func aC1SignInSavesAWorkingClientInConesConfig() async throws {
    try await SandboxHarness.with { harness in
      let signedIn = try await Fixture.approvingTheSignIn(harness) { context in
        try await C1SignInFlow(context: context).run(tenant: harness.sandbox.baseURL, profile: nil)
      }
      let context = harness.context()
      #expect(signedIn == .init(
        server: harness.sandbox.baseURL, user: "alice@example.com", profile: "default",
        configFile: context.paths.c1ConfigFile))
      #expect(FileSystem.mode(of: context.paths.c1ConfigFile) == 0o600)
      let saved = try #require(try context.loadC1Config().profile(named: "default"))
      #expect(saved.clientID?.hasSuffix("/pcc") == true && saved.clientSecret?.isEmpty == false)
    }
  }

  @Test func anAWSSignInWritesTheTokenCacheAndRemembersTheStartURL() async throws {
    try await SandboxHarness.with { harness in
      let startURL = try #require(harness.exports["CONE_SANDBOX_SSO_START_URL"])
      let signedIn = try await Fixture.signInToAWS(harness, startURL: startURL)
      let context = harness.context()
      #expect(signedIn.startURL == startURL && signedIn.expiresAt > context.now())
      #expect(try context.loadC1Config().awsSSOStartURL == startURL)
      let session = context.ssoSession(try context.ssoSettings(), interactive: false)
      let token = try #require(await session.cachedToken())
      #expect(token.allowsAccountAccess)
    }
  }

  @Test func anAWSSignInNeedsAStartURL() async throws {
    try await SandboxHarness.with { harness in
      try await harness.context().using { context in
        let error = await #expect(throws: InputError.self) {
          _ = try await AWSSignInFlow(context: context).run(startURL: nil, region: nil, useDeviceCode: true)
        }
        #expect(error == .signInStartURLMissing)
      }
    }
  }
}

@Suite(.serialized) struct CheckFlowTests {
  typealias Fixture = AccessFlowFixture

  private func check(_ harness: SandboxHarness, _ profile: String, refresh: Bool = false) async throws -> CheckFlow.Answer {
    try await harness.context().using { context in
      try await CheckFlow(context: context).run(profileName: profile, refresh: refresh, c1Profile: nil)
    }
  }

  @Test func asksConductorOneUnlessTheLocalFilesKnow() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let none = try await check(harness, Fixture.auto)
      #expect(none.access.state == .none && none.source == "c1")
      #expect(try await check(harness, Fixture.form).access.state == .formRequired)

      try await Fixture.signInToAWS(harness)
      _ = try await harness.context().using { context in
        try await CredentialProcessFlow(context: context, c1Profile: nil).credentials(profileName: Fixture.auto)
      }
      try await harness.resetLog()
      let local = try await check(harness, Fixture.auto)
      #expect(local.access.state == .active && local.source == "cache" && local.access.expiresAt != nil)
      #expect(try await harness.sandbox.admin.requestLog().total == 0)
      let asked = try await check(harness, Fixture.auto, refresh: true)
      #expect(asked.access.state == .active && asked.source == "c1")
    }
  }
}

/// The rest of a grant's life in-process: giving it back, asking for more time, signing out.
@Suite(.serialized) struct LifecycleFlowTests {
  typealias Fixture = AccessFlowFixture

  private func creds(_ harness: SandboxHarness, _ profile: String) async throws -> CredentialCache.Entry {
    try await harness.context().using { context in
      try await CredentialProcessFlow(context: context, c1Profile: nil).credentials(profileName: profile)
    }
  }

  @Test func droppingAGrantForgetsItsCredentialsAndItsPromptLineAtOnce() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      _ = try await creds(harness, Fixture.auto)
      let output = CapturedOutput()
      let dropped = try await harness.context(output: output).using { context in
        let outcome = try await DropFlow(service: try AccessService(context: context, c1Profile: nil))
          .run(profileName: Fixture.auto)
        context.output.show(DropOutput(profile: Fixture.auto, outcome: outcome, now: context.now()), json: false)
        return outcome
      }
      #expect(dropped.isDone && dropped.credentialsExpire != nil)
      #expect(output.stderr.contains("Dropped your access to \"\(Fixture.auto)\" (task \(dropped.task.number))."))
      #expect(output.stderr.contains("AWS cannot recall them."))
      #expect(Fixture.grant(harness, Fixture.auto) == nil)
      #expect(CredentialCache(store: harness.context().store).read(Fixture.auto) == nil)
      let again = try await #require(throws: AccessStop.self) {
        try await harness.context().using { context in
          try await DropFlow(service: try AccessService(context: context, c1Profile: nil)).run(profileName: Fixture.auto)
        }
      }
      #expect(again.status == .noAccess && again.message == "You have no access to \"\(Fixture.auto)\" to drop.")
    }
  }

  @Test func anExtensionAnApproverDeniesLeavesTheGrantAsItWas() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      func request(_ options: RequestFlow.Options) async throws -> ProfileAccess {
        try await harness.context().using { context in
          try await RequestFlow(service: try AccessService(context: context, c1Profile: nil))
            .run(profileName: Fixture.approval, options: options) { _ in .null }
        }
      }
      let first = try await #require(throws: AccessStop.self) { try await request(.init()) }
      let firstNumber = try #require(first.task.flatMap { Int($0.number) })
      _ = try await harness.sandbox.admin.approveTask(firstNumber, as: nil)
      let granted = try await request(.init())
      let end = try #require(granted.expiresAt)

      let output = CapturedOutput()
      async let extended = harness.context(output: output).using { context in
        try await RequestFlow(service: try AccessService(context: context, c1Profile: nil))
          .run(profileName: Fixture.approval, options: .init(wait: true, extend: true)) { _ in .null }
      }
      let waiting = try await output.waitForError(/Waiting for approval by bob@example\.com \(task (\d+)\)/)
      let number = try #require(waiting?.firstMatch(of: /task (\d+)/)?.1)
      _ = try await harness.sandbox.admin.denyTask(try #require(Int(number)), as: nil)
      do {
        _ = try await extended
        Issue.record("a denied extension ended in access")
      } catch let stop as AccessStop {
        #expect(stop.status == .denied)
        #expect(stop.message.hasPrefix("Access request for \"\(Fixture.approval)\" was denied"))
      }
      #expect(output.stderr.hasPrefix("Extension requested (task: \(number))"))
      // The grant itself is untouched: ConductorOne still reports its old end.
      let after = try await request(.init())
      #expect(after.state == .active && after.expiresAt == end)
    }
  }

  @Test func signingOutOfConductorOneAloneKeepsTheAWSSignIn() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      try await Fixture.signInToAWS(harness)
      _ = try await creds(harness, Fixture.auto)
      try await harness.resetLog()
      let report = try await harness.context().using { await SignOutFlow(context: $0).run(aws: false, c1: true) }
      #expect(report.c1TokensRemoved == 1 && report.awsSignedOut.isEmpty && report.awsLogoutFailures.isEmpty)
      #expect(report.credentialsRemoved == 1 && report.grantsRemoved)
      #expect(try await harness.count("POST", "/logout") == 0)
      let context = harness.context()
      #expect(await context.ssoSession(try context.ssoSettings(), interactive: false).cachedToken() != nil)
      // The next call signs in to ConductorOne again by itself, and needs no AWS sign-in.
      _ = try await creds(harness, Fixture.auto)
      #expect(try await harness.count("POST", "/auth/v1/token") == 1)
      #expect(try await harness.count("POST", "/token") == 0)
    }
  }
}

/// The watcher of a pending request, run in-process (it is a detached `watch-task` process
/// in use).
@Suite(.serialized) struct TaskWatcherTests {
  typealias Fixture = AccessFlowFixture

  /// A request for the approval profile, left pending; its task.
  private func pendingRequest(_ harness: SandboxHarness) async throws -> C1Task {
    let stop = try await #require(throws: AccessStop.self) {
      try await harness.context().using { context in
        try await RequestFlow(service: try AccessService(context: context, c1Profile: nil))
          .run(profileName: Fixture.approval, options: .init()) { _ in .null }
      }
    }
    return try #require(stop.task)
  }

  private func watch(_ harness: SandboxHarness, _ task: C1Task, now: @escaping @Sendable () -> Double = Timestamp.now)
    async throws
  {
    try await harness.context(now: now).using { context in
      await TaskWatcher(service: try AccessService(context: context, c1Profile: nil), profileName: Fixture.approval, taskID: task.id)
        .run()
    }
  }

  @Test(.timeLimit(.minutes(1))) func anApprovalReachesTheGrantsFileWithoutACommand() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let task = try await pendingRequest(harness)
      #expect(Fixture.grant(harness, Fixture.approval)?.state == .pending)
      async let watched: Void = watch(harness, task)
      let store = harness.context().store
      while TaskWatcher.running(store: store).isEmpty { try await Task.sleep(for: .milliseconds(50)) }
      #expect(TaskWatcher.running(store: store).map(\.taskNumber) == [task.number])
      _ = try await harness.sandbox.admin.approveTask(try #require(Int(task.number)), as: nil)
      try await watched
      #expect(Fixture.grant(harness, Fixture.approval)?.state == .active)
      #expect(TaskWatcher.running(store: store).isEmpty)
    }
  }

  @Test(.timeLimit(.minutes(1))) func aWatcherGivesUpAfterItsLifetime() async throws {
    try await SandboxHarness.with { harness in
      _ = try await Fixture.setUp(harness)
      let task = try await pendingRequest(harness)
      // Its clock reads true while it starts, then jumps past its lifetime: it stops at
      // its next look, without a decision.
      let start = Timestamp.now()
      try await watch(harness, task) {
        let now = Timestamp.now()
        return now - start < 1 ? now : now + Double(TaskWatcher.lifetime) + 60
      }
      #expect(Fixture.grant(harness, Fixture.approval)?.state == .pending)
      #expect(TaskWatcher.running(store: harness.context().store).isEmpty)
    }
  }
}
