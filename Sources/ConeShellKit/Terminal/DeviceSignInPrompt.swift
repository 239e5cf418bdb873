import ConeShellBase

/// What a person sees during a browser sign-in (C1 or AWS): the URL and the code,
/// always printed (a browser may not open, or may open on another machine), the
/// browser opened when there is one, and a waiting line with the time elapsed.
public struct DeviceSignInPrompt: Sendable {
  public let environment: Environment
  public let isTerminal: Bool
  private let progress: ProgressLine

  public init(environment: Environment, isTerminal: Bool) {
    self.environment = environment
    self.isTerminal = isTerminal
    self.progress = ProgressLine(isTerminal: isTerminal)
  }

  /// Prints the URL and code, and opens the URL when `policy` allows it (the URL and
  /// the code come from the server).
  public func show(service: String, url: String, code: String, policy: SignInURLPolicy) {
    var text = "To sign in to \(service), open this URL in a browser:\n\n    \(url)\n\n"
    if !code.isEmpty { text += "and check that it shows the code \(code).\n" }
    StandardError.write(text)
    if let refusal = policy.refusal(url) {
      StandardError.write("(cone-shell did not open it: \(refusal).)\n")
    } else if Browser.open(url, environment: environment) {
      StandardError.write("(A browser was opened for you.)\n")
    }
  }

  public func waiting(_ elapsed: Double) {
    progress.update("Waiting for you to approve the sign-in… \(ProgressLine.elapsed(elapsed)) (Ctrl-C to cancel)")
  }

  public func finish() {
    progress.finish()
  }
}
