/// `--debug` output on stderr: one line per event, every line passed through the
/// redactor first.
public struct DebugLog: Sendable {
  public let isEnabled: Bool
  public let redactor: Redactor

  public init(isEnabled: Bool, redactor: Redactor) {
    self.isEnabled = isEnabled
    self.redactor = redactor
  }

  public func callAsFunction(_ message: @autoclosure () -> String) {
    guard isEnabled else { return }
    StandardError.write("cone-shell: debug: " + redactor.redact(message()) + "\n")
  }
}
