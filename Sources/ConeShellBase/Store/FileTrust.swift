/// Whether a path in cone-shell's state may be used: it must be the user's own and
/// private, as ssh requires of `~/.ssh`. The credential cache is served without asking
/// any server, so a file another local user could plant or change is never read, and
/// a directory they could write into is never used.
public enum FileTrust {
  public enum Problem: Sendable, Equatable {
    case symbolicLink
    case notDirectory
    case ownedByOther(uid: uid_t)
    case writableByOthers(mode: FileMode)

    public var text: String {
      switch self {
      case .symbolicLink: "it is a symbolic link, which cone-shell does not follow in its state"
      case .notDirectory: "it is not a directory"
      case .ownedByOther(let uid): "it belongs to another user (uid \(uid)), who could change what cone-shell reads"
      case .writableByOthers(let mode):
        "it is writable by group or others (mode \(String(mode & 0o7777, radix: 8).leftPadded(4))), "
          + "so another user could plant what cone-shell reads"
      }
    }
  }

  /// The problem with a file or directory's status, if any.
  public static func problem(_ status: stat) -> Problem? {
    if status.st_uid != geteuid() { return .ownedByOther(uid: status.st_uid) }
    if status.st_mode & 0o022 != 0 { return .writableByOthers(mode: status.st_mode) }
    return nil
  }

  static func check(_ status: stat, path: String, what: String) throws(FileError) {
    guard let problem = problem(status) else { return }
    throw FileError("use", path, reason: problem.text + "; " + fix(for: problem, path: path, what: what), isUntrusted: true)
  }

  /// What the person can do about it.
  public static func fix(for problem: Problem, path: String, what: String) -> String {
    switch problem {
    case .symbolicLink, .notDirectory: "move it away and run the command again"
    case .ownedByOther: "if this \(what) is not yours, move it away (or set CONE_SHELL_STATE_DIR to a directory of your own)"
    case .writableByOthers: "if the \(what) is yours, run: chmod go-w '\(path)'"
    }
  }

  /// Checks a directory cone-shell keeps state in. With `tightening`, a directory of
  /// the user's own that is too open is made 0700 (cone-shell made it); otherwise that
  /// is an error. A missing directory is fine: nothing is read from it.
  public static func checkDirectory(_ path: String, followingLink: Bool, tightening: Bool) throws(FileError) {
    var status = stat()
    let result = followingLink ? stat(path, &status) : lstat(path, &status)
    guard result == 0 else {
      if errno == ENOENT { return }
      throw FileError("use", path)
    }
    if status.st_mode & S_IFMT == S_IFLNK {
      throw FileError(
        "use", path, reason: Problem.symbolicLink.text + "; " + fix(for: .symbolicLink, path: path, what: "directory"),
        isUntrusted: true)
    }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      throw FileError(
        "use", path, reason: Problem.notDirectory.text + "; " + fix(for: .notDirectory, path: path, what: "directory"),
        isUntrusted: true)
    }
    if tightening, status.st_uid == geteuid(), status.st_mode & 0o077 != 0 {
      if chmod(path, 0o700) != 0 { throw FileError("set the mode of", path) }
      return
    }
    try check(status, path: path, what: "directory")
  }
}
