#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Decoding helpers for the C1 API's conventions: int64 may arrive as a string or a
// number, and an unset field may be absent, null, "" or [] (docs/c1-api.md §1).
extension KeyedDecodingContainer {
  /// An int64 written as a string (C1's form) or a number; nil when absent, null or "".
  public func decodeInt64IfPresent(forKey key: Key) throws -> Int64? {
    guard contains(key), try !decodeNil(forKey: key) else { return nil }
    if let number = try? decode(Int64.self, forKey: key) { return number }
    let text = try decode(String.self, forKey: key)
    if text.isEmpty { return nil }
    guard let number = Int64(text) else {
      throw DecodingError.dataCorruptedError(
        forKey: key, in: self, debugDescription: "expected an int64, found \"\(text)\"")
    }
    return number
  }

  /// A string, with "" treated as absent.
  public func decodeNonEmptyStringIfPresent(forKey key: Key) throws -> String? {
    guard let value = try decodeIfPresent(String.self, forKey: key), !value.isEmpty else {
      return nil
    }
    return value
  }

  /// An array, with null or absent treated as empty.
  public func decodeArrayIfPresent<Element: Decodable>(
    _ type: [Element].Type, forKey key: Key
  ) throws -> [Element] {
    try decodeIfPresent(type, forKey: key) ?? []
  }
}
