import ConeShellBase

/// Opens a URL in the user's browser when there is one: `$BROWSER` (a colon-separated
/// list of commands, `%s` replaced by the URL), else `xdg-open` on a desktop session,
/// else `open` on macOS. Failure is silent: the URL is always printed too.
public enum Browser {
  /// Whether `open` has a browser to try: `$BROWSER`, macOS, or a desktop session.
  public static func canOpen(environment: Environment) -> Bool {
    if let browsers = environment["BROWSER"], browsers.contains(where: { $0 != ":" }) { return true }
    #if canImport(Darwin)
    return true
    #else
    return !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
    #endif
  }

  @discardableResult
  public static func open(_ url: String, environment: Environment) -> Bool {
    var candidates: [[String]] = []
    if let browsers = environment["BROWSER"] {
      for entry in browsers.split(separator: ":") where !entry.isEmpty {
        let words = entry.split(separator: " ").map(String.init)
        candidates.append(words.contains { $0.contains("%s") } ? words.map { $0.replacing("%s", with: url) } : words + [url])
      }
    } else {
      #if canImport(Darwin)
      candidates.append(["/usr/bin/open", url])
      #else
      if environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil {
        candidates.append(["xdg-open", url])
      }
      #endif
    }
    for argv in candidates where ChildProcess.spawnDetached(argv, environment: environment) {
      return true
    }
    return false
  }
}

/// Starting helper programs without Foundation's Process (which drags in more than a
/// CLI needs at start-up).
public enum ChildProcess {
  /// Starts `argv` with stdin, stdout and stderr on /dev/null and does not wait for it.
  /// A bare command name is looked up on PATH.
  @discardableResult
  public static func spawnDetached(_ argv: [String], environment: Environment) -> Bool {
    guard let program = argv.first else { return false }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in 0...2 {
      posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    let env = environment.variables.map { "\($0.key)=\($0.value)" }
    var pid = pid_t()
    let status = withCStringArray(argv) { cArgv in
      withCStringArray(env) { cEnv in
        posix_spawnp(&pid, program, &actions, nil, cArgv, cEnv)
      }
    }
    return status == 0
  }
}
