import ConeShellBase

/// Replaces this process with another program (execvp: found on PATH, this process's
/// environment), so that nothing of cone-shell stays between the program and its
/// caller: signals, the exit status and the terminal are the program's.
public enum ProcessReplacement {
  /// Returns only when the exec failed: why, and the shell's status for it (127 not
  /// found, 126 found but not runnable).
  public static func exec(_ argv: [String]) -> (reason: String, status: Int32) {
    let reason = withCStringArray(argv) { cArgv in
      execvp(argv[0], cArgv)
      return errno
    }
    return (Platform.errorText(reason), reason == ENOENT ? 127 : 126)
  }
}
