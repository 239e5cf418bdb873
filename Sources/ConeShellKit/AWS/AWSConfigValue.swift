/// A setting's value as botocore reads it.
public enum AWSConfigValue: Equatable, Sendable {
  /// Stripped, with continuation lines joined by `\n`.
  case text(String)
  /// A block such as `s3 =` followed by indented `name = value` lines. Names keep their
  /// case; a repeated name keeps its last value.
  case nested([String: String])

  /// The text, or nil for a nested block.
  public var text: String? {
    if case .text(let text) = self { return text }
    return nil
  }
}
