/// `cone-shell doctor`: checks everything cone-shell depends on, in the order a new
/// user sets it up, and says what to fix. It changes nothing; only the C1 check uses
/// the network (skipped offline).
public struct Doctor: Sendable {
  public struct Options: Sendable {
    /// The running binary; nil when it cannot be found.
    public var executablePath: String?
    /// The process that started doctor: normally the user's shell.
    public var parentProcessID: Int32
    /// Its command name (`bash`, `-zsh`), when the system tells.
    public var parentProcessName: String?
    public var c1Profile: String?
    public var offline: Bool

    public init(
      executablePath: String?, parentProcessID: Int32, parentProcessName: String? = nil, c1Profile: String? = nil,
      offline: Bool = false
    ) {
      self.executablePath = executablePath
      self.parentProcessID = parentProcessID
      self.parentProcessName = parentProcessName
      self.c1Profile = c1Profile
      self.offline = offline
    }

    /// The options of this process: its binary and its parent.
    public static func current(c1Profile: String?, offline: Bool) -> Options {
      let parent = getppid()
      return Options(
        executablePath: Executables.launcherPath(), parentProcessID: parent,
        parentProcessName: processName(parent), c1Profile: c1Profile, offline: offline)
    }

    /// The command name of process `pid` (Linux's /proc; nil elsewhere).
    static func processName(_ pid: Int32) -> String? {
      guard let text = try? FileSystem.readText("/proc/\(pid)/comm") else { return nil }
      return text.split(whereSeparator: \.isNewline).first.map(String.init)
    }
  }

  public let context: ConeContext
  public let options: Options

  public init(context: ConeContext, options: Options) {
    self.context = context
    self.options = options
  }

  private var environment: Environment { context.environment }
  private var paths: Paths { context.paths }

  /// Every check, in order.
  public func run() async -> DoctorReport {
    let config = checkConfig()
    var checks = [checkBinary(), checkPath(), config.check]
    checks.append(await checkC1(account: config.account))
    checks += [checkSSO(config: config.config), checkAWSCLI()]
    let awsConfig = checkAWSConfig()
    checks += [
      awsConfig.check, checkProfilesIndex(document: awsConfig.document), checkStateDirectory(), checkShellHook(),
    ]
    return DoctorReport(checks: checks)
  }

  // MARK: The binary and PATH

  func checkBinary() -> DoctorCheck {
    guard let path = options.executablePath else {
      return DoctorCheck(
        "binary", .error, "cannot find the path of the running cone-shell", fix: "reinstall cone-shell")
    }
    return DoctorCheck("binary", .ok, "\(display(path)), version \(ConeShellVersion.current)")
  }

  func checkPath() -> DoctorCheck {
    let here = options.executablePath
    let directory = here.map(FileSystem.parentDirectory(of:)).map(display) ?? "its directory"
    guard let found = ProgramRun.which("cone-shell", environment: environment) else {
      return DoctorCheck(
        "path", .warning, "`cone-shell` is not on PATH (the shell integration and the AWS profiles still work)",
        fix: "add \(directory) to PATH")
    }
    if let here, !Self.sameFile(found, here) {
      return DoctorCheck(
        "path", .warning, "PATH finds another cone-shell first: \(display(found))",
        fix: "remove the other one, or put \(directory) before it on PATH")
    }
    return DoctorCheck("path", .ok, "`cone-shell` on PATH is this binary")
  }

  static func sameFile(_ a: String, _ b: String) -> Bool {
    var first = stat()
    var second = stat()
    guard stat(a, &first) == 0, stat(b, &second) == 0 else { return a == b }
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino
  }

  // MARK: cone's config and the C1 sign-in

  struct ConfigResult {
    var check: DoctorCheck
    var config: C1Config?
    var account: C1Account?
  }

