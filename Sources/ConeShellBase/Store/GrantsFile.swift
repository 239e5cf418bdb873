/// The `grants` file in the state directory, which the prompt hooks read with builtins:
///
///     written<TAB><epoch>
///     <profile><TAB><active|pending><TAB><expires epoch or 0><TAB><task number or ->
///
/// It holds only active and pending grants: a profile without one has no line, so that
/// with thousands of profiles a prompt still reads a handful of lines. No field is ever
/// empty (tabs are whitespace to `read`, so an empty field would shift the ones after it).
///
/// The binary and the three shells read it by one rule (below, and in the shells'
/// `__cone_shell_read_grants`), so that a corrupt file reads alike everywhere:
///
/// - the text is split into lines at newlines; each line ends at its first NUL byte
///   (bash cannot hold a NUL, and its `mapfile` cuts the line there); empty lines are
///   skipped;
/// - the first line is the header when it is `written<TAB>VALUE`: `written` is VALUE
///   when that is 1 to 18 ASCII digits, else 0; without a header `written` is 0;
/// - any other line counts only when it is exactly four tab-separated fields with no
///   control character anywhere (U+0000–U+001F, U+007F–U+009F): PROFILE not empty,
///   STATE `active` or `pending` (a `none` line, which earlier versions wrote, is
///   skipped like an invalid one), EXPIRES 1 to 18 ASCII digits (0: no expiry) and
///   TASK `-` or ASCII digits; every other line is skipped;
/// - a profile's grant is its first line that counts.
public struct GrantsFile: Sendable, Equatable {
  public enum State: String, Sendable {
    /// `none` is never written: updating a profile to it removes the profile's line.
    case active, pending, none
  }

  public struct Entry: Sendable, Equatable {
    public var profile: String
    public var state: State
    /// When an active grant ends, in seconds since the epoch; nil when unknown or
    /// not active.
    public var expires: Int?
    /// The open request's task number (digits), for pending entries.
    public var task: String?

    public init(profile: String, state: State, expires: Int? = nil, task: String? = nil) {
      self.profile = profile
      self.state = state
      self.expires = expires
      self.task = task
    }
  }

  public static let fileName = "grants"
  /// The most digits a number in the file may have: every such number fits an `Int`,
  /// and the shells' arithmetic (64-bit) reads it exactly.
  public static let maximumDigits = 18

  /// When the file was written, in seconds since the epoch.
  public var written: Int
  public var entries: [Entry]

  public init(written: Int, entries: [Entry]) {
    self.written = written
    self.entries = entries
  }

  /// Parses the file's text by the rule above: a missing or malformed header gives
  /// `written == 0` (so the prompt treats it as stale), and lines that do not count
  /// are skipped. Entries keep the file's order, duplicates included (`entry(for:)`
  /// gives a profile's first). The text is taken as Unicode scalars, not characters,
  /// so that a `\r\n` is a `\r` ending a line, as in the shells.
  public init(parsing text: String) {
    var written = 0
    var entries: [Entry] = []
    var first = true
    for whole in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = whole.prefix { $0 != "\0" }
      guard !line.isEmpty else { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      if first {
        first = false
        if fields.count == 2, fields[0].elementsEqual("written".unicodeScalars) {
          written = Self.number(fields[1]) ?? 0
          continue
        }
      }
      guard fields.count == 4, !fields[0].isEmpty, Self.isPlain(line),
        let state = State(rawValue: String(Substring(fields[1]))), state != .none,
        let expires = Self.number(fields[2]),
        fields[3].elementsEqual("-".unicodeScalars) || Self.isDigits(fields[3])
      else { continue }
      entries.append(
        Entry(
          profile: String(Substring(fields[0])), state: state, expires: expires > 0 ? expires : nil,
          task: Self.isDigits(fields[3]) ? String(Substring(fields[3])) : nil))
    }
    self.init(written: written, entries: entries)
  }

  /// The file's text: the header, then one line for each profile's first active or
  /// pending entry. A field that could break the line structure is never written: an
  /// entry whose profile holds a control character is left out, a task that is not
  /// all digits is written as `-`, an expiry out of range as 0.
  public var text: String {
    var text = "written\t\(Self.clamped(written))\n"
    var seen: Set<[UInt8]> = []
    for entry in entries where entry.state != .none && Self.isWritable(entry.profile) {
      guard seen.insert(Array(entry.profile.utf8)).inserted else { continue }
      let task = entry.task.flatMap { Self.isDigits($0.unicodeScalars[...]) ? $0 : nil } ?? "-"
      text += "\(entry.profile)\t\(entry.state.rawValue)\t\(Self.clamped(entry.expires ?? 0))\t\(task)\n"
    }
    return text
  }

  /// The profile's first entry. Names are compared byte for byte, as the shells
  /// compare them (Swift's `==` would also match a differently normalized name).
  public func entry(for profile: String) -> Entry? {
    entries.first { Self.same($0.profile, profile) }
  }

  /// Replaces the entry for `entry.profile` (its first, dropping any later ones),
  /// keeping the others in order. A `none` entry removes the profile's line.
  public mutating func update(_ entry: Entry) {
    let index = entries.firstIndex { Self.same($0.profile, entry.profile) }
    entries.removeAll { Self.same($0.profile, entry.profile) }
    guard entry.state != .none else { return }
    entries.insert(entry, at: min(index ?? entries.count, entries.count))
  }

  /// Whether two profile names are the same bytes.
  public static func same(_ a: String, _ b: String) -> Bool {
    a.utf8.elementsEqual(b.utf8)
  }

  // MARK: The rule's pieces

  /// 1 to `maximumDigits` ASCII digits, as a number.
  static func number(_ text: Substring.UnicodeScalarView) -> Int? {
    guard text.count <= maximumDigits, isDigits(text) else { return nil }
    return Int(String(Substring(text)))
  }

  static func isDigits(_ text: Substring.UnicodeScalarView) -> Bool {
    !text.isEmpty && text.allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 }
  }

  /// No control character: C0 (but tab, the separator, when `allowingTabs`), DEL or C1.
  static func isPlain(_ text: Substring.UnicodeScalarView, allowingTabs: Bool = true) -> Bool {
    !text.contains { scalar in
      switch scalar.value {
      case 0x09: !allowingTabs
      case 0x00..<0x20, 0x7F...0x9F: true
      default: false
      }
    }
  }

  /// A profile name that can be written as a field: not empty, no control character.
  static func isWritable(_ profile: String) -> Bool {
    !profile.isEmpty && isPlain(profile.unicodeScalars[...], allowingTabs: false)
  }

  /// `value` within what the file may hold: 0 to 18 digits.
  static func clamped(_ value: Int) -> Int {
    min(max(value, 0), 999_999_999_999_999_999)
  }
}
