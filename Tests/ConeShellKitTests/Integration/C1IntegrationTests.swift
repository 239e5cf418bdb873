import ConeSandbox
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

/// The C1 client against a real (in-process) sandbox over HTTP.
@Suite(.serialized) struct C1IntegrationTests {
  @Test func tokenAndUserAreCachedOnDiskAcrossRuns() async throws {
    try await SandboxHarness.with { harness in
      let first = try await harness.context().using { try await $0.c1Client(profile: nil).currentUserID() }
      #expect(try await harness.count("POST", "/auth/v1/token") == 1)
      #expect(try await harness.count("GET", "/api/v1/auth/introspect") == 1)
      let store = StateStore(paths: Paths(environment: harness.environment()))
      let files = try listing(store.directory).filter { $0.hasPrefix("c1-token-") }
      #expect(files.count == 1)
      #expect(FileSystem.mode(of: store.path(files[0])) == 0o600)
      #expect(FileSystem.mode(of: store.directory) == 0o700)
      // A second run inside the token's lifetime asks for nothing.
      let second = try await harness.context().using { try await $0.c1Client(profile: nil).currentUserID() }
      #expect(first == second)
      #expect(try await harness.count("POST", "/auth/v1/token") == 1)
      #expect(try await harness.count("GET", "/api/v1/auth/introspect") == 1)
    }
  }

  @Test func anExpiredTokenIsRenewedAndTheUserIDKept() async throws {
    try await SandboxHarness.with { harness in
      _ = try await harness.context().using { try await $0.c1Client(profile: nil).currentUserID() }
      // Age the cached token past its end, as time would.
      let store = StateStore(paths: Paths(environment: harness.environment()))
      let name = try #require(try listing(store.directory).first { $0.hasPrefix("c1-token-") })
      var entry = try JSONValue.decoded(from: #require(try store.read(name))).objectValue!
      entry["expiresAt"] = .number(Timestamp.now() - 10)
      try store.write(name, Array(try JSONValue.object(entry).encodedText().utf8))
      let user = try await harness.context().using { context in
        let client = try context.c1Client(profile: nil)
        return try await client.user(id: client.currentUserID())
      }
      #expect(user.email == "alice@example.com")
      #expect(try await harness.count("POST", "/auth/v1/token") == 2)
      // The user behind a credential does not change with its token.
      #expect(try await harness.count("GET", "/api/v1/auth/introspect") == 1)
    }
  }

  @Test func aTokenTheServerRefusesIsReplacedOnce() async throws {
    try await SandboxHarness.with { harness in
      _ = try await harness.context().using { try await $0.c1Client(profile: nil).currentUserID() }
      // The sandbox forgets its tokens after the clock moves past their lifetime; the
      // client still believes in its cached one.
      _ = try await harness.sandbox.admin.advanceClock(by: 2 * 3600)
      let user = try await harness.context().using { context in
        let client = try context.c1Client(profile: nil)
        return try await client.user(id: client.currentUserID())
      }
      #expect(user.email == "alice@example.com")
      #expect(try await harness.count("POST", "/auth/v1/token") == 2)
    }
  }

  @Test func retriesIdempotentCallsThrough503sDropsAndLatency() async throws {
    try await SandboxHarness.with { harness in
      try await harness.context().using { context in
        let client = try context.c1Client(profile: nil)
        let id = try await client.currentUserID()
        try await harness.resetLog()
        _ = try await harness.sandbox.admin.addFault(Fault(path: "/api/v1/users/*", action: .status(503), count: 2))
        #expect(try await client.user(id: id).email == "alice@example.com")
        #expect(try await harness.count("GET", "/api/v1/users/{id}") == 3)

        _ = try await harness.sandbox.admin.addFault(Fault(path: "/api/v1/users/*", action: .drop, count: 1))
        #expect(try await client.user(id: id).email == "alice@example.com")
      }
      // Latency beyond the read timeout is a retry too.
      try await harness.context(["CONE_SHELL_HTTP_TIMEOUT": "1"]).using { context in
        let client = try context.c1Client(profile: nil)
        let id = try await client.currentUserID()
        _ = try await harness.sandbox.admin.addFault(Fault(path: "/api/v1/users/*", action: .latency(3), count: 1))
        #expect(try await client.user(id: id).email == "alice@example.com")
      }
    }
  }

  @Test func afterTheLastTryTheErrorSaysWhatFailedAndWhere() async throws {
    try await SandboxHarness.with { harness in
      try await harness.context().using { context in
        let client = try context.c1Client(profile: nil)
        let id = try await client.currentUserID()
        _ = try await harness.sandbox.admin.addFault(Fault(path: "/api/v1/users/*", action: .status(503), count: 10))
        do {
          _ = try await client.user(id: id)
          Issue.record("expected an error")
        } catch {
          let text = "\(error)"
          #expect(text.contains("GET \(harness.exports["CONE_API_ENDPOINT"]!)/api/v1/users/"))
          #expect(text.contains("503") && text.contains("after 3 attempts"))
        }
      }
    }
  }

  @Test func creatingATaskIsNeverRetriedBlindly() async throws {
    try await SandboxHarness.with { harness in
      try await harness.context().using { context in
        let client = try context.c1Client(profile: nil)
        let userID = try await client.currentUserID()
        let catalog = try await client.catalogEntitlements()
        let readOnly = try #require(catalog.first { $0.entitlement.displayName == "ReadOnlyAccess Permission Set" && $0.resource?.displayName == "Production" })
        _ = try await harness.sandbox.admin.addFault(Fault(path: "/api/v1/task/grant", action: .status(503), count: 1))
        await #expect(throws: (any Error).self) {
          _ = try await client.createGrantTask(
            appID: readOnly.entitlement.appID, entitlementID: readOnly.entitlement.id, userID: userID,
            justification: "test", durationSeconds: 3600, requestData: nil)
        }
        #expect(try await harness.count("POST", "/api/v1/task/grant") == 1)
      }
    }
  }

