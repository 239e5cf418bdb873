/// Small, explicit file operations over POSIX. Writes are atomic: a reader sees the old
/// bytes or the new ones, never a part, and a crash leaves no half-written file.
public enum FileSystem {
  /// The largest file `read` takes unless told otherwise: far more than any config.
  public static let defaultReadLimit = 64 << 20

  /// The bytes of the regular file at `path`, or nil when it does not exist. Anything
  /// else (a FIFO that would block, a device such as /dev/zero that never ends, a file
  /// over `limit` bytes) is an error that says so.
  public static func read(_ path: String, limit: Int = defaultReadLimit) throws(FileError) -> [UInt8]? {
    try read(path, limit: limit, flags: 0) { _ throws(FileError) in }
  }

  /// Reads like `read`, but only a file of the user's own that nobody else can change:
  /// not a symbolic link, owned by this user, not writable by group or others (as ssh
  /// treats `~/.ssh`). What cone-shell keeps in its state directory is read this way.
  public static func readPrivate(_ path: String, limit: Int) throws(FileError) -> [UInt8]? {
    try read(path, limit: limit, flags: O_NOFOLLOW) { status throws(FileError) in
      try FileTrust.check(status, path: path, what: "file")
    }
  }

  private static func read(
    _ path: String, limit: Int, flags: Int32, check: (stat) throws(FileError) -> Void
  ) throws(FileError) -> [UInt8]? {
    // Non-blocking, so that opening a FIFO returns at once; regular files ignore it.
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | flags)
    if fd < 0 {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      if errno == ELOOP && flags & O_NOFOLLOW != 0 {
        throw FileError("use", path, reason: FileTrust.Problem.symbolicLink.text, isUntrusted: true)
      }
      throw FileError("read", path)
    }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0 else { throw FileError("read", path) }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw FileError("read", path, reason: "it is not a regular file")
    }
    try check(status)
    let size = Int(status.st_size)
    guard size <= limit else { throw FileError("read", path, reason: "it is larger than \(limit) bytes") }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size)
    // Sized to the file (plus one byte to see the end), so small files cost little.
    var chunk = [UInt8](repeating: 0, count: min(max(size + 1, 4096), 1 << 20))
    while true {
      let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileError("read", path)
      }
      if count == 0 { break }
      // The file may grow while it is read.
      guard bytes.count + count <= limit else {
        throw FileError("read", path, reason: "it is larger than \(limit) bytes")
      }
      bytes.append(contentsOf: chunk[..<count])
    }
    return bytes
  }

  /// The file at `path` as UTF-8 text (invalid sequences repaired), or nil when missing.
  public static func readText(_ path: String) throws(FileError) -> String? {
    try read(path).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Replaces the file at `path` with `bytes`: a temporary file in the same directory,
  /// fsync, rename over the target, fsync of the directory.
  ///
  /// - Parameter mode: the new file's permissions. When nil, an existing file keeps
  ///   its mode and a new file gets 0600.
  public static func writeAtomically(
    _ bytes: some Collection<UInt8>, to path: String, mode: FileMode? = nil
  ) throws(FileError) {
    let directory = parentDirectory(of: path)
    var existing = stat()
    let finalMode: FileMode =
      mode ?? (stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o600)
    var template = Array((directory + "/." + baseName(of: path) + ".tmp-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    if fd < 0 { throw FileError("create a temporary file in", directory) }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var committed = false
    defer {
      if !committed { unlink(temporary) }
    }
    do {
      defer { close(fd) }
      if fchmod(fd, finalMode) != 0 { throw FileError("set the mode of", temporary) }
      try writeAll(fd, Array(bytes), path: temporary)
      if fsync(fd) != 0 { throw FileError("sync", temporary) }
    }
    if rename(temporary, path) != 0 { throw FileError("replace", path) }
    committed = true
    syncDirectory(directory)
  }

  /// Creates `path` and its missing parents, each with `mode`. A directory that
  /// already existed keeps its mode: cone-shell never opens or closes a directory it did
  /// not make (`CONE_SHELL_STATE_DIR=/tmp` must not turn /tmp private).
  public static func createDirectory(_ path: String, mode: FileMode = 0o700) throws(FileError) {
    var current = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      current += "/" + component
      if mkdir(current, mode) == 0 {
        // mkdir applies the umask; the mode asked for is the mode meant.
        if chmod(current, mode) != 0 { throw FileError("set the mode of", current) }
      } else if errno != EEXIST {
        throw FileError("create the directory", current)
      }
    }
    var status = stat()
    guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
      throw FileError("use as a directory", path, code: ENOTDIR)
    }
  }

  /// The permission bits of the file at `path`, or nil when it does not exist.
  public static func mode(of path: String) -> FileMode? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return status.st_mode & 0o7777
  }

  /// The modification time of `path` in seconds since the epoch, or nil.
  public static func modificationTime(of path: String) -> Int? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    #if canImport(Darwin)
    return Int(status.st_mtimespec.tv_sec)
    #else
    return Int(status.st_mtim.tv_sec)
    #endif
  }

  /// The modification time of `path` as (seconds, nanoseconds), for ordering two files
  /// written within the same second; nil when it does not exist.
  public static func preciseModificationTime(of path: String) -> (Int, Int)? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    #if canImport(Darwin)
    return (Int(status.st_mtimespec.tv_sec), Int(status.st_mtimespec.tv_nsec))
    #else
    return (Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec))
    #endif
  }

  public static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }

  /// Follows `path` while it is a symbolic link, also when the last target does not
  /// exist yet. Only the last component matters: `rename` works through linked
  /// directories.
  public static func resolvingSymlinks(_ path: String) -> String {
    var current = path
    // The kernel's own limit on nested links is 40.
    for _ in 0..<40 {
      var status = stat()
      guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count > 0 else { return current }
      let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = target.hasPrefix("/") ? target : parentDirectory(of: current) + "/" + target
    }
    return current
  }

  /// Removes the file at `path`; a missing file is not an error.
  public static func remove(_ path: String) throws(FileError) {
    if unlink(path) != 0 && errno != ENOENT { throw FileError("remove", path) }
  }

  /// The names in `directory` (not `.` and `..`); none when it cannot be read.
  public static func entries(of directory: String) -> [String] {
    guard let stream = opendir(directory) else { return [] }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  public static func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  public static func baseName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  package static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(FileError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes {
        systemWrite(fd, $0.baseAddress! + offset, $0.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw FileError("write", path)
      }
      offset += written
    }
  }

  /// Makes a rename durable. Failure only weakens durability, so it is not reported.
  private static func syncDirectory(_ directory: String) {
    let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }
}
