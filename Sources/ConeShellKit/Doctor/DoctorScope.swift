import ConeShellBase

/// What every probe of `doctor` sees: the context, the process that ran doctor, and the
/// wording they share.
public struct DoctorScope: Sendable {
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
        parentProcessName: Platform.processName(parent), c1Profile: c1Profile, offline: offline)
    }
  }

  public let context: ConeContext
  public let options: Options

  public init(context: ConeContext, options: Options) {
    self.context = context
    self.options = options
  }

  var environment: Environment { context.environment }
  var paths: Paths { context.paths }

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

  /// `7h 59m`, `12m`, `45s`: how long ago, or how long left, roughly.
  static func spell(_ seconds: Double) -> String {
    let total = seconds < 1e12 ? Int(max(seconds, 0)) : 1_000_000_000_000  // NaN and infinity too
    if total >= 3600 { return "\(total / 3600)h \(total % 3600 / 60)m" }
    if total >= 60 { return "\(total / 60)m" }
    return "\(total)s"
  }

  /// True when both paths name the same file (a link and its target do).
  static func sameFile(_ a: String, _ b: String) -> Bool {
    var first = stat()
    var second = stat()
    guard stat(a, &first) == 0, stat(b, &second) == 0 else { return a == b }
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino
  }
}
