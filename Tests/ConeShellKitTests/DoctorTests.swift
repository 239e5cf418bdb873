import Crypto
import Testing

@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct DoctorReportTests {
  let report = DoctorReport(checks: [
    DoctorCheck("binary", .ok, "/usr/local/bin/cone-shell, version 1"),
    DoctorCheck("aws-sso", .error, "not signed in", fix: "cone-shell login --aws"),
    DoctorCheck("path", .warning, "not on PATH", fix: "add it"),
    DoctorCheck("c1", .skipped, "not checked (--offline)"),
  ])

  @Test func textHasOneLinePerCheckAndTheFixesBelow() {
    #expect(
      report.text(style: .init(unicode: true, color: false)) == """
        ✓ binary   /usr/local/bin/cone-shell, version 1
        ✗ aws-sso  not signed in
                   → cone-shell login --aws
        ! path     not on PATH
                   → add it
        – c1       not checked (--offline)

        1 problem and 1 warning (1 skipped): see the fixes above.
        """)
  }

  @Test func asciiMarksWithoutUnicode() {
    let text = report.text(style: .init(unicode: false, color: false))
    #expect(text.hasPrefix("ok   binary   /usr/local/bin/cone-shell, version 1\nFAIL aws-sso  not signed in\n"))
    #expect(text.contains("\n              -> cone-shell login --aws\n"))
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test func colourWrapsOnlyTheMark() {
    let text = report.text(style: .init(unicode: true, color: true))
    #expect(text.hasPrefix("\u{1B}[32m✓\u{1B}[0m binary"))
    #expect(text.contains("\u{1B}[31m✗\u{1B}[0m aws-sso"))
  }

  @Test func healthyUnlessACheckFailed() {
    #expect(!report.isHealthy)
    let fine = DoctorReport(checks: [DoctorCheck("a", .ok, "x"), DoctorCheck("b", .warning, "y")])
    #expect(fine.isHealthy)
    #expect(fine.summary == "1 warning: see the fixes above.")
    #expect(
      DoctorReport(checks: [DoctorCheck("a", .ok, "x"), DoctorCheck("c", .skipped, "z")]).summary
        == "All 1 checks passed (1 skipped).")
  }

  @Test func jsonIsStable() throws {
    let value = try JSONValue.decoded(from: Array(report.json.rendered.utf8))
    guard case .object(let object) = value, case .array(let checks)? = object["checks"] else {
      Issue.record("not an object with checks: \(report.json)")
      return
    }
    #expect(object["schema"] == .integer(1))
    #expect(object["healthy"] == .bool(false))
    #expect(
      object["summary"]
        == .object(["ok": .integer(1), "warning": .integer(1), "error": .integer(1), "skipped": .integer(1)]))
    #expect(checks.count == 4)
    #expect(
      checks[1]
        == .object([
          "name": .string("aws-sso"), "status": .string("error"), "message": .string("not signed in"),
          "fix": .string("cone-shell login --aws"),
        ]))
    #expect(
      checks[0]
        == .object([
          "name": .string("binary"), "status": .string("ok"),
          "message": .string("/usr/local/bin/cone-shell, version 1"), "fix": .null,
        ]))
  }

  @Test func styleFollowsTheLocaleTheTerminalAndTheFlags() {
    let utf8 = Environment(["LANG": "en_US.UTF-8", "TERM": "xterm"])
    #expect(DoctorReport.Style(environment: utf8, isTerminal: true, plain: false) == .init(unicode: true, color: true))
    #expect(
      DoctorReport.Style(environment: utf8, isTerminal: false, plain: false) == .init(unicode: true, color: false))
    #expect(DoctorReport.Style(environment: utf8, isTerminal: true, plain: true) == .init(unicode: false, color: false))
    let c = Environment(["LANG": "en_US.UTF-8", "LC_ALL": "C"])
    #expect(DoctorReport.Style(environment: c, isTerminal: false, plain: false).unicode == false)
    let noColor = Environment(["LC_CTYPE": "C.utf8", "NO_COLOR": "1"])
    #expect(
      DoctorReport.Style(environment: noColor, isTerminal: true, plain: false) == .init(unicode: true, color: false))
  }
}

