/// A JSON document cone-shell prints (`--json`), built as a value: keys keep the order
/// they are given in (a person reads the document too), and every string goes through
/// `JSONText.quote`, so no field can break the document or carry a control byte.
public indirect enum JSONDocument: Sendable, Equatable {
  case null
  case bool(Bool)
  case integer(Int)
  case string(String)
  case array([JSONDocument])
  case object([Member])

  public struct Member: Sendable, Equatable {
    public var key: String
    public var value: JSONDocument

    public init(_ key: String, _ value: JSONDocument) {
      self.key = key
      self.value = value
    }
  }

  /// A string, or null when there is none.
  public static func nullable(_ text: String?) -> JSONDocument {
    text.map { .string($0) } ?? .null
  }

  /// An RFC 3339 UTC time, or null.
  public static func time(_ seconds: Double?) -> JSONDocument {
    seconds.map { .string(Timestamp.format($0)) } ?? .null
  }

  /// An object from its members in order.
  public static func object(_ members: KeyValuePairs<String, JSONDocument>) -> JSONDocument {
    .object(members.map { Member($0.key, $0.value) })
  }

  /// Indented by two spaces a level, as most tools print JSON.
  public var rendered: String {
    var text = ""
    write(to: &text, indent: "")
    return text
  }

  private func write(to text: inout String, indent: String) {
    let inner = indent + "  "
    switch self {
    case .null: text += "null"
    case .bool(let value): text += value ? "true" : "false"
    case .integer(let value): text += String(value)
    case .string(let value): text += JSONText.quote(value)
    case .array(let items):
      guard !items.isEmpty else { return text += "[]" }
      text += "[\n"
      for (index, item) in items.enumerated() {
        if index > 0 { text += ",\n" }
        text += inner
        item.write(to: &text, indent: inner)
      }
      text += "\n" + indent + "]"
    case .object(let members):
      guard !members.isEmpty else { return text += "{}" }
      text += "{\n"
      for (index, member) in members.enumerated() {
        if index > 0 { text += ",\n" }
        text += inner + JSONText.quote(member.key) + ": "
        member.value.write(to: &text, indent: inner)
      }
      text += "\n" + indent + "}"
    }
  }
}
