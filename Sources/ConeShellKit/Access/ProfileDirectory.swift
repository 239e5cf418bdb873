import ConeShellBase

/// The cone-managed profiles of the AWS config file, and the `profiles` index the
/// shells read: rebuilt whenever the config file is newer than the index.
public struct ProfileDirectory: Sendable {
  public let configFile: AWSConfigFile
  public let store: StateStore

  public init(paths: Paths, store: StateStore) {
    configFile = AWSConfigFile(paths: paths)
    self.store = store
  }

  /// Every managed profile in file order.
  public func profiles() throws -> [ManagedProfile] {
    Self.profiles(in: try configFile.load())
  }

  public static func profiles(in document: AWSConfigDocument) -> [ManagedProfile] {
    document.profileNames.compactMap { name in
      document.resolvedProfile(name).flatMap { ManagedProfile(name: name, section: $0) }
    }
  }

  /// The named profile, or an error that says how to get one.
  public func profile(named name: String) throws -> ManagedProfile {
    let document = try configFile.load()
    guard let section = document.resolvedProfile(name) else {
      throw AccessError.unknownProfile(name, configPath: configFile.path)
    }
    guard let profile = ManagedProfile(name: name, section: section) else {
      throw AccessError.notManaged(name, configPath: configFile.path)
    }
    return profile
  }

  /// The index, rebuilt from the config file when that changed since it was written.
  /// Reading the index is what completion and `profiles` do; it never fails: an
  /// unreadable config gives the last good index.
  public func index() -> ProfilesIndex {
    let configTime = FileSystem.preciseModificationTime(of: configFile.path)
    let stored = (try? store.read(ProfilesIndex.fileName)).flatMap { $0 }
    if let stored, let indexTime = FileSystem.preciseModificationTime(of: store.path(ProfilesIndex.fileName)),
      configTime.map({ $0 <= indexTime }) ?? true
    {
      return ProfilesIndex(parsing: String(decoding: stored, as: UTF8.self))
    }
    return (try? rebuildIndex()) ?? ProfilesIndex(parsing: stored.map { String(decoding: $0, as: UTF8.self) } ?? "")
  }

  /// Writes the index from the config file.
  @discardableResult
  public func rebuildIndex(from document: AWSConfigDocument? = nil) throws -> ProfilesIndex {
    let profiles = Self.profiles(in: try document ?? configFile.load())
    let index = ProfilesIndex(
      entries: profiles.map { .init(name: $0.name, accountID: $0.accountID, roleName: $0.roleName) })
    try store.write(ProfilesIndex.fileName, Array(index.text.utf8))
    if let (seconds, nanoseconds) = FileSystem.preciseModificationTime(of: store.path(ProfilesIndex.fileName)) {
      try store.write(ProfilesIndex.stampFileName, Array("\(seconds).\(nanoseconds)\n".utf8))
    }
    return index
  }
}
