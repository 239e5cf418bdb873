import ConeShellBase

/// Runs a short program and captures what it prints (stdout and stderr together), for
/// `aws --version`. stdin is /dev/null; a program that outlives `timeout` is killed.
struct ProgramRun: Sendable, Equatable {
  var status: Int32
  var output: String

  static func run(_ argv: [String], environment: Environment, timeout: Double = 20) -> ProgramRun? {
    guard !argv.isEmpty else { return nil }
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { return nil }
    let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
    _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
    posix_spawn_file_actions_addclose(&actions, writeEnd)
    let env = environment.variables.map { "\($0.key)=\($0.value)" }
    var pid = pid_t()
    let spawned = withCStringArray(argv) { cArgv in
      withCStringArray(env) { cEnv in posix_spawn(&pid, argv[0], &actions, nil, cArgv, cEnv) }
    }
    close(writeEnd)
    guard spawned == 0 else {
      close(readEnd)
      return nil
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    let deadline = Timestamp.now() + timeout
    var killed = false
    while true {
      let left = deadline - Timestamp.now()
      if left <= 0 {
        kill(pid, SIGKILL)
        killed = true
        break
      }
      var poller = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(min(left, 1) * 1000))
      if ready < 0 && errno != EINTR { break }
      if ready <= 0 { continue }
      let count = chunk.withUnsafeMutableBytes { systemRead(readEnd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      bytes.append(contentsOf: chunk[..<count])
      if bytes.count > 1 << 20 { break }
    }
    close(readEnd)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    guard !killed else { return nil }
    // WIFEXITED / WEXITSTATUS, spelled out: Swift does not import the macros.
    let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ProgramRun(status: exitStatus, output: String(decoding: bytes, as: UTF8.self))
  }

  /// The first executable file named `name` in the PATH of `environment`.
  static func which(_ name: String, environment: Environment) -> String? {
    if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
    for directory in (environment["PATH"] ?? "").split(separator: ":", omittingEmptySubsequences: false) {
      let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
      var status = stat()
      if stat(candidate, &status) == 0, status.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
        return candidate
      }
    }
    return nil
  }
}
