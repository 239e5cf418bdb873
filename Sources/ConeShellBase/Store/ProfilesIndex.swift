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
  }

  public static let fileName = "profiles"

  public var entries: [Entry]

  public init(entries: [Entry]) {
    self.entries = entries
  }

  /// Parses the file's text; malformed lines are skipped, never fatal.
  public init(parsing text: String) {
    entries = text.split(separator: "\n").compactMap { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count >= 3, !fields[0].isEmpty else { return nil }
      return Entry(name: String(fields[0]), accountID: String(fields[1]), roleName: String(fields[2]))
    }
  }

  public var text: String {
    entries.map { "\($0.name)\t\($0.accountID)\t\($0.roleName)\n" }.joined()
  }

  public func entry(named name: String) -> Entry? {
    entries.first { $0.name == name }
  }
}
