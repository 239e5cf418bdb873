/// The exit codes of the machine-readable contract (README.md, Commands).
public enum ExitStatus: Int32, Sendable {
  case success = 0
  case failure = 1
  /// No access and nothing pending.
  case noAccess = 3
  /// A request is pending approval.
  case pending = 4
  /// A request form must be filled.
  case formRequired = 5
  /// The request was denied, cancelled or failed.
  case denied = 6
  /// Sign-in needed (C1 or AWS SSO) and not possible without a terminal.
  case signInRequired = 7
  case usage = 64
  case interrupted = 130

  /// The status an error ends a command with.
  public static func of(_ error: any Error) -> ExitStatus {
    switch error {
    case let error as C1Error:
      switch error {
      case .notSignedIn, .unauthenticated, .invalidClientID, .invalidClientSecret: .signInRequired
      default: .failure
      }
    case let error as SSOError:
      switch error {
      case .loginRequired, .unauthorized: .signInRequired
      default: .failure
      }
    case is InputError: .usage
    case is CancellationError: .interrupted
    default: .failure
    }
  }
}
