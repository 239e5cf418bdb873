/// The `profiles` file in the state directory: one cone-managed AWS profile a line,
/// `name<TAB>account<TAB>role`. The shells read it with builtins for completion and
/// for the wrapper's "is this profile ours?" test, so the format stays this simple.
public struct ProfilesIndex: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    public var name: String
    public var accountID: String
    public var roleName: String

    public init(name: String, accountID: String, roleName: String) {
      self.name = name
      self.accountID = accountID
      self.roleName = roleName
    }

    /// Fields that cannot break the line structure: no tab, newline or other control
    /// character, and a name that is not empty.
    var isWritable: Bool {
      !name.isEmpty && [name, accountID, roleName].allSatisfy(TerminalText.isPlainField)
    }
  }

  public static let fileName = "profiles"
  /// Rewritten after every new index with the index's modification time: the shells
  /// keep the managed names in memory until it changes, so the `aws` wrapper reads
  /// one short line, not the whole index, to tell whether a profile is cone-shell's.
  public static let stampFileName = "profiles-stamp"

  public var entries: [Entry]

  public init(entries: [Entry]) {
    self.entries = entries
  }

  /// Parses the file's text; malformed lines are skipped, never fatal.
  public init(parsing text: String) {
    entries = text.split(separator: "\n").compactMap(Self.entry(line:))
  }

  private static func entry(line: Substring) -> Entry? {
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
    guard fields.count >= 3 else { return nil }
    let entry = Entry(name: String(fields[0]), accountID: String(fields[1]), roleName: String(fields[2]))
    return entry.isWritable ? entry : nil
  }

  /// The file's text. A profile whose fields could forge lines is left out.
  public var text: String {
    var text = ""
    for entry in entries where entry.isWritable {
      text += "\(entry.name)\t\(entry.accountID)\t\(entry.roleName)\n"
    }
    return text
  }

  public func entry(named name: String) -> Entry? {
    entries.first { $0.name == name }
  }

  /// The entry for `name` in the store's index, when the index is at least as new as
  /// the AWS config file it was built from (so it describes the profile as configured
  /// now); nil otherwise. For the credential hot path: one scan of the bytes for the
  /// line that starts with the name, without parsing the rest.
  public static func entry(named name: String, store: StateStore, configFile: String) -> Entry? {
    guard let indexTime = FileSystem.preciseModificationTime(of: store.path(fileName)),
      let configTime = FileSystem.preciseModificationTime(of: configFile), configTime <= indexTime,
      let bytes = try? store.read(fileName)
    else { return nil }
    let prefix = Array(name.utf8) + [UInt8(ascii: "\t")]
    var start = 0
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      if end - start > prefix.count, bytes[start..<start + prefix.count].elementsEqual(prefix) {
        return entry(line: Substring(String(decoding: bytes[start..<end], as: UTF8.self)))
      }
      start = end + 1
    }
    return nil
  }
}