  @Test func aLostAnswerToACreateFindsTheTaskInsteadOfOpeningAnother() async throws {
    try await SandboxHarness.with { harness in
      try await harness.context().using { context in
        let service = try AccessService(context: context, c1Profile: nil)
        let profile = try await Self.profile(harness, context, "AdministratorAccess")
        // The sandbox handles the request, then cuts the answer short.
        _ = try await harness.sandbox.admin.addFault(Fault(path: "/api/v1/task/grant", action: .truncate, count: 1))
        let (task, isNew) = try await service.submit(profile, justification: "test", duration: nil, requestData: nil)
        #expect(isNew)
        #expect(try await harness.count("POST", "/api/v1/task/grant") == 1)
        let open = try await service.c1.openGrantTasks(userID: service.c1.currentUserID(), entitlementID: profile.entitlementID)
        #expect(open.map(\.id) == [task.id])
      }
    }
  }

  @Test func duplicateRequestsPointAtTheOpenTask() async throws {
    try await SandboxHarness.with { harness in
      try await harness.context().using { context in
        let client = try context.c1Client(profile: nil)
        let userID = try await client.currentUserID()
        let profile = try await Self.profile(harness, context, "AdministratorAccess")
        let first = try await client.createGrantTask(
          appID: profile.appID, entitlementID: profile.entitlementID, userID: userID, justification: "a",
          durationSeconds: 3600, requestData: nil)
        await #expect {
          _ = try await client.createGrantTask(
            appID: profile.appID, entitlementID: profile.entitlementID, userID: userID, justification: "b",
            durationSeconds: 3600, requestData: nil)
        } throws: { error in
          guard case C1Error.duplicateRequest(let taskID, let message) = error else { return false }
          return taskID == first.id && message.contains("duplicate ticket found")
        }
      }
    }
  }

  @Test func aCredentialSignedWithAnotherKeyIsRefusedWithAnActionableMessage() async throws {
    try await SandboxHarness.with { harness in
      // A well-formed secret for the same client id, but not the registered key.
      let other = C1ClientCredentialTests.secret(for: .init())
      await #expect {
        try await harness.context(["CONE_CLIENT_SECRET": other]).using { try await $0.c1Client(profile: nil).currentUserID() }
      } throws: { error in
        guard case C1Error.unauthenticated = error else { return false }
        return "\(error)".contains("cone-shell login") && ExitStatus.of(error) == .signInRequired
      }
    }
  }

  /// A managed profile for one of the default Production permission sets.
  static func profile(_ harness: SandboxHarness, _ context: ConeContext, _ role: String) async throws -> ManagedProfile {
    let catalog = try await context.c1Client(profile: nil).catalogEntitlements()
    let view = try #require(catalog.first { $0.entitlement.displayName == "\(role) Permission Set" && $0.resource?.displayName == "Production" })
    let set = try #require(AWSPermissionSet(view))
    return ManagedProfile(
      name: set.profileName, appID: set.appID, entitlementID: set.entitlementID, accountID: set.accountID,
      roleName: set.roleName, ssoRegion: "us-east-1", ssoStartURL: harness.exports["CONE_SANDBOX_SSO_START_URL"])
  }
}

func listing(_ path: String) throws -> [String] {
  guard let dir = opendir(path) else { return [] }
  defer { closedir(dir) }
  var names: [String] = []
  while let entry = readdir(dir) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    if name != "." && name != ".." { names.append(name) }
  }
  return names.sorted()
}
