import ConeShellBase

/// A pending request resolving by itself: after `request` (or the wrapper's wait)
/// leaves a task open, a small detached process polls it with backoff and, when it is
/// decided, updates the grants file (so the prompt turns from ⧗#N into the grant) and
/// sends a desktop notification where there is a way to. One watcher per task; it
/// stops when the task closes, after `lifetime`, or when its record is removed
/// (`logout`). CONE_SHELL_WATCH=0 starts none.
public struct TaskWatcher: Sendable {
  /// A watched task, as its record file in `watchers/` holds it.
  public struct Record: Sendable, Equatable {
    public var profile: String
    public var taskNumber: String
    public var taskID: String
    public var started: Int
    public var processID: Int32

    var text: String { "\(profile)\t\(taskNumber)\t\(taskID)\t\(started)\t\(processID)\n" }

    init(profile: String, taskNumber: String, taskID: String, started: Int, processID: Int32) {
      (self.profile, self.taskNumber, self.taskID, self.started, self.processID) =
        (profile, taskNumber, taskID, started, processID)
    }

    init?(text: String) {
      let fields = text.split(separator: "\n").first?.split(separator: "\t", omittingEmptySubsequences: false) ?? []
      guard fields.count == 5, !fields[0].isEmpty, !fields[2].isEmpty,
        C1Task.isValidNumber(fields[1]), let started = Int(fields[3]), let pid = Int32(fields[4]), pid > 0
      else { return nil }
      self.init(
        profile: String(fields[0]), taskNumber: String(fields[1]), taskID: String(fields[2]), started: started,
        processID: pid)
    }

    /// The watcher still runs (its process exists).
    public var isRunning: Bool { kill(processID, 0) == 0 || errno == EPERM }
  }

  public static let directoryName = "watchers"
  public static let disableVariable = "CONE_SHELL_WATCH"
  /// A watcher gives up after this long (seconds), or after this many polls in a row
  /// that got no answer (about twenty minutes offline; the next request starts another).
  public static let lifetime = 12 * 3600
  static let failureLimit = 20
  /// The command of cone-shell-core that runs a watcher (hidden from --help).
  public static let commandName = "watch-task"

  public let service: AccessService
  public let profileName: String
  public let taskID: String

  public init(service: AccessService, profileName: String, taskID: String) {
    self.service = service
    self.profileName = profileName
    self.taskID = taskID
  }

  // MARK: Starting and listing

  /// Starts a watcher for `task` of `profile`, unless CONE_SHELL_WATCH=0 or one already
  /// watches it. Failure to start is not an error: the next `status` or request tells.
  @discardableResult
  public static func start(profile: String, task: C1Task, context: ConeContext, c1Profile: String?) -> Bool {
    guard context.environment[disableVariable] != "0", C1Task.isValidNumber(task.number), !task.id.isEmpty,
      let core = currentExecutablePath()
    else { return false }
    if let record = record(task.number, store: context.store), record.isRunning { return false }
    var argv = [core, commandName, "--task-id", task.id]
    if let c1Profile { argv += ["--c1-profile", c1Profile] }
    argv += ["--", profile]
    return ChildProcess.spawnDetached(argv, environment: context.environment)
  }

  /// The watchers running now, oldest first; records of ended ones are removed.
  public static func running(store: StateStore) -> [Record] {
    var records: [Record] = []
    for name in FileSystem.entries(of: store.path(directoryName)) where C1Task.isValidNumber(name) {
      guard let record = record(name, store: store) else { continue }
      if record.isRunning { records.append(record) } else { try? store.remove(directoryName + "/" + name) }
    }
    return records.sorted { ($0.started, $0.taskNumber) < ($1.started, $1.taskNumber) }
  }

  /// Stops every watcher (`logout`): each ends when it finds its record gone.
  public static func stopAll(store: StateStore) -> Int {
    let names = FileSystem.entries(of: store.path(directoryName)).filter { C1Task.isValidNumber($0) }
    for name in names { try? store.remove(directoryName + "/" + name) }
    return names.count
  }

  static func record(_ number: String, store: StateStore) -> Record? {
    guard let bytes = (try? store.read(directoryName + "/" + number, limit: 4096)) ?? nil else { return nil }
    return Record(text: String(decoding: bytes, as: UTF8.self))
  }

  // MARK: Watching (the detached process)

  /// Polls the task (5 s, growing to a minute) until it closes, `lifetime` passes or
  /// the record goes; then records the outcome and notifies. Errors of one poll are
  /// retried at the next.
  public func run() async {
    let context = service.context
    let store = context.store
    guard let profile = try? ProfileDirectory(paths: context.paths, store: store).profile(named: profileName),
      var task = try? await service.c1.task(id: taskID), C1Task.isValidNumber(task.number)
    else { return }
    let name = Self.directoryName + "/" + task.number
    if let other = Self.record(task.number, store: store), other.isRunning, other.processID != getpid() { return }
    let record = Record(
      profile: profileName, taskNumber: task.number, taskID: taskID, started: Int(context.now()), processID: getpid())
    guard (try? store.write(name, Array(record.text.utf8))) != nil else { return }
    defer { if Self.record(task.number, store: store)?.processID == getpid() { try? store.remove(name) } }
    var pause = 5.0
    var failures = 0
    while task.isOpen {
      guard Int(context.now()) - record.started < Self.lifetime, failures < Self.failureLimit,
        Self.record(task.number, store: store) == record
      else { return }
      // A second at a time, so that logout (which removes the record) stops it at once.
      for _ in 0..<Int(pause) {
        try? await Task.sleep(for: .seconds(1))
        guard Self.record(task.number, store: store) == record else { return }
      }
      pause = min(pause * 1.5, 60)
      if let current = try? await service.c1.task(id: taskID) {
        task = current
        failures = 0
      } else {
        failures += 1
      }
    }
    switch TaskPhase(task) {
    case .granted:
      let state = (try? await service.state(of: profile)) ?? .active(grantEnd: task.grantSeconds.map { (task.outcomeTime ?? context.now()) + $0 })
      try? await service.record(profileName, state)
      DesktopNotification.send("cone-shell: access to \(profileName) granted (task \(task.number))", environment: context.environment)
    case .ended(let outcome):
      try? await service.record(profileName, .none)
      DesktopNotification.send(
        "cone-shell: your request for \(profileName) was \(outcome.summary) (task \(task.number))", environment: context.environment)
    default:
      break
    }
  }
}
