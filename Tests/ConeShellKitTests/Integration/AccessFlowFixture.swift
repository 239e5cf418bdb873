import ConeSandbox
import Foundation
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

  /// `creds PROFILE`, as one run.
  static func creds(
    _ harness: SandboxHarness, _ profile: String, output: CapturedOutput = CapturedOutput()
  ) async throws -> CredentialCache.Entry {
    try await harness.context(output: output).using { context in
      try await CredentialProcessFlow(context: context, c1Profile: nil).credentials(profileName: profile)
    }
  }

  /// `request PROFILE`, as one run; a form is answered by `answer`.
  static func request(
    _ harness: SandboxHarness, _ profile: String, _ options: RequestFlow.Options = RequestFlow.Options(),
    output: CapturedOutput = CapturedOutput(),
    answer: @escaping RequestFlow.FormAnswerer = { _ in .null }
  ) async throws -> ProfileAccess {
    try await harness.context(output: output).using { context in
      try await RequestFlow(service: try AccessService(context: context, c1Profile: nil))
        .run(profileName: profile, options: options, answerForm: answer)
    }
  }

  static func grant(_ harness: SandboxHarness, _ profile: String) -> GrantsFile.Entry? {
    GrantsStore(store: StateStore(paths: Paths(environment: harness.environment()))).read()?.entry(for: profile)
  }

  static func configText(_ harness: SandboxHarness) -> String? {
    try? String(contentsOfFile: harness.home.file(".aws/config"), encoding: .utf8)
  }
}
