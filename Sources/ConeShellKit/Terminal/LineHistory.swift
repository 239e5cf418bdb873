import ConeShellBase

/// Lines entered at form prompts, each under a key (the field), kept in a file so that
/// they come back with the up arrow in a later run. The file is a line per entry,
/// `key<TAB>line` with backslash escapes, written atomically with mode 0600 and cut to
/// the newest `limit` entries.
public struct LineHistory: Sendable, Hashable {
  public struct Entry: Sendable, Hashable {
    public var key: String
    public var line: String
  }

  public private(set) var entries: [Entry] = []
  public let limit: Int

  public init(limit: Int = 500) {
    self.limit = max(limit, 1)
  }

  /// The history in the file at `path`; empty when it is missing, unreadable or not the
  /// user's own and private (it lives in the state directory and its lines are offered
  /// as answers), since losing history must never stop a request.
  public static func load(from path: String, limit: Int = 500) -> LineHistory {
    var history = LineHistory(limit: limit)
    guard let bytes = try? FileSystem.readPrivate(path, limit: 4 << 20) else { return history }
    let text = String(decoding: bytes, as: UTF8.self)
    for record in text.split(separator: "\n") {
      guard let tab = record.firstIndex(of: "\t") else { continue }
      history.entries.append(
        Entry(key: unescape(record[..<tab]), line: unescape(record[record.index(after: tab)...])))
    }
    history.trim()
    return history
  }

  /// The lines under `key`, oldest first.
  public func lines(for key: String) -> [String] {
    entries.filter { $0.key == key }.map(\.line)
  }

  /// Adds a line unless it is empty or repeats the newest one under the same key.
  public mutating func add(_ line: String, key: String) {
    guard !line.isEmpty, lines(for: key).last != line else { return }
    entries.append(Entry(key: key, line: line))
    trim()
  }

  /// Writes the history to `path` (0600), creating its directory (0700) if missing.
  public func save(to path: String) throws(FileError) {
    let directory = FileSystem.parentDirectory(of: path)
    if !FileSystem.exists(directory) { try FileSystem.createDirectory(directory, mode: 0o700) }
    let text = entries.map { Self.escape($0.key) + "\t" + Self.escape($0.line) + "\n" }.joined()
    try FileSystem.writeAtomically(Array(text.utf8), to: path, mode: 0o600)
  }

  private mutating func trim() {
    if entries.count > limit { entries.removeFirst(entries.count - limit) }
  }

  // By Unicode scalar: "\r\n" is one Character and would slip past a Character switch.
  private static func escape(_ text: String) -> String {
    var escaped = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": escaped += "\\\\".unicodeScalars
      case "\t": escaped += "\\t".unicodeScalars
      case "\n": escaped += "\\n".unicodeScalars
      case "\r": escaped += "\\r".unicodeScalars
      default: escaped.append(scalar)
      }
    }
    return String(escaped)
  }

  private static func unescape(_ text: Substring) -> String {
    var plain = String.UnicodeScalarView()
    var escaping = false
    for scalar in text.unicodeScalars {
      if escaping {
        switch scalar {
        case "t": plain.append("\t")
        case "n": plain.append("\n")
        case "r": plain.append("\r")
        default: plain.append(scalar)
        }
        escaping = false
      } else if scalar == "\\" {
        escaping = true
      } else {
        plain.append(scalar)
      }
    }
    return String(plain)
  }
}
