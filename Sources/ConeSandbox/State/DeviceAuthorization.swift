import Foundation

/// A pending device login (RFC 8628), for C1 (`/auth/v1/device_authorization`) or for AWS
/// SSO OIDC (`StartDeviceAuthorization`). A person approves it on the device page or with
/// `cone-sandbox approve-device`.
struct DeviceAuthorization: Sendable {
  enum Service: Sendable, Equatable {
    case c1(clientId: String)
    case aws(clientId: String)
  }

  enum Decision: Sendable, Equatable {
    case pending
    case approved(userId: String)
    case denied
    /// Its token has been issued; the code cannot be used again.
    case redeemed
  }

  /// What a token poll gets.
  enum PollResult: Sendable, Equatable {
    case pending
    case slowDown
    case expired
    case denied
    case approved(userId: String)
    case invalid
  }

  let deviceCode: String
  let userCode: String
  let service: Service
  let expiresAt: Date
  var interval: TimeInterval
  /// Wall-clock time of the last poll: polling speed is about real seconds.
  var lastPoll: Date?
  var decision: Decision = .pending

  /// `ABCD-EFGH`, from consonants only so that no word is spelled (RFC 8628 §6.1).
  static func makeUserCode() -> String {
    let letters = "BCDFGHJKLMNPQRSTVWXZ"
    return Identifier.random(4, from: letters) + "-" + Identifier.random(4, from: letters)
  }

  /// Accepts `abcd-efgh`, `ABCDEFGH`, or a verification URL carrying `user_code=`.
  static func normalizeUserCode(_ text: String) -> String {
    var code = text
    if let range = text.range(of: "user_code=") {
      code = String(text[range.upperBound...].prefix { $0 != "&" && $0 != "#" })
      code = code.removingPercentEncoding ?? code
    }
    let letters = code.uppercased().filter { $0.isLetter || $0.isNumber }
    guard letters.count == 8 else { return code.uppercased() }
    return "\(letters.prefix(4))-\(letters.suffix(4))"
  }
}
