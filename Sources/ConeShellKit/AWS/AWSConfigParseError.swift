/// Why the AWS config file cannot be read, where, and what to do about it. Every case is
/// one that botocore also rejects ("Unable to parse config file"), so the AWS CLI could
/// not start with this file either.
public struct AWSConfigParseError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Reason: Equatable, Sendable {
    /// A line that is neither blank nor a comment before the first `[section]`.
    case textBeforeFirstSection
    /// A second `[NAME]` header with exactly the same text; `firstLine` is the first.
    case duplicateSection(String, firstLine: Int)
    /// A key that appears twice in one section (compared lower-cased).
    case duplicateKey(String, section: String, firstLine: Int)
    /// A line inside a section with neither `=` nor `:`.
    case missingDelimiter
    /// A line that starts with `=` or `:`.
    case emptyKey
    /// An indented line under `key =` (a nested block such as `s3 =`) without `=`.
    case nestedLineWithoutEquals(key: String)
    /// The file starts with a UTF-8 byte order mark.
    case byteOrderMark
    /// The bytes are not valid UTF-8.
    case invalidUTF8
  }

  public var reason: Reason
  /// 1-based.
  public var line: Int
  /// The file, when the text came from one.
  public var path: String?

  public init(_ reason: Reason, line: Int, path: String? = nil) {
    self.reason = reason
    self.line = line
    self.path = path
  }

  public var message: String {
    switch reason {
    case .textBeforeFirstSection:
      return "text before the first [section]; put it inside a section or make it a comment with '#'"
    case .duplicateSection(let name, let first):
      return "section [\(name)] appears again (first at line \(first)); merge the two or remove one"
    case .duplicateKey(let key, let section, let first):
      return "key '\(key)' appears again in [\(section)] (first at line \(first)); remove one of them"
    case .missingDelimiter:
      return "line has no '=' or ':'; write 'key = value', indent it to continue the value above, or start it with '#'"
    case .emptyKey:
      return "line starts with '=' or ':' and has no key; write 'key = value'"
    case .nestedLineWithoutEquals(let key):
      return "indented line under '\(key) =' has no '='; nested settings must be 'name = value'"
    case .byteOrderMark:
      return "file starts with a UTF-8 byte order mark, which the AWS CLI cannot read; save it as UTF-8 without BOM"
    case .invalidUTF8:
      return "line is not valid UTF-8; save the file as UTF-8"
    }
  }

  public var description: String {
    (path.map { "\($0) " } ?? "") + "line \(line): " + message
  }
}
