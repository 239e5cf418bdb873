import ConeShellBase

/// A text stream straight to a file descriptor, unbuffered: the form filler writes to
/// the terminal through standard error (2) so that it works while stdout is a pipe.
public struct FileDescriptorOutput: TextOutputStream, Sendable {
  public var descriptor: Int32

  public init(descriptor: Int32 = 2) {
    self.descriptor = descriptor
  }

  public mutating func write(_ string: String) {
    // A terminal that went away is not worth failing over; the answers still count.
    // What it writes quotes the server (a form's texts, its messages).
    try? FileSystem.writeAll(descriptor, Array(TerminalText.safe(string).utf8), path: "the terminal")
  }
}
