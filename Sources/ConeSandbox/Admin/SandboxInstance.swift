import Foundation

/// The running `cone-sandbox serve`, recorded in `~/.cone-sandbox/instance.json` (0600, in a
/// 0700 directory: it holds a client secret) so that `cone-sandbox env` and the admin
/// commands work from another terminal.
public struct SandboxInstance: Sendable, Equatable, Codable {
  public var url: String
  public var pid: Int32
  public var tlsCertificate: String?
  public var exports: [EnvironmentVariable]

  public init(url: String, pid: Int32, tlsCertificate: String?, exports: [EnvironmentVariable]) {
    self.url = url
    self.pid = pid
    self.tlsCertificate = tlsCertificate
    self.exports = exports
  }

  /// `$HOME/.cone-sandbox/instance.json`.
  public static var defaultPath: String {
    let home = ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
    return "\(home)/.cone-sandbox/instance.json"
  }

  public func write(to path: String = SandboxInstance.defaultPath) throws {
    let directory = (path as NSString).deletingLastPathComponent
    let files = FileManager.default
    try files.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let temporary = "\(path).\(pid).tmp"
    guard files.createFile(atPath: temporary, contents: try encoder.encode(self), attributes: [.posixPermissions: 0o600]) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
    }
    // rename(2) semantics: the file is either the old one or the new one, never half-written.
    if files.fileExists(atPath: path) {
      _ = try files.replaceItemAt(URL(fileURLWithPath: path), withItemAt: URL(fileURLWithPath: temporary))
    } else {
      try files.moveItem(atPath: temporary, toPath: path)
    }
  }

  public static func read(from path: String = SandboxInstance.defaultPath) -> SandboxInstance? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return try? JSONDecoder().decode(SandboxInstance.self, from: data)
  }

  /// Removes the file if it still describes the process `pid`.
  public static func remove(at path: String = SandboxInstance.defaultPath, ifOwnedBy pid: Int32) {
    guard read(from: path)?.pid == pid else { return }
    try? FileManager.default.removeItem(atPath: path)
  }
}
