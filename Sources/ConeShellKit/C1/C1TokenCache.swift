import ConeShellBase
import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The C1 access token kept on disk between runs (cone asks for a new one on every
/// call), with the user id that introspect returned for it. One 0600 file per server
/// and client id in the state directory.
struct C1TokenCache: Sendable {
  struct Entry: Codable, Sendable, Equatable {
    var server: String
    var accessToken: String
    var tokenType: String
    /// Seconds since the epoch.
    var expiresAt: Double
    var userID: String?
  }

  let store: StateStore
  let key: String

  /// Every cached token's file name starts so.
  static let filePrefix = "c1-token-"

  init(store: StateStore, account: C1Account) {
    self.store = store
    let digest = SHA256.hash(data: Array(account.cacheKey.utf8))
    key = Self.filePrefix + Base16.encode(digest.prefix(12)) + ".json"
  }

  /// The cached token if it is still good for at least `margin` seconds. A corrupt
  /// file is treated as missing (and will be overwritten).
  func read(now: Double, margin: Double = 60) -> Entry? {
    guard let entry = readAny(), entry.expiresAt - margin > now else { return nil }
    return entry
  }

  /// The entry whatever its age: its user id stays true for the same credential.
  func readAny() -> Entry? {
    guard let bytes = try? store.read(key) else { return nil }
    return try? JSONDecoder().decode(Entry.self, from: Data(bytes))
  }

  func write(_ entry: Entry) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    try store.write(key, Array(try encoder.encode(entry)))
  }

  func remove() {
    try? store.remove(key)
  }
}
