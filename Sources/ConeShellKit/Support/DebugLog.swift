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

/// Writes to stderr, unbuffered, so messages interleave correctly with child
/// processes and survive a crash.
public enum StandardError {
  public static func write(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes {
        systemWrite(2, $0.baseAddress! + offset, $0.count - offset)
      }
      if written <= 0 {
        if written < 0 && errno == EINTR { continue }
        return
      }
      offset += written
    }
  }
}
