import Crypto
import Foundation

/// IDs and secrets. Catalog IDs are KSUID-shaped (27 base62 characters) and derived from
/// names, so a scenario always yields the same IDs; secrets come from the system's CSPRNG.
enum Identifier {
  private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

  /// A 27-character base62 ID derived from `seed`: 20 bytes of its SHA-256, as a KSUID holds.
  static func ksuid(_ seed: String) -> String {
    var number = Array(SHA256.hash(data: Data(seed.utf8)).prefix(20))
    var digits: [Character] = []
    // Repeated division of the 160-bit big-endian number by 62.
    for _ in 0..<27 {
      var remainder = 0
      for index in number.indices {
        let accumulator = remainder * 256 + Int(number[index])
        number[index] = UInt8(accumulator / 62)
        remainder = accumulator % 62
      }
      digits.append(base62[remainder])
    }
    return String(digits.reversed())
  }

  /// Lower-case hex of the first `count` bytes of SHA-256(`seed`).
  static func hex(_ seed: String, count: Int) -> String {
    SHA256.hash(data: Data(seed.utf8)).prefix(count).map { String(format: "%02x", $0) }.joined()
  }

  /// Upper-case letters and digits derived from `seed` (AWS-style IDs such as role IDs).
  static func upperAlphanumeric(_ seed: String, count: Int) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    let bytes = Array(SHA256.hash(data: Data(seed.utf8)))
    return String((0..<count).map { alphabet[Int(bytes[$0 % bytes.count]) % alphabet.count] })
  }

  /// `count` random bytes, base64url without padding.
  static func randomToken(bytes count: Int = 32) -> String {
    Base64URL.encode(randomBytes(count))
  }

  /// Random characters from `alphabet`.
  static func random(_ count: Int, from alphabet: String) -> String {
    let characters = Array(alphabet)
    var generator = SystemRandomNumberGenerator()
    return String((0..<count).map { _ in characters[Int.random(in: 0..<characters.count, using: &generator)] })
  }

  static func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }
}
