import ConeSandbox
import Testing
@testable import ConeShellBase
@testable import ConeShellKit

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
