import ConeShellBase

/// What a person sees during a browser sign-in (C1 or AWS): the URL and the code,
/// always printed (a browser may not open, or may open on another machine), the
/// browser opened when there is one, and a waiting line with the time elapsed.
public struct DeviceSignInPrompt: Sendable {
  public let environment: Environment
  public let isTerminal: Bool
  private let output: ConeOutput
  private let progress: ProgressLine

  public init(environment: Environment, isTerminal: Bool, output: ConeOutput = .standard) {
    self.environment = environment
    self.isTerminal = isTerminal
    self.output = output
    self.progress = output.progressLine(isTerminal: isTerminal)
  }

  /// Prints the URL and code, and opens the URL when `policy` allows it (the URL and
  /// the code come from the server).
  public func show(service: String, url: String, code: String, policy: SignInURLPolicy) {
    var text = "To sign in to \(service), open this URL in a browser:\n\n    \(url)\n\n"
    if !code.isEmpty { text += "and check that it shows the code \(code).\n" }
    output.message(text)
    if let refusal = policy.refusal(url) {
      output.message("(cone-shell did not open it: \(refusal).)\n")
    } else if Browser.open(url, environment: environment) {
      output.message("(A browser was opened for you.)\n")
    }
  }

  /// A line more about the sign-in, on the same stream as the URL.
  public func message(_ text: String) {
    output.message(text)
  }

  public func waiting(_ elapsed: Double) {
    progress.update("Waiting for you to approve the sign-in… \(ProgressLine.elapsed(elapsed)) (Ctrl-C to cancel)")
  }

  public func finish() {
    progress.finish()
  }
}
