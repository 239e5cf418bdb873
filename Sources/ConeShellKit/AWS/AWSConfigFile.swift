import ConeShellBase

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
    let target = FileSystem.resolvingSymlinks(path)
    let directory = FileSystem.parentDirectory(of: target)
    do {
      if !FileSystem.exists(directory) { try FileSystem.createDirectory(directory, mode: 0o700) }
      try FileSystem.writeAtomically(document.bytes, to: target)
    } catch {
      throw .file(error)
    }
  }
}
