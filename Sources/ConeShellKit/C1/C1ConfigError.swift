/// The config file could not be used.
public enum C1ConfigError: Error, Equatable, CustomStringConvertible {
  case malformed(path: String, reason: String)
  /// Expanding the file's aliases would make more than `limit` nodes: a "billion laughs"
  /// document, refused before it is expanded.
  case tooManyAliases(path: String, limit: Int)

  public var description: String {
    switch self {
    case .malformed(let path, let reason):
      "\(path) is not a valid cone config (\(reason)); fix or move the file, then run `cone-shell login` again"
    case .tooManyAliases(let path, let limit):
      "\(path) uses too many YAML aliases: expanded, they would make more than \(limit) nodes "
        + "(a \"billion laughs\" document), so cone-shell does not read it; replace the aliases (*name) "
        + "with the values they stand for, or move the file away and run `cone-shell login` again"
    }
  }
}
