/// The AWS config file on disk: `$AWS_CONFIG_FILE` or `~/.aws/config`.
public struct AWSConfigFile: Sendable, Equatable {
  public var path: String

  public init(path: String) {
    self.path = path
  }

  public init(paths: Paths) {
    self.init(path: paths.awsConfigFile)
  }

  /// The document in the file; a missing file is an empty document (as for botocore).
  ///
  /// - Throws: `.parse` with the line of anything the AWS CLI could not read either
  ///   (the file is then not to be written), `.file` when it cannot be read.
  public func load() throws(AWSConfigFileError) -> AWSConfigDocument {
    let bytes: [UInt8]?
    do {
      bytes = try FileSystem.read(path)
    } catch {
      throw .file(error)
    }
    guard let bytes else { return AWSConfigDocument() }
    do {
      return try AWSConfigDocument(parsing: bytes)
    } catch {
      var error = error
      error.path = path
      throw .parse(error)
    }
  }

  /// Replaces the file with `document`, atomically. The file keeps its mode (a new one
  /// is 0600, in a new 0700 directory when its directory is missing). A symlinked
  /// config (dotfiles managers make them) is written through to its target: renaming
  /// over the link itself would replace it with a regular file.
  public func save(_ document: AWSConfigDocument) throws(AWSConfigFileError) {
    let target = Self.resolvingSymlinks(path)
    let directory = FileSystem.parentDirectory(of: target)
    do {
      if !FileSystem.exists(directory) { try FileSystem.createDirectory(directory, mode: 0o700) }
      try FileSystem.writeAtomically(document.bytes, to: target)
    } catch {
      throw .file(error)
    }
  }

  /// Follows `path` while it is a symbolic link, also when the last target does not
  /// exist yet. Only the last component matters: `rename` works through linked
  /// directories.
  static func resolvingSymlinks(_ path: String) -> String {
    var current = path
    // The kernel's own limit on nested links is 40.
    for _ in 0..<40 {
      var status = stat()
      guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count > 0 else { return current }
      let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = target.hasPrefix("/") ? target : FileSystem.parentDirectory(of: current) + "/" + target
    }
    return current
  }
}
