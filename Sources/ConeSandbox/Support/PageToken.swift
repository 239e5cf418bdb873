/// Opaque page tokens: a position in a list, base64url-encoded so that clients treat it as
/// opaque and pass it back unchanged.
enum PageToken {
  static func encode(_ position: Int) -> String {
    WireBase64URL.encode(Array("page:\(position)".utf8))
  }

  static func decode(_ token: String) -> Int? {
    guard let data = WireBase64URL.decode(token) else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    guard text.hasPrefix("page:"), let position = Int(text.dropFirst(5)), position >= 0 else { return nil }
    return position
  }

  /// C1's page size rule: 0 ⇒ 25, below 10 ⇒ 10, above 100 ⇒ 100.
  static func c1PageSize(_ requested: Int?) -> Int {
    guard let requested, requested > 0 else { return 25 }
    return min(100, max(10, requested))
  }
}
