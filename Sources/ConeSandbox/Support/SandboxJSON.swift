import Foundation

/// The JSON encoder and decoder every response and request goes through: protojson's
/// conventions (RFC 3339 UTC times, no escaped slashes).
enum SandboxJSON {
  static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(ProtoTimestamp.rfc3339(date))
    }
    return encoder
  }()

  static let decoder = JSONDecoder()

  static func encode(_ value: some Encodable) throws -> Data {
    try encoder.encode(value)
  }
}
