import Foundation

/// base64url without padding (RFC 4648 §5), as JWTs and C1 client secrets use it.
/// The sandbox's own, not the kit's `Base64URL`: the emulator is written from the wire
/// (ARCHITECTURE.md), so a mistake in the client's copy cannot hide in both.
enum WireBase64URL {
  static func encode(_ bytes: some Sequence<UInt8>) -> String {
    Data(bytes).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  static func decode(_ text: some StringProtocol) -> Data? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    guard !base64.contains("=") else { return nil }
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    return Data(base64Encoded: base64)
  }
}
