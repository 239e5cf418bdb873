/// The `grants` file in the state directory, which the prompt hooks read with builtins:
///
///     written<TAB><epoch>
///     <profile><TAB><active|pending|none><TAB><expires epoch or 0><TAB><task number or ->
///
/// No field is ever empty (tabs are whitespace to `read`, so an empty field would shift
/// the ones after it).
public struct GrantsFile: Sendable, Equatable {
  public enum State: String, Sendable {
    case active, pending, none
  }

  public struct Entry: Sendable, Equatable {
    public var profile: String
    public var state: State
    /// When an active grant ends, in seconds since the epoch; nil when unknown or
    /// not active.
    public var expires: Int?
    /// The open request's task number, for pending entries.
    public var task: String?

    public init(profile: String, state: State, expires: Int? = nil, task: String? = nil) {
      self.profile = profile
      self.state = state
      self.expires = expires
      self.task = task
    }
  }

  public static let fileName = "grants"

  /// When the file was written, in seconds since the epoch.
  public var written: Int
  public var entries: [Entry]

  public init(written: Int, entries: [Entry]) {
    self.written = written
    self.entries = entries
  }

  /// Parses the file's text. A missing or malformed header gives `written == 0` (so the
  /// prompt treats it as stale) and malformed lines are skipped.
  public init(parsing text: String) {
    var written = 0
    var entries: [Entry] = []
    for (index, line) in text.split(separator: "\n").enumerated() {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      if index == 0, fields.count == 2, fields[0] == "written" {
        written = Int(fields[1]) ?? 0
        continue
      }
      guard fields.count == 4, !fields[0].isEmpty, let state = State(rawValue: String(fields[1]))
      else { continue }
      let expires = Int(fields[2]).flatMap { $0 > 0 ? $0 : nil }
      let task = fields[3] == "-" || fields[3].isEmpty ? nil : String(fields[3])
      entries.append(Entry(profile: String(fields[0]), state: state, expires: expires, task: task))
    }
    self.init(written: written, entries: entries)
  }

  public var text: String {
    var text = "written\t\(written)\n"
    for entry in entries {
      text += "\(entry.profile)\t\(entry.state.rawValue)\t\(entry.expires ?? 0)\t\(entry.task ?? "-")\n"
    }
    return text
  }

  public func entry(for profile: String) -> Entry? {
    entries.first { $0.profile == profile }
  }

  /// Replaces the entry for `entry.profile`, keeping the others in order.
  public mutating func update(_ entry: Entry) {
    if let index = entries.firstIndex(where: { $0.profile == entry.profile }) {
      entries[index] = entry
    } else {
      entries.append(entry)
    }
  }
}
