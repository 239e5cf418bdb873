/// Where the two halves of cone-shell are: `cone-shell`, the small launcher that
/// `credential_process` lines and shell scripts name, and `cone-shell-core`, the full
/// command set it hands everything else to.
public enum Executables {
  /// The variable through which the launcher tells cone-shell-core its own path.
  public static let launcherVariable = "CONE_SHELL_EXECUTABLE"

  /// The launcher's absolute path: what the launcher said it was, else a `cone-shell`
  /// beside this executable, else this executable itself.
  public static func launcherPath(environment: Environment = .current) -> String? {
    if let path = environment[launcherVariable], access(path, X_OK) == 0 { return path }
    guard let own = currentExecutablePath() else { return nil }
    let sibling = FileSystem.parentDirectory(of: own) + "/cone-shell"
    return access(sibling, X_OK) == 0 ? sibling : own
  }

  /// cone-shell-core for a launcher at `launcher`: beside it (a build directory, or an
  /// install that keeps both in bin), else in `../libexec/cone-shell/` (`make install`).
  public static func corePath(launcher: String) -> String? {
    let directory = FileSystem.parentDirectory(of: launcher)
    for candidate in [directory + "/cone-shell-core", directory + "/../libexec/cone-shell/cone-shell-core"]
    where access(candidate, X_OK) == 0 {
      return candidate
    }
    return nil
  }
}
