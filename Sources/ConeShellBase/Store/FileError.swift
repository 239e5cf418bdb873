/// A file operation that failed, with the path and the system's reason, so the message
/// says what to look at.
public struct FileError: Error, Equatable, CustomStringConvertible {
  public var operation: String
  public var path: String
  public var code: Int32

  public init(_ operation: String, _ path: String, code: Int32 = errno) {
    self.operation = operation
    self.path = path
    self.code = code
  }

  public var description: String {
    "cannot \(operation) \(path): \(Platform.errorText(code))"
  }
}
