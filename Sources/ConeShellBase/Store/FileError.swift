/// A file operation that failed, with the path and the reason (the system's, or one of
/// cone-shell's own checks), so the message says what to look at.
public struct FileError: Error, Equatable, CustomStringConvertible {
  public var operation: String
  public var path: String
  public var code: Int32
  /// Said instead of the system's text for `code`, with what to do about it.
  public var reason: String?
  /// The path is not the user's own and private (`FileTrust`): refused, not corrupt.
  public var isUntrusted: Bool

  public init(_ operation: String, _ path: String, code: Int32 = errno, reason: String? = nil, isUntrusted: Bool = false) {
    self.operation = operation
    self.path = path
    self.code = code
    self.reason = reason
    self.isUntrusted = isUntrusted
  }

  public var description: String {
    "cannot \(operation) \(path): \(reason ?? Platform.errorText(code))"
  }
}
