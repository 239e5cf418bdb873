import Foundation

/// The fields of a JSON request object. grpc-gateway accepts a field under its JSON name
/// (lowerCamelCase) and under its proto name (snake_case), so every lookup tries both.
struct RequestFields: Sendable {
  let values: [String: WireJSON]

  init(_ values: [String: WireJSON] = [:]) {
    self.values = values
  }

  /// Parses a request body; an empty body is an empty object, as grpc-gateway treats it.
  init(json bytes: [UInt8]) throws(C1Error) {
    guard bytes.contains(where: { !$0.isWhitespace }) else {
      self.init()
      return
    }
    let value: WireJSON
    do {
      value = try SandboxJSON.decoder.decode(WireJSON.self, from: Data(bytes))
    } catch {
      throw C1Error(.invalidArgument, "invalid JSON in request body")
    }
    guard case .object(let object) = value else {
      throw C1Error(.invalidArgument, "request body must be a JSON object")
    }
    self.init(object)
  }

  subscript(_ name: String) -> WireJSON? {
    if let value = values[name], value != .null { return value }
    if let value = values[Self.snakeCase(name)], value != .null { return value }
    return nil
  }

  func string(_ name: String) -> String? {
    self[name]?.stringValue
  }

  /// A string field where `""` means unset, as proto3 treats it.
  func nonEmptyString(_ name: String) -> String? {
    guard let value = string(name), !value.isEmpty else { return nil }
    return value
  }

  func strings(_ name: String) -> [String] {
    self[name]?.arrayValue?.compactMap(\.stringValue) ?? []
  }

  func bool(_ name: String) -> Bool {
    self[name]?.boolValue ?? false
  }

  func int(_ name: String) -> Int? {
    self[name]?.integerValue.map { Int(clamping: $0) }
  }

  func object(_ name: String) -> RequestFields? {
    self[name]?.objectValue.map(RequestFields.init)
  }

  func objects(_ name: String) -> [RequestFields] {
    self[name]?.arrayValue?.compactMap { $0.objectValue.map(RequestFields.init) } ?? []
  }

  /// `expandMask.paths`.
  var expandPaths: Set<String> {
    Set(object("expandMask")?.strings("paths") ?? [])
  }

  static func snakeCase(_ name: String) -> String {
    var result = ""
    for character in name {
      if character.isUppercase {
        result += "_" + character.lowercased()
      } else {
        result.append(character)
      }
    }
    return result
  }
}

extension UInt8 {
  fileprivate var isWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
