import ConeShellBase

/// How `cone-shell login --aws` signs in, as the AWS CLI v2 chooses (docs/aws-sso.md §2):
/// the authorization code with PKCE by default, the browser on this computer coming back
/// to a loopback listener; the device code where that browser cannot come back.
public enum SSOSignInMethod: Sendable, Equatable {
  case authorizationCode
  case deviceCode

  /// The device code when asked for (`--use-device-code`), over SSH (`SSH_TTY`: the
  /// browser is on another machine and cannot reach this one's loopback), or when no
  /// browser can be opened here; otherwise the authorization code.
  public static func choose(useDeviceCode: Bool, environment: Environment) -> SSOSignInMethod {
    if useDeviceCode || !(environment["SSH_TTY"] ?? "").isEmpty { return .deviceCode }
    return Browser.canOpen(environment: environment) ? .authorizationCode : .deviceCode
  }
}
