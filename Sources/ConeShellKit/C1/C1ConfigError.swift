/// The config file could not be used, or a change to it could not be made safely (the
/// file is then left as it was).
public enum C1ConfigError: Error, Equatable, CustomStringConvertible {
  case malformed(path: String, reason: String)
  /// Expanding the file's aliases would make more than `limit` nodes: a "billion laughs"
  /// document, refused before it is expanded.
  case tooManyAliases(path: String, limit: Int)
  /// `key` (dotted, as `profiles.default.client-id`) could not be changed by editing
  /// the text without changing something else; `reason` says why.
  case cannotEdit(path: String, key: String, reason: String)

  public var description: String {
    switch self {
    case .malformed(let path, let reason):
      "\(path) is not a valid cone config (\(reason)); fix or move the file, then run `cone-shell login` again"
    case .tooManyAliases(let path, let limit):
      "\(path) uses too many YAML aliases: expanded, they would make more than \(limit) nodes "
        + "(a \"billion laughs\" document), so cone-shell does not read it; replace the aliases (*name) "
        + "with the values they stand for, or move the file away and run `cone-shell login` again"
    case .cannotEdit(let path, let key, let reason):
      "could not set \(key) in \(path) without changing the rest of the file (\(reason)); the file was "
        + "left unchanged: make the change by hand, or move the file away and run `cone-shell login` again"
    }
  }
}