  func checkConfig() -> ConfigResult {
    let path = paths.c1ConfigFile
    let profile = options.c1Profile ?? environment["CONE_PROFILE"] ?? C1Config.defaultProfileName
    let login = "cone-shell login <tenant>" + (profile == C1Config.defaultProfileName ? "" : " --c1-profile \(profile)")
    let config: C1Config
    do {
      config = try C1Config.load(from: path)
    } catch {
      return ConfigResult(check: DoctorCheck("config", .error, "\(error)", fix: "fix or move \(display(path))"))
    }
    let exists = FileSystem.exists(path)
    let account: C1Account
    do {
      account = try C1Account.resolve(
        environment: environment, config: config, profile: profile, redactor: context.redactor)
    } catch {
      let missing =
        exists ? "\(display(path)) has no client credential for profile \"\(profile)\"" : "no \(display(path))"
      let message = if case .notSignedIn = error { "\(missing): not signed in to ConductorOne" } else { "\(error)" }
      return ConfigResult(check: DoctorCheck("config", .error, message, fix: login), config: config)
    }
    let fromEnvironment =
      environment["CONDUCTORONE_ACCESS_TOKEN"] != nil
      || (environment["CONE_CLIENT_ID"] != nil && environment["CONE_CLIENT_SECRET"] != nil)
    let source =
      fromEnvironment ? "the credential comes from the environment" : "profile \"\(profile)\" has a client credential"
    let holdsSecret = config.profileNames.contains { config.profile(named: $0)?.clientSecret != nil }
    if holdsSecret, let mode = FileSystem.mode(of: path), mode & 0o077 != 0 {
      return ConfigResult(
        check: DoctorCheck(
          "config", .warning,
          "\(display(path)) is readable by others (mode \(Self.octal(mode))) and holds a client secret",
          fix: "chmod 600 \(display(path))"),
        config: config, account: account)
    }
    let location = exists ? display(path) : "no \(display(path))"
    return ConfigResult(check: DoctorCheck("config", .ok, "\(location): \(source)"), config: config, account: account)
  }

  func checkC1(account: C1Account?) async -> DoctorCheck {
    if options.offline { return DoctorCheck("c1", .skipped, "ConductorOne sign-in not checked (--offline)") }
    guard let account else {
      return DoctorCheck("c1", .skipped, "ConductorOne sign-in not checked: no usable credential (see config)")
    }
    // One attempt with a short connect timeout: an unreachable tenant should make a
    // quick answer, not the commands' patient retries.
    var configuration = HTTPTransport.Configuration(environment: environment)
    configuration.retry = RetryPolicy(maxAttempts: 1)
    configuration.connectTimeout = .seconds(5)
    let transport = HTTPTransport(configuration: configuration, log: context.log)
    let check = await checkC1(account: account, transport: transport)
    await transport.shutdown()
    return check
  }

  private func checkC1(account: C1Account, transport: HTTPTransport) async -> DoctorCheck {
    let client = C1Client(
      authenticator: C1Authenticator(
        account: account, transport: transport, store: context.store, redactor: context.redactor, now: context.now),
      transport: transport)
    do {
      let user = try await client.user(id: try await client.currentUserID())
      return DoctorCheck("c1", .ok, "signed in to \(account.server.baseURL) as \(user.email ?? user.id)")
    } catch {
      let message = context.redactor.redact("\(error)")
      switch error {
      case let error as C1Error:
        switch error {
        case .unauthenticated, .invalidClientID, .invalidClientSecret, .notSignedIn:
          return DoctorCheck("c1", .error, message, fix: "cone-shell login \(account.server.baseURL)")
        default:
          return DoctorCheck("c1", .error, message)
        }
      case is TransportError:
        return DoctorCheck(
          "c1", .error, message, fix: "check the network and proxy settings, or run `cone-shell doctor --offline`")
      default:
        return DoctorCheck("c1", .error, message)
      }
    }
  }

  // MARK: AWS

  func checkSSO(config: C1Config?) -> DoctorCheck {
    guard let config, let settings = SSOSettings(config: config, environment: environment) else {
      return DoctorCheck(
        "aws-sso", .error, "AWS IAM Identity Center is not set up",
        fix: "cone-shell setup --sso-url https://<yours>.awsapps.com/start")
    }
    let files = SSOCacheFiles(directory: paths.ssoCacheDirectory, settings: settings)
    let login = "cone-shell login --aws"
    guard let token = files.readToken(), token.startURL == settings.startURL else {
      return DoctorCheck("aws-sso", .error, "not signed in to \(settings.startURL)", fix: login)
    }
    guard token.allowsAccountAccess else {
      return DoctorCheck(
        "aws-sso", .error,
        "the AWS SSO token in \(files.tokenPath) was made for other scopes (\((token.scopes ?? []).joined(separator: " "))), "
          + "not sso:account:access, so it is not used", fix: login)
    }
    let now = context.now()
    let left = token.expiresAt - now
    let renewable = token.canRefresh(now: now)
    if left > 0 {
      let renewal = renewable ? ", renewed automatically" : ""
      return DoctorCheck("aws-sso", .ok, "signed in to \(settings.startURL), \(Self.spell(left)) left\(renewal)")
    }
    if renewable {
      return DoctorCheck(
        "aws-sso", .ok, "the sign-in to \(settings.startURL) expired; it is renewed with its refresh token on next use")
    }
    return DoctorCheck(
      "aws-sso", .error, "the sign-in to \(settings.startURL) expired \(Self.spell(-left)) ago and cannot be renewed",
      fix: login)
  }