@Suite struct ShellHookMarkerTests {
  @Test func parsesWhatTheShellsExport() {
    #expect(ShellHookMarker("bash 42 init") == ShellHookMarker(shell: "bash", processID: 42, lastPrompt: nil))
    #expect(ShellHookMarker("zsh 42 prompt 1800000000")?.lastPrompt == .at(1_800_000_000))
    // fish without a grants file knows no time; bash 4.4 neither.
    #expect(ShellHookMarker("fish 7 prompt ")?.lastPrompt == .unknownTime)
    #expect(ShellHookMarker("bash 7 prompt")?.lastPrompt == .unknownTime)
    for bad in ["", "sh 1 init", "bash x init", "bash 0 init", "bash 1 later", "bash 1 init 5", "bash 1 prompt x"] {
      #expect(ShellHookMarker(bad) == nil, "\(bad)")
    }
  }
}

@Suite struct DoctorCheckTests {
  let home = TemporaryDirectory()

  func doctor(_ variables: [String: String] = [:], parent: Int32 = 4242, name: String? = "bash") -> DoctorScope {
    let environment = Environment(home.environment.variables.merging(variables) { $1 })
    return DoctorScope(
      context: ConeContext(environment: environment, isInteractive: false, now: { 1_800_000_000 }),
      options: .init(executablePath: "/opt/cone/bin/cone-shell", parentProcessID: parent, parentProcessName: name))
  }

  func write(_ path: String, _ text: String, mode: mode_t = 0o600) throws {
    try FileSystem.createDirectory(FileSystem.parentDirectory(of: home.file(path)), mode: 0o700)
    try FileSystem.writeAtomically(Array(text.utf8), to: home.file(path), mode: mode)
  }

  // MARK: config

