/// A free-form JSON value: `google.protobuf.Struct` fields (`requestData`, `Task.data`) and
/// request bodies, whose keys the handlers read in either spelling.
/// The sandbox's own, not the kit's `JSONValue`: the emulator is written from the wire
/// (ARCHITECTURE.md), so a mistake in the client's copy cannot hide in both.
enum WireJSON: Sendable, Equatable, Codable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([WireJSON])
  case object([String: WireJSON])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([WireJSON].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: WireJSON].self))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .number(let value):
      // Struct numbers are doubles; whole ones are written without a fraction, as protojson does.
      if let whole = Int64(exactly: value) {
        try container.encode(whole)
      } else {
        try container.encode(value)
      }
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  var objectValue: [String: WireJSON]? {
    if case .object(let value) = self { return value }
    return nil
  }

  var arrayValue: [WireJSON]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// A whole number, from a JSON number or a decimal string (int64 fields travel as strings).
  var integerValue: Int64? {
    switch self {
    case .number(let value): return Int64(exactly: value)
    case .string(let value): return Int64(value)
    default: return nil
    }
  }
}