  func checkAWSCLI() -> DoctorCheck {
    let install = "install the AWS CLI: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"
    guard let aws = ProgramRun.which("aws", environment: environment) else {
      return DoctorCheck("aws-cli", .error, "no `aws` on PATH", fix: install)
    }
    guard let run = ProgramRun.run([aws, "--version"], environment: environment), run.status == 0,
      let version = run.output.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("aws-cli/") })
    else {
      return DoctorCheck(
        "aws-cli", .error, "\(display(aws)) --version failed", fix: "reinstall the AWS CLI; \(install)")
    }
    let release = version.split(separator: " ").first.map(String.init) ?? String(version)
    return DoctorCheck("aws-cli", .ok, "\(release) at \(display(aws))")
  }

  struct AWSConfigResult {
    var check: DoctorCheck
    var document: AWSConfigDocument?
  }

  func checkAWSConfig() -> AWSConfigResult {
    let file = AWSConfigFile(paths: paths)
    let setup = "cone-shell setup"
    let document: AWSConfigDocument
    do {
      document = try file.load()
    } catch {
      return AWSConfigResult(check: DoctorCheck("aws-config", .error, "\(error)", fix: "fix \(display(file.path))"))
    }
    let profiles = ProfileDirectory.profiles(in: document)
    guard !profiles.isEmpty else {
      let what =
        FileSystem.exists(file.path) ? "\(display(file.path)) has no cone-shell profiles" : "no \(display(file.path))"
      return AWSConfigResult(check: DoctorCheck("aws-config", .error, what, fix: setup), document: document)
    }
    var missing: [(profile: String, program: String)] = []
    var others: Set<String> = []
    for profile in profiles {
      guard let line = document.resolvedProfile(profile.name)?.text("credential_process") else {
        missing.append((profile.name, "(no credential_process)"))
        continue
      }
      guard let program = AWSCredentialProcess.arguments(of: line)?.first,
        let found = ProgramRun.which(program, environment: environment)
      else {
        missing.append((profile.name, AWSCredentialProcess.arguments(of: line)?.first ?? line))
        continue
      }
      if profile.isConeShellManaged, let here = options.executablePath, !Self.sameFile(found, here) {
        others.insert(found)
      }
    }
    let count = profiles.count == 1 ? "1 cone-shell profile" : "\(profiles.count) cone-shell profiles"
    if !missing.isEmpty {
      let names = missing.prefix(3).map { "\($0.profile) (\(display($0.program)))" }.joined(separator: ", ")
      let more = missing.count > 3 ? " and \(missing.count - 3) more" : ""
      return AWSConfigResult(
        check: DoctorCheck(
          "aws-config", .error,
          "the credential_process of \(missing.count) of \(profiles.count) cone-shell profiles in \(display(file.path)) "
            + "does not exist: \(names)\(more)",
          fix: "\(setup) (points them at this cone-shell)"),
        document: document)
    }
    if !others.isEmpty {
      return AWSConfigResult(
        check: DoctorCheck(
          "aws-config", .warning,
          "\(count) in \(display(file.path)); some run another cone-shell: \(others.sorted().map(display).joined(separator: ", "))",
          fix: "\(setup) (points them at this cone-shell)"),
        document: document)
    }
    return AWSConfigResult(
      check: DoctorCheck("aws-config", .ok, "\(count) in \(display(file.path))"), document: document)
  }

  // MARK: cone-shell's own files

  func checkProfilesIndex(document: AWSConfigDocument?) -> DoctorCheck {
    guard let document else {
      return DoctorCheck("profiles-index", .skipped, "not checked: the AWS config cannot be read")
    }
    let store = context.store
    let path = store.path(ProfilesIndex.fileName)
    let expected = ProfileDirectory.profiles(in: document).map {
      ProfilesIndex.Entry(name: $0.name, accountID: $0.accountID, roleName: $0.roleName)
    }
    let rebuild = "cone-shell profiles (rebuilds it)"
    guard let text = try? FileSystem.readText(path) else {
      if expected.isEmpty { return DoctorCheck("profiles-index", .skipped, "no profiles to index yet") }
      return DoctorCheck(
        "profiles-index", .warning, "no \(display(path)): completion and the aws wrapper know no profiles", fix: rebuild
      )
    }
    let index = ProfilesIndex(parsing: text)
    guard index.entries == expected else {
      let listed = Set(index.entries.map(\.name))
      let wanted = Set(expected.map(\.name))
      var differences: [String] = []
      let absent = wanted.subtracting(listed).count
      let extra = listed.subtracting(wanted).count
      if absent > 0 { differences.append("\(absent) missing") }
      if extra > 0 { differences.append("\(extra) no longer in the AWS config") }
      if differences.isEmpty { differences.append("details differ") }
      return DoctorCheck(
        "profiles-index", .warning,
        "\(display(path)) is out of date (\(differences.joined(separator: ", "))): completion and the aws wrapper use it",
        fix: rebuild)
    }
    return DoctorCheck("profiles-index", .ok, "\(display(path)) lists the \(expected.count) profiles")
  }

  func checkStateDirectory() -> DoctorCheck {
    let directory = paths.stateDirectory
    var status = stat()
    guard stat(directory, &status) == 0 else {
      return DoctorCheck(
        "state-dir", .warning, "no \(display(directory)) yet (setup and the first request write it)",
        fix: "cone-shell setup")
    }
    let fix = "chmod -R go-rwx \(display(directory))"
    guard status.st_mode & S_IFMT == S_IFDIR else {
      return DoctorCheck("state-dir", .error, "\(display(directory)) is not a directory", fix: "move it away")
    }
    if status.st_uid != getuid() {
      return DoctorCheck(
        "state-dir", .error, "\(display(directory)) belongs to another user (uid \(status.st_uid))",
        fix: "sudo chown -R $(id -u) \(display(directory))")
    }
    if status.st_mode & 0o077 != 0 {
      return DoctorCheck(
        "state-dir", .error,
        "\(display(directory)) is open to others (mode \(Self.octal(status.st_mode & 0o7777))); it holds AWS credentials",
        fix: fix)
    }
    let foreign = Self.untrustedFiles(in: directory).filter { $0 != "prompt-refresh" }
    if !foreign.isEmpty {
      return DoctorCheck(
        "state-dir", .error,
        "cone-shell refuses to use \(foreign.prefix(3).joined(separator: ", ")) in \(display(directory)): "
          + "a link, another user's, or writable by others",
        fix: "move \(foreign.count == 1 ? "it" : "them") away; cone-shell writes new ones")
    }
    // `prompt-refresh` holds a time stamp the shells write without a process, with
    // the umask's mode; the directory keeps it private, and nothing but the shells
    // reads it.
    let open = Self.filesOpenToOthers(in: directory).filter { $0 != "prompt-refresh" }
    if !open.isEmpty {
      return DoctorCheck(
        "state-dir", .warning,
        "readable by others inside \(display(directory)): \(open.prefix(3).joined(separator: ", "))",
        fix: fix)
    }
    return DoctorCheck("state-dir", .ok, "\(display(directory)) is private (0700)")
  }

  /// Relative paths of the files and directories under `directory` with group or
  /// other permission bits.
  static func filesOpenToOthers(in directory: String) -> [String] {
    files(in: directory) { $0.st_mode & S_IFMT != S_IFLNK && $0.st_mode & 0o077 != 0 }
  }

  /// Relative paths under `directory` that cone-shell refuses to use (`FileTrust`):
  /// links, and what another user owns or could write.
  static func untrustedFiles(in directory: String) -> [String] {
    files(in: directory) { $0.st_mode & S_IFMT == S_IFLNK || FileTrust.problem($0) != nil }
  }

  private static func files(
    in directory: String, prefix: String = "", depth: Int = 0, where matches: (stat) -> Bool
  ) -> [String] {
    guard depth < 4, let handle = opendir(directory) else { return [] }
    defer { closedir(handle) }
    var found: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name == "." || name == ".." { continue }
      var status = stat()
      guard lstat(directory + "/" + name, &status) == 0 else { continue }
      if matches(status) { found.append(prefix + name) }
      if status.st_mode & S_IFMT == S_IFDIR {
        found += files(in: directory + "/" + name, prefix: prefix + name + "/", depth: depth + 1, where: matches)
      }
    }
    return found.sorted()
  }

  // MARK: The shell integration

  func checkShellHook() -> DoctorCheck {
    let marker = environment[ShellHookMarker.variable].flatMap(ShellHookMarker.init)
    guard let marker, marker.processID == options.parentProcessID else {
      return integrationNotLoaded(marker: marker)
    }
    let rc = ShellHookMarker.rcFile(for: marker.shell, environment: environment)
    switch marker.lastPrompt {
    case nil:
      return DoctorCheck(
        "shell-hook", .error,
        "the prompt hook has not run since the integration was loaded: something after it replaced "
          + "\(ShellHookMarker.hookHolder(for: marker.shell)), so the prompt segment does not update",
        fix:
          "move `\(ShellHookMarker.initLine(for: marker.shell))` to the end of \(rc), after prompt themes and frameworks"
      )
    case .unknownTime:
      return DoctorCheck("shell-hook", .ok, "the prompt hook runs in this \(marker.shell) (pid \(marker.processID))")
    case .at(let epoch):
      let age = max(0, Int(context.now()) - epoch)
      return DoctorCheck(
        "shell-hook", .ok,
        "the prompt hook runs in this \(marker.shell) (pid \(marker.processID)); last prompt \(Self.spell(Double(age))) ago"
      )
    }
  }

  /// No marker of doctor's parent: it is not a shell with the integration loaded.
  private func integrationNotLoaded(marker: ShellHookMarker?) -> DoctorCheck {
    // A login shell's name starts with `-`. Without /proc (macOS) the parent is unknown.
    let parent = options.parentProcessName.map { $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }
    if let parent, !["bash", "zsh", "fish"].contains(parent) {
      return DoctorCheck(
        "shell-hook", .warning, "cannot tell: doctor was not started from an interactive shell's prompt",
        fix: "run `cone-shell doctor` at your shell's prompt")
    }
    let shell =
      parent ?? environment["SHELL"].map(FileSystem.baseName).flatMap {
        ["bash", "zsh", "fish"].contains($0) ? $0 : nil
      } ?? "bash"
    let rc = ShellHookMarker.rcFile(for: shell, environment: environment)
    let fix =
      "add `\(ShellHookMarker.initLine(for: shell))` at the end of \(rc), then open a new terminal "
      + "(`type aws` tells whether it is loaded)"
    if let marker {
      return DoctorCheck(
        "shell-hook", .warning,
        "the shell integration is loaded in another shell (pid \(marker.processID)), not in the one that ran doctor",
        fix: fix)
    }
    if Self.rcFileLoadsInit(shell: shell, environment: environment) {
      return DoctorCheck(
        "shell-hook", .warning, "\(rc) loads the shell integration, but this \(shell) did not",
        fix: "open a new terminal; if it persists, make sure `cone-shell` is on PATH before that line")
    }
    return DoctorCheck("shell-hook", .warning, "the shell integration is not loaded in this \(shell)", fix: fix)
  }

  /// True when the shell's rc file mentions `cone-shell init`.
  static func rcFileLoadsInit(shell: String, environment: Environment) -> Bool {
    var files = [environment.expandPath(ShellHookMarker.rcFile(for: shell, environment: environment))]
    if shell == "bash" { files += ["~/.bash_profile", "~/.profile"].map(environment.expandPath) }
    if shell == "fish" {
      files.append(
        environment.expandPath((environment["XDG_CONFIG_HOME"] ?? "~/.config") + "/fish/conf.d/cone-shell.fish"))
    }
    return files.contains { ((try? FileSystem.readText($0)) ?? nil)?.contains("cone-shell init") == true }
  }

  // MARK: Wording

  /// `path` with the home directory shown as `~`.
  func display(_ path: String) -> String {
    let home = paths.home
    guard home != "/", !home.isEmpty else { return path }
    if path == home { return "~" }
    return path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
  }

  static func octal(_ mode: mode_t) -> String {
    "0" + String(mode & 0o7777, radix: 8)
  }

  /// `7h 59m`, `12m`, `45s`.
  static func spell(_ seconds: Double) -> String {
    let total = Int(seconds)
    if total >= 3600 { return "\(total / 3600)h \(total % 3600 / 60)m" }
    if total >= 60 { return "\(total / 60)m" }
    return "\(total)s"
  }
}
