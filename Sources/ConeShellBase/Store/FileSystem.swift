/// Small, explicit file operations over POSIX. Writes are atomic: a reader sees the old
/// bytes or the new ones, never a part, and a crash leaves no half-written file.
public enum FileSystem {
  /// The bytes of the file at `path`, or nil when it does not exist.
  public static func read(_ path: String) throws(FileError) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw FileError("read", path)
    }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var status = stat()
    let size = fstat(fd, &status) == 0 ? Int(status.st_size) : 0
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

  /// Creates `path` and its missing parents. Directories this call creates get `mode`;
  /// the last one is set to `mode` even if it existed, so a state directory that was
  /// made too open is closed again.
  public static func createDirectory(_ path: String, mode: FileMode = 0o700) throws(FileError) {
    var current = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      current += "/" + component
      if mkdir(current, mode) != 0 && errno != EEXIST {
        throw FileError("create the directory", current)
      }
    }
    var status = stat()
    guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
      throw FileError("use as a directory", path, code: ENOTDIR)
    }
    if status.st_mode & 0o7777 != mode, chmod(path, mode) != 0 {
      throw FileError("set the mode of", path)
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

  public static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }

  /// Removes the file at `path`; a missing file is not an error.
  public static func remove(_ path: String) throws(FileError) {
    if unlink(path) != 0 && errno != ENOENT { throw FileError("remove", path) }
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
