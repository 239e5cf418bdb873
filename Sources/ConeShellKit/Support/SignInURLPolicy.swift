import ConeShellBase

/// Whether a sign-in URL a server sent may be opened in the browser: a server can name
/// any URL, and one that starts with `-` would reach the browser as an option. Only
/// `https` (plain `http` on loopback, for cone-sandbox) on a host of the service that
/// sent it is opened; anything else is only printed, with the reason.
public struct SignInURLPolicy: Sendable {
  /// URLs of the service: its API endpoint, a start URL. Their hosts are the expected
  /// ones, and for an AWS OIDC endpoint `oidc.<region>.<suffix>` also the device page it
  /// sends, `device.sso.<region>.<suffix>`. No wider match: other hosts under
  /// `amazonaws.com` serve anyone's content (S3 buckets), and a suffix such as `com.cn`
  /// or `co.uk` is everyone's.
  public var origins: [String]

  public init(origins: [String]) {
    self.origins = origins
  }

  /// nil when `url` may be opened; otherwise why not.
  public func refusal(_ url: String) -> String? {
    guard !url.hasPrefix("-"), let parts = URLParts(url) else { return "it is not a web address" }
    guard TerminalText.isPlainField(url), !url.contains(" ") else { return "it holds spaces or control characters" }
    guard parts.scheme == "https" || parts.isLoopback else { return "it is not an https address" }
    let expected = origins.compactMap { URLParts($0)?.host }
    guard expected.contains(where: { Self.isExpected(parts.host, from: $0) }) else {
      return "its host \(parts.host) is not the service's (\(expected.joined(separator: ", ")))"
    }
    return nil
  }

  static func isExpected(_ host: String, from origin: String) -> Bool {
    host == origin || (origin.hasPrefix("oidc.") && host == "device.sso." + origin.dropFirst("oidc.".count))
  }
}
