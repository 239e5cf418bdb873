/// Whether a sign-in URL a server sent may be opened in the browser: a server can name
/// any URL, and one that starts with `-` would reach the browser as an option. Only
/// `https` (plain `http` on loopback, for cone-sandbox) on a host of the service that
/// sent it is opened; anything else is only printed, with the reason.
public struct SignInURLPolicy: Sendable {
  /// URLs of the service: its API endpoint, a start URL. Their hosts, and hosts that
  /// share their last two labels (AWS sends `device.sso.<region>.amazonaws.com` from
  /// `oidc.<region>.amazonaws.com`), are the expected ones.
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
    guard expected.contains(where: { Self.sameSite(parts.host, $0) }) else {
      return "its host \(parts.host) is not the service's (\(expected.joined(separator: ", ")))"
    }
    return nil
  }

  static func sameSite(_ host: String, _ origin: String) -> Bool {
    if host == origin { return true }
    // IP addresses and single-label hosts must match exactly.
    let labels = origin.split(separator: ".")
    guard labels.count >= 2, !host.contains(":"), labels.last?.allSatisfy(\.isNumber) == false else { return false }
    return host.hasSuffix("." + labels.suffix(2).joined(separator: "."))
  }
}
