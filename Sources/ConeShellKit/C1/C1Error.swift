/// What went wrong talking to ConductorOne, in words that say what to do next.
public enum C1Error: Error, CustomStringConvertible, Sendable, Equatable {
  /// No credential for this C1 profile.
  case notSignedIn(profile: String)
  /// The credential or token was refused.
  case unauthenticated(server: String, detail: String)
  case permissionDenied(request: String, message: String)
  case notFound(request: String, message: String)
  /// An open request for the same access already exists; its task id is attached.
  case duplicateRequest(taskID: String, message: String)
  case invalidArgument(message: String)
  case failedPrecondition(message: String)
  case server(request: String, status: Int, message: String)
  case malformedResponse(request: String, detail: String)
  case invalidClientID
  case invalidClientSecret
  case invalidServer(String)
  case deviceLogin(String)

  public var description: String {
    switch self {
    case .notSignedIn(let profile):
      let named = profile == C1Config.defaultProfileName ? "" : " --c1-profile \(profile)"
      return "not signed in to ConductorOne (no client credential for profile \"\(profile)\"): "
        + "run `cone-shell login <tenant>\(named)`"
    case .unauthenticated(let server, let detail):
      return "ConductorOne at \(server) refused the credential (\(detail)): run `cone-shell login <tenant>` to sign in again"
    case .permissionDenied(let request, let message):
      return "ConductorOne denied \(request): \(message)"
    case .notFound(let request, let message):
      return "ConductorOne has no such object (\(request)): \(message)"
    case .duplicateRequest(let taskID, _):
      return "a request for this access is already open (task \(taskID))"
    case .invalidArgument(let message), .failedPrecondition(let message):
      return "ConductorOne rejected the request: \(message)"
    case .server(let request, let status, let message):
      return "ConductorOne answered \(status) to \(request)" + (message.isEmpty ? "" : ": \(message)")
    case .malformedResponse(let request, let detail):
      return "ConductorOne's answer to \(request) could not be read (\(detail))"
    case .invalidClientID:
      return "the C1 client id is not of the form name@host/suffix: run `cone-shell login <tenant>` again"
    case .invalidClientSecret:
      return "the C1 client secret is not a valid Ed25519 client secret: run `cone-shell login <tenant>` again"
    case .invalidServer(let value):
      return "\(value) is not a ConductorOne address (expected a tenant name, host or https URL)"
    case .deviceLogin(let message):
      return message
    }
  }
}