  @Test func configWithoutACredential() throws {
    #expect(
      ConfigProbe().inspect(in: doctor()).check
        == DoctorCheck(
          "config", .error, "no ~/.conductorone/config.yaml: not signed in to ConductorOne",
          fix: "cone-shell login <tenant>"))
    try write(".conductorone/config.yaml", "aws_sso_start_url: https://x.awsapps.com/start\n")
    #expect(
      ConfigProbe().inspect(in: doctor(["CONE_PROFILE": "work"])).check
        == DoctorCheck(
          "config", .error,
          "~/.conductorone/config.yaml has no client credential for profile \"work\": not signed in to ConductorOne",
          fix: "cone-shell login <tenant> --c1-profile work"))
  }

  @Test func configThatDoesNotParse() throws {
    try write(".conductorone/config.yaml", "- a list\n")
    let check = ConfigProbe().inspect(in: doctor()).check
    #expect(check.status == .error && check.message.contains("is not a valid cone config"))
    #expect(check.fix == "fix or move ~/.conductorone/config.yaml")
  }

  @Test func configReadableByOthers() throws {
    let secret = C1ClientCredentialTests.secret(for: Curve25519.Signing.PrivateKey())
    try write(
      ".conductorone/config.yaml",
      "profiles:\n  default:\n    client-id: a@acme.conductor.one/pcc\n    client-secret: \(secret)\n",
      mode: 0o644)
    #expect(
      ConfigProbe().inspect(in: doctor()).check
        == DoctorCheck(
          "config", .warning, "~/.conductorone/config.yaml is readable by others (mode 0644) and holds a client secret",
          fix: "chmod 600 ~/.conductorone/config.yaml"))
    chmod(home.file(".conductorone/config.yaml"), 0o600)
    let fine = ConfigProbe().inspect(in: doctor())
    #expect(
      fine.check
        == DoctorCheck("config", .ok, "~/.conductorone/config.yaml: profile \"default\" has a client credential"))
    #expect(fine.account?.server.host == "acme.conductor.one")
  }

  // MARK: AWS SSO

  @Test func ssoTokenStates() throws {
    var config = C1Config()
    config.awsSSOStartURL = "https://x.awsapps.com/start"
    let settings = SSOSettings(config: config, environment: home.environment)!
    let files = SSOCacheFiles(directory: home.file(".aws/sso/cache"), settings: settings)
    #expect(SSOSignInProbe(config: config).check(in: doctor()).fix == "cone-shell login --aws")
    try FileSystem.createDirectory(files.directory)
    let now = 1_800_000_000.0
    func check(expiresIn: Double, refreshable: Bool) throws -> DoctorCheck {
      try files.write(
        SSOToken(
          startURL: settings.startURL, region: "us-east-1", accessToken: "t", expiresAt: now + expiresIn,
          clientID: refreshable ? "c" : nil, clientSecret: refreshable ? "s" : nil,
          registrationExpiresAt: now + 86400, refreshToken: refreshable ? "r" : nil))
      return SSOSignInProbe(config: config).check(in: doctor())
    }
    #expect(
      try check(expiresIn: 3 * 3600 + 120, refreshable: true).message
        == "signed in to https://x.awsapps.com/start, 3h 2m left, renewed automatically")
    #expect(try check(expiresIn: -60, refreshable: true).status == .ok)
    #expect(
      try check(expiresIn: -7200, refreshable: false)
        == DoctorCheck(
          "aws-sso", .error, "the sign-in to https://x.awsapps.com/start expired 2h 0m ago and cannot be renewed",
          fix: "cone-shell login --aws"))
  }

  // MARK: AWS config and the profiles index

  let profileText = """
    [profile prod]
    credential_process = /opt/cone/bin/cone-shell creds prod
    cone_app_id = app
    cone_entitlement_id = ent
    cone_sso_account_id = 111
    cone_sso_role_name = Admin
    cone_shell_managed = true

    [profile mine]
    region = us-east-1

    """

  @Test func credentialProcessThatIsGone() throws {
    try write(".aws/config", profileText)
    let result = AWSConfigProbe().inspect(in: doctor())
    #expect(
      result.check
        == DoctorCheck(
          "aws-config", .error,
          "the credential_process of 1 of 1 cone-shell profiles in ~/.aws/config does not exist: prod (/opt/cone/bin/cone-shell)",
          fix: "cone-shell setup (points them at this cone-shell)"))
    #expect(result.document != nil)
  }

  @Test func credentialProcessOfAnotherBinary() throws {
    let other = home.file("old/cone-shell")
    try write("old/cone-shell", "#!/bin/sh\n", mode: 0o755)
    try write(".aws/config", profileText.replacing("/opt/cone/bin/cone-shell", with: other))
    #expect(
      AWSConfigProbe().inspect(in: doctor()).check
        == DoctorCheck(
          "aws-config", .warning,
          "1 cone-shell profile in ~/.aws/config; some run another cone-shell: ~/old/cone-shell",
          fix: "cone-shell setup (points them at this cone-shell)"))
  }

  @Test func noProfilesAndABrokenFile() throws {
    #expect(
      AWSConfigProbe().inspect(in: doctor()).check == DoctorCheck("aws-config", .error, "no ~/.aws/config", fix: "cone-shell setup"))
    try write(".aws/config", "[profile mine]\nregion = x\n")
    #expect(AWSConfigProbe().inspect(in: doctor()).check.message == "~/.aws/config has no cone-shell profiles")
    try write(".aws/config", "region = x\n")
    let broken = AWSConfigProbe().inspect(in: doctor())
    #expect(broken.check.status == .error && broken.check.fix == "fix ~/.aws/config" && broken.document == nil)
    #expect(ProfilesIndexProbe(document: nil).check(in: doctor()).status == .skipped)
  }

  @Test func profilesIndexCurrentOrNot() throws {
    try write(".aws/config", profileText)
    let document = try AWSConfigFile(path: home.file(".aws/config")).load()
    let state = ".local/state/cone-shell/profiles"
    #expect(ProfilesIndexProbe(document: document).check(in: doctor()).status == .warning)
    try write(state, "prod\t111\tAdmin\ngone\t222\tRole\n")
    #expect(
      ProfilesIndexProbe(document: document).check(in: doctor())
        == DoctorCheck(
          "profiles-index", .warning,
          "~/.local/state/cone-shell/profiles is out of date (1 no longer in the AWS config): completion and the aws wrapper use it",
          fix: "cone-shell profiles (rebuilds it)"))
    try write(state, "prod\t111\tAdmin\n")
    #expect(ProfilesIndexProbe(document: document).check(in: doctor()).status == .ok)
  }

  // MARK: the state directory

  @Test func stateDirectoryModes() throws {
    #expect(StateDirectoryProbe().check(in: doctor()).status == .warning)
    try write(".local/state/cone-shell/grants", "written\t1\n")
    // The shells write prompt-refresh with the umask's mode: that one is fine.
    try write(".local/state/cone-shell/prompt-refresh", "1\n", mode: 0o644)
    #expect(
      StateDirectoryProbe().check(in: doctor()) == DoctorCheck("state-dir", .ok, "~/.local/state/cone-shell is private (0700)"))
    try write(".local/state/cone-shell/credentials/prod", "{}", mode: 0o640)
    #expect(
      StateDirectoryProbe().check(in: doctor())
        == DoctorCheck(
          "state-dir", .warning, "readable by others inside ~/.local/state/cone-shell: credentials/prod",
          fix: "chmod -R go-rwx ~/.local/state/cone-shell"))
    chmod(home.file(".local/state/cone-shell"), 0o755)
    #expect(StateDirectoryProbe().check(in: doctor()).status == .error)
  }

  // MARK: the shell hook

  @Test func hookThatRunsAtEveryPrompt() {
    let check = ShellHookProbe().check(in: doctor(["__cone_shell_marker": "bash 4242 prompt 1799999990"]))
    #expect(
      check == DoctorCheck("shell-hook", .ok, "the prompt hook runs in this bash (pid 4242); last prompt 10s ago"))
    #expect(ShellHookProbe().check(in: doctor(["__cone_shell_marker": "fish 4242 prompt "], name: "fish")).status == .ok)
  }

  @Test func hookReplacedAfterTheInit() {
    #expect(
      ShellHookProbe().check(in: doctor(["__cone_shell_marker": "zsh 4242 init", "ZDOTDIR": "~/.config/zsh"], name: "zsh"))
        == DoctorCheck(
          "shell-hook", .error,
          "the prompt hook has not run since the integration was loaded: something after it replaced precmd_functions, "
            + "so the prompt segment does not update",
          fix:
            "move `eval \"$(cone-shell init zsh)\"` to the end of ~/.config/zsh/.zshrc, after prompt themes and frameworks"
        ))
  }

  @Test func integrationNotLoaded() throws {
    let fix =
      "add `eval \"$(cone-shell init bash)\"` at the end of ~/.bashrc, then open a new terminal (`type aws` tells whether it is loaded)"
    #expect(
      ShellHookProbe().check(in: doctor())
        == DoctorCheck(
          "shell-hook", .warning, "the shell integration is not loaded in this bash", fix: fix))
    // Inherited from another shell (a `bash --norc` started from one with the integration).
    #expect(
      ShellHookProbe().check(in: doctor(["__cone_shell_marker": "bash 1 prompt 5"])).message
        == "the shell integration is loaded in another shell (pid 1), not in the one that ran doctor")
    // Started by something that is not a shell.
    #expect(
      ShellHookProbe().check(in: doctor(name: "python3")).message
        == "cannot tell: doctor was not started from an interactive shell's prompt")
    // Without /proc (macOS) the parent is unknown: $SHELL names the shell.
    #expect(
      ShellHookProbe().check(in: doctor(["SHELL": "/bin/zsh"], name: nil)).message == "the shell integration is not loaded in this zsh")
    try write(".config/fish/config.fish", "cone-shell init fish | source\n")
    #expect(
      ShellHookProbe().check(in: doctor(name: "-fish")).message
        == "~/.config/fish/config.fish loads the shell integration, but this fish did not")
  }
}
