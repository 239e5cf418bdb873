/// The state directory: caches, locks and the small text files the shells read. The
/// directory is 0700 and every file in it 0600.
public struct StateStore: Sendable {
  public let directory: String

  public init(directory: String) {
    self.directory = directory
  }

  public init(paths: Paths) {
    self.init(directory: paths.stateDirectory)
  }

  /// Creates the directory (0700) when it is missing.
  public func prepare() throws(FileError) {
    try FileSystem.createDirectory(directory, mode: 0o700)
  }

  public func path(_ name: String) -> String {
    directory + "/" + name
  }

  public func read(_ name: String) throws(FileError) -> [UInt8]? {
    try FileSystem.read(path(name))
  }

  /// Writes `name` atomically with mode 0600, creating the directory first if needed.
  public func write(_ name: String, _ bytes: some Collection<UInt8>) throws(FileError) {
    let target = path(name)
    let parent = FileSystem.parentDirectory(of: target)
    if !FileSystem.exists(parent) { try FileSystem.createDirectory(parent, mode: 0o700) }
    try FileSystem.writeAtomically(bytes, to: target, mode: 0o600)
  }

  public func remove(_ name: String) throws(FileError) {
    try FileSystem.remove(path(name))
  }

  /// Takes the lock for `key` (a profile name, a token cache key…), waiting at most
  /// `timeout` for another process to finish.
  public func lock(
    _ key: String, timeout: Duration = .seconds(90), purpose: String
  ) async throws -> FileLock {
    try FileSystem.createDirectory(path("locks"), mode: 0o700)
    return try await FileLock.acquire(
      path("locks/" + Self.fileName(for: key) + ".lock"), timeout: timeout, purpose: purpose)
  }

  /// A file name for an arbitrary key: safe characters kept, anything else encoded, so
  /// that two keys never share a file and no key can climb out of the directory.
  public static func fileName(for key: String) -> String {
    var name = ""
    for byte in key.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
        name.append(Character(UnicodeScalar(byte)))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        name += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return name.isEmpty ? "%" : name
  }
}
