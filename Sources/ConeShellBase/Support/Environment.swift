/// The process environment, injected so that tests can run every command against a
/// temporary HOME and a sandbox of their own.
public struct Environment: Sendable, Equatable {
  private enum Storage: Sendable, Equatable {
    case variables([String: String])
    /// This process's own environment, read variable by variable with getenv.
    case process
  }

  private let storage: Storage

  public init(_ variables: [String: String]) {
    storage = .variables(variables)
  }

  /// The environment of this process, read lazily: the credential hot path looks up a
  /// handful of variables and should not build a dictionary of them all (building any
  /// dictionary makes the Swift runtime scan every protocol conformance in the binary).
  public static var current: Environment {
    Environment(storage: .process)
  }

  private init(storage: Storage) {
    self.storage = storage
  }

  /// Every variable, for passing on to a child process.
  public var variables: [String: String] {
    switch storage {
    case .variables(let variables): variables
    case .process: Platform.processEnvironment()
    }
  }

  /// The value of `name`, or nil when it is unset or empty: an empty variable never
  /// overrides a default.
  public subscript(name: String) -> String? {
    let value: String?
    switch storage {
    case .variables(let variables): value = variables[name]
    case .process: value = getenv(name).map { String(cString: $0) }
    }
    guard let value, !value.isEmpty else { return nil }
    return value
  }

  /// True for `1`, `true`, `yes`, `on` in any case.
  public func flag(_ name: String) -> Bool {
    guard let value = self[name]?.lowercased() else { return false }
    return ["1", "true", "yes", "on"].contains(value)
  }

  /// The user's home directory: HOME, else the password database, else `/`.
  public var home: String {
    self["HOME"] ?? Platform.passwdHomeDirectory() ?? "/"
  }

  /// Expands `$NAME`, `${NAME}` and a leading `~` the way Python's `expandvars` and
  /// `expanduser` do (botocore resolves AWS_CONFIG_FILE with both); an unknown
  /// variable is left as written.
  public func expandPath(_ path: String) -> String {
    var result = ""
    var index = path.startIndex
    while index < path.endIndex {
      let character = path[index]
      guard character == "$" else {
        result.append(character)
        index = path.index(after: index)
        continue
      }
      let afterDollar = path.index(after: index)
      var nameStart = afterDollar
      var braced = false
      if nameStart < path.endIndex, path[nameStart] == "{" {
        braced = true
        nameStart = path.index(after: nameStart)
      }
      var nameEnd = nameStart
      while nameEnd < path.endIndex,
        path[nameEnd].isASCII, path[nameEnd].isLetter || path[nameEnd].isNumber || path[nameEnd] == "_"
      {
        nameEnd = path.index(after: nameEnd)
      }
      let name = String(path[nameStart..<nameEnd])
      let closed = !braced || (nameEnd < path.endIndex && path[nameEnd] == "}")
      if !name.isEmpty, closed, let value = self[name] {
        result += value
        index = braced ? path.index(after: nameEnd) : nameEnd
      } else {
        result.append(character)
        index = afterDollar
      }
    }
    if result == "~" { return home }
    if result.hasPrefix("~/") { return home + result.dropFirst() }
    return result
  }
}
