/// What went wrong with AWS IAM Identity Center, worded to say what to do.
public enum SSOError: Error, CustomStringConvertible, Sendable, Equatable {
  /// No AWS SSO settings are known yet.
  case notConfigured
  /// There is no usable token and no terminal to sign in on.
  case loginRequired(startURL: String)
  /// The portal refused the token ("Session token not found or invalid").
  case unauthorized(message: String)
  /// The role is not (or not yet, or no longer) assigned to the user.
  case forbidden(accountID: String, roleName: String, message: String)
  /// An OIDC error (`authorization_pending`, `slow_down`, `expired_token`, …).
  case oidc(code: String, message: String)
  case service(request: String, status: Int, type: String, message: String)
  case malformedResponse(request: String)
  /// The loopback listener of an authorization-code sign-in could not start.
  case loopbackUnavailable(reason: String)
  /// No answer came back from the browser in time.
  case signInTimedOut(seconds: Int)
  /// The browser came back with a `state` that is not this sign-in's.
  case stateMismatch

  public var description: String {
    switch self {
    case .notConfigured:
      return "AWS SSO is not set up: run `cone-shell setup --sso-url https://<yours>.awsapps.com/start --sso-region <region>`"
    case .loginRequired(let startURL):
      return "the AWS SSO session for \(startURL) has expired and cannot be renewed without a terminal: "
        + "run `cone-shell login --aws` (or `aws sso login --sso-session \(SSOSettings.sessionName)`)"
    case .unauthorized(let message):
      return "AWS SSO refused the session token (\(message)): run `cone-shell login --aws`; "
        + "if this persists, check the SSO region with `cone-shell setup show`"
    case .forbidden(let accountID, let roleName, let message):
      return "AWS SSO has no \(roleName) role in account \(accountID) for you (\(message))"
    case .oidc(let code, let message):
      return "AWS SSO sign-in failed: \(message.isEmpty ? code : message)"
    case .service(let request, let status, let type, let message):
      return "AWS SSO answered \(status) \(type) to \(request)" + (message.isEmpty ? "" : ": \(message)")
    case .malformedResponse(let request):
      return "AWS SSO's answer to \(request) could not be read"
    case .loopbackUnavailable(let reason):
      return "cannot listen on 127.0.0.1 for the browser's answer (\(reason)): "
        + "sign in with a code instead, `cone-shell login --aws --use-device-code`"
    case .signInTimedOut(let seconds):
      return "no answer came back from the browser within \(Duration.seconds(seconds).spelled): "
        + "run `cone-shell login --aws` again, or sign in with a code (`cone-shell login --aws --use-device-code`), "
        + "which also works from another device"
    case .stateMismatch:
      return "the browser came back with an answer that does not belong to this sign-in (its state does not match), "
        + "so it was refused and nothing was saved: run `cone-shell login --aws` again"
    }
  }

  /// Reads an AWS error response: the type from `x-amzn-ErrorType` (which botocore
  /// prefers) or the body's `__type`/`error`, cut at `:` and after `#`.
  static func parse(_ response: HTTPResponse) -> (type: String, message: String, oauthCode: String?) {
    let body = (try? JSONValue.decoded(from: response.body)) ?? .null
    var type = response.header("x-amzn-ErrorType") ?? body["__type"]?.stringValue ?? body["code"]?.stringValue ?? ""
    if let colon = type.firstIndex(of: ":") { type = String(type[..<colon]) }
    if let hash = type.lastIndex(of: "#") { type = String(type[type.index(after: hash)...]) }
    let message = body["message"]?.stringValue ?? body["Message"]?.stringValue
      ?? body["error_description"]?.stringValue ?? ""
    return (type.isEmpty ? "\(response.status)" : type, message, body["error"]?.stringValue)
  }
}
