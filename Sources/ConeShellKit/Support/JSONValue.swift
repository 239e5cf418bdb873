#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Any JSON value, for free-form payloads such as a request form's `requestData` and
/// `google.protobuf.Struct` fields. Integers stay integers on the way out, so a form's
/// `hours: 2` is sent as `2`, not `2.0`.
public enum JSONValue: Sendable, Hashable, Codable {
  case null
  case bool(Bool)
  case integer(Int64)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int64.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .integer(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  public subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }

  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// An int64 as C1 writes it (a string) or as a number.
  public var int64Value: Int64? {
    switch self {
    case .integer(let value): value
    case .number(let value) where value.rounded() == value && abs(value) < 9.2e18: Int64(value)
    case .string(let text): Int64(text)
    default: nil
    }
  }

  /// A number (an integer or not), for values such as `expiresIn` that callers bound
  /// themselves. JSON has no infinity or NaN, so the value is always finite.
  public var doubleValue: Double? {
    switch self {
    case .integer(let value): Double(value)
    case .number(let value) where value.isFinite: value
    default: nil
    }
  }

  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  public var objectValue: [String: JSONValue]? {
    if case .object(let value) = self { return value }
    return nil
  }

  /// True for null, "", [] and {}: the C1 API may send any of them for "unset".
  public var isEmpty: Bool {
    switch self {
    case .null: true
    case .string(let value): value.isEmpty
    case .array(let value): value.isEmpty
    case .object(let value): value.isEmpty
    default: false
    }
  }
}

extension JSONValue {
  /// Decodes JSON bytes.
  public static func decoded(from bytes: [UInt8]) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
  }
}

extension JSONValue {
  /// Compact JSON text.
  public func encodedText() throws -> String {
    String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
  }
}
