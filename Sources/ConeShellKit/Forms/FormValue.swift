/// The typed value of one field: what requestData carries for it.
public enum FormValue: Sendable, Hashable {
  case string(String)
  case bool(Bool)
  case int64(Int64)
  case strings([String])

  /// The value in requestData: numbers as JSON numbers, lists as arrays.
  public var json: JSONValue {
    switch self {
    case .string(let value): .string(value)
    case .bool(let value): .bool(value)
    case .int64(let value): .integer(value)
    case .strings(let values): .array(values.map(JSONValue.string))
    }
  }

  /// "" and [] are no answer.
  public var isEmpty: Bool {
    switch self {
    case .string(let value): value.isEmpty
    case .strings(let values): values.isEmpty
    case .bool, .int64: false
    }
  }

  /// The value as a person reads it: `yes`, `2`, `a@example.com, b@example.com`.
  public var text: String {
    switch self {
    case .string(let value): value
    case .bool(let value): value ? "yes" : "no"
    case .int64(let value): String(value)
    case .strings(let values): values.joined(separator: ", ")
    }
  }
}
