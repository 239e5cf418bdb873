/// The state directory: caches, locks and the small text files the shells read. The
/// directory is 0700 and every file in it 0600, and nothing in it is used unless it is
/// the user's own and private (`FileTrust`).
public struct StateStore: Sendable {
  public let directory: String
  /// The largest state file read: the profiles index of a very large catalog fits.
  public static let readLimit = 16 << 20

  public init(directory: String) {
    self.directory = directory
  }

  public init(paths: Paths) {
    self.init(directory: paths.stateDirectory)
  }

  /// Creates the directory (0700) when it is missing, and checks that it can be
  /// trusted. An existing directory's mode is never changed: it may not be cone-shell's.
  public func prepare() throws(FileError) {
    try FileSystem.createDirectory(directory, mode: 0o700)
    try verify()
  }

  /// Checks the directory (when it exists): the user's own, not writable by others.
  public func verify() throws(FileError) {
    try FileTrust.checkDirectory(directory, followingLink: true, tightening: false)
  }

  public func path(_ name: String) -> String {
    directory + "/" + name
  }

  /// The bytes of `name`, nil when it does not exist. A file or directory that is not
  /// the user's own and private is an error that says so.
  public func read(_ name: String, limit: Int = readLimit) throws(FileError) -> [UInt8]? {
    try verify()
    try verifySubdirectory(of: name)
    return try FileSystem.readPrivate(path(name), limit: limit)
  }

  /// Writes `name` atomically with mode 0600, creating the directory first if needed.
  /// The rename replaces whatever was there, a planted symbolic link included, without
  /// following it.
  public func write(_ name: String, _ bytes: some Collection<UInt8>) throws(FileError) {
    try prepare()
    try prepareSubdirectory(of: name)
    try FileSystem.writeAtomically(bytes, to: path(name), mode: 0o600)
  }

  public func remove(_ name: String) throws(FileError) {
    try FileSystem.remove(path(name))
  }

  /// Takes the lock for `key` (a profile name, a token cache key…), waiting at most
  /// `timeout` for another process to finish.
  public func lock(
    _ key: String, timeout: Duration = .seconds(90), purpose: String
  ) async throws -> FileLock {
    let name = "locks/" + Self.fileName(for: key) + ".lock"
    try prepare()
    try prepareSubdirectory(of: name)
    return try await FileLock.acquire(path(name), timeout: timeout, purpose: purpose)
  }

  /// The subdirectory `name` lives in (`credentials/`, `locks/`), if any: never a
  /// link, and closed again if it was opened up (cone-shell made it).
  private func verifySubdirectory(of name: String) throws(FileError) {
    guard let slash = name.lastIndex(of: "/") else { return }
    try FileTrust.checkDirectory(path(String(name[..<slash])), followingLink: false, tightening: true)
  }

  private func prepareSubdirectory(of name: String) throws(FileError) {
    guard let slash = name.lastIndex(of: "/") else { return }
    let subdirectory = path(String(name[..<slash]))
    if !FileSystem.exists(subdirectory) { try FileSystem.createDirectory(subdirectory, mode: 0o700) }
    try verifySubdirectory(of: name)
  }

  /// The longest file name `fileName(for:)` gives: within every file system's 255
  /// bytes, with room for the `.lock` and temporary-file affixes.
  public static let maximumFileNameLength = 200

  /// A file name for an arbitrary key: safe characters kept, anything else encoded, so
  /// that two keys never share a file and no key can climb out of the directory. A
  /// name that would be too long keeps its start and ends in a hash of the whole key.
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
    if name.utf8.count > maximumFileNameLength {
      // `~` is never produced by the encoding above, so a cut name cannot meet a whole one.
      let hash = "~" + StableHash.hex(key)
      name = String(name.utf8.prefix(maximumFileNameLength - hash.utf8.count))! + hash
    }
    return name.isEmpty ? "%" : name
  }
}
