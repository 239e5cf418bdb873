import Crypto
import Foundation

/// IDs and secrets. Catalog IDs are KSUID-shaped (27 base62 characters) and derived from
/// names, so a scenario always yields the same IDs; secrets come from the system's CSPRNG.
enum Identifier {
  private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

  /// A 27-character base62 ID derived from `seed`: 20 bytes of its SHA-256, as a KSUID holds.
  static func ksuid(_ seed: String) -> String {
    // The 160-bit big-endian number as five 32-bit limbs, divided by 62 once per digit.
    let bytes = Array(SHA256.hash(data: Data(seed.utf8)).prefix(20))
    var limbs = (0..<5).map { index in
      bytes[(index * 4)..<(index * 4 + 4)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
    var digits = [Character](repeating: "0", count: 27)
    for position in stride(from: 26, through: 0, by: -1) {
      var remainder: UInt64 = 0
      for index in 0..<5 {
        let accumulator = remainder << 32 | limbs[index]
        limbs[index] = accumulator / 62
        remainder = accumulator % 62
      }
      digits[position] = base62[Int(remainder)]
    }
    return String(digits)
  }

  /// Lower-case hex of the first `count` bytes of SHA-256(`seed`).
  static func hex(_ seed: String, count: Int) -> String {
    hex(SHA256.hash(data: Data(seed.utf8)).prefix(count))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Lower-case hex of `bytes` (without `String(format:)`, which is slow where it matters).
  static func hex(_ bytes: some Sequence<UInt8>) -> String {
    var digits: [UInt8] = []
    for byte in bytes {
      digits.append(hexDigits[Int(byte >> 4)])
      digits.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: digits, as: UTF8.self)
  }

  /// Upper-case letters and digits derived from `seed` (AWS-style IDs such as role IDs).
  static func upperAlphanumeric(_ seed: String, count: Int) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    let bytes = Array(SHA256.hash(data: Data(seed.utf8)))
    return String((0..<count).map { alphabet[Int(bytes[$0 % bytes.count]) % alphabet.count] })
  }

  /// `count` random bytes, base64url without padding.
  static func randomToken(bytes count: Int = 32) -> String {
    WireBase64URL.encode(randomBytes(count))
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
