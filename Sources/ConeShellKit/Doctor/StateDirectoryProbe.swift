import ConeShellBase

/// The state directory is the user's and private, and holds nothing cone-shell would
/// refuse to use.
struct StateDirectoryProbe: DoctorProbe {
  func check(in doctor: DoctorScope) -> DoctorCheck {
    let directory = doctor.paths.stateDirectory
    let shown = doctor.display(directory)
    var status = stat()
    guard stat(directory, &status) == 0 else {
      return DoctorCheck(
        "state-dir", .warning, "no \(shown) yet (setup and the first request write it)", fix: "cone-shell setup")
    }
    let fix = "chmod -R go-rwx \(shown)"
    guard status.st_mode & S_IFMT == S_IFDIR else {
      return DoctorCheck("state-dir", .error, "\(shown) is not a directory", fix: "move it away")
    }
    if status.st_uid != getuid() {
      return DoctorCheck(
        "state-dir", .error, "\(shown) belongs to another user (uid \(status.st_uid))",
        fix: "sudo chown -R $(id -u) \(shown)")
    }
    if status.st_mode & 0o077 != 0 {
      return DoctorCheck(
        "state-dir", .error,
        "\(shown) is open to others (mode \(DoctorScope.octal(status.st_mode & 0o7777))); it holds AWS credentials",
        fix: fix)
    }
    let foreign = Self.untrustedFiles(in: directory).filter { $0 != "prompt-refresh" }
    if !foreign.isEmpty {
      return DoctorCheck(
        "state-dir", .error,
        "cone-shell refuses to use \(foreign.prefix(3).joined(separator: ", ")) in \(shown): "
          + "a link, another user's, or writable by others",
        fix: "move \(foreign.count == 1 ? "it" : "them") away; cone-shell writes new ones")
    }
    // `prompt-refresh` holds a time stamp the shells write without a process, with
    // the umask's mode; the directory keeps it private, and nothing but the shells
    // reads it.
    let open = Self.filesOpenToOthers(in: directory).filter { $0 != "prompt-refresh" }
    if !open.isEmpty {
      return DoctorCheck(
        "state-dir", .warning, "readable by others inside \(shown): \(open.prefix(3).joined(separator: ", "))",
        fix: fix)
    }
    return DoctorCheck("state-dir", .ok, "\(shown) is private (0700)")
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
}
