import ConeShellBase

/// What Tab offers at the console prompt: command names for the first word, profile
/// names (from the `profiles` index) for `request` and `check`, a command's options
/// after a `-`, command names after `help`. Candidates complete the word before the
/// cursor, so they all start with it.
public struct ConsoleCompletion: Sendable {
  /// The managed profiles' names, read when Tab is pressed.
  public var profileNames: @Sendable () -> [String]

  public init(profileNames: @escaping @Sendable () -> [String]) {
    self.profileNames = profileNames
  }

  /// The profile names of the index in the state directory, kept fresh from the AWS
  /// config file.
  public init(directory: ProfileDirectory) {
    self.init { directory.index().entries.map(\.name) }
  }

  public func candidates(line: String, cursor: String.Index) -> [String] {
    let typed = line[..<cursor]
    var before = typed.split(whereSeparator: \.isWhitespace).map(String.init)[...]
    var current = ""
    if let last = typed.last, !last.isWhitespace, let word = before.popLast() { current = word }
    if before.first == "cone-shell" { before = before.dropFirst() }
    return words(after: before, current: current).filter { $0.hasPrefix(current) }
  }

  private func words(after before: ArraySlice<String>, current: String) -> [String] {
    guard let name = before.first else { return ConsoleCommandSpec.names }
    guard let spec = ConsoleCommandSpec.named(name) else { return [] }
    let arguments = before.dropFirst()
    if spec.name == "help" { return arguments.isEmpty ? ConsoleCommandSpec.names : [] }
    // The value of an option is free text.
    if let previous = arguments.last, spec.option(named: previous)?.valueName != nil { return [] }
    let given = Set(arguments.compactMap { spec.option(named: $0)?.name })
    let unused = spec.options.filter { !$0.isHidden && !given.contains($0.name) }.map { "--\($0.name)" }
    if current.hasPrefix("-") { return unused }
    var positional = 0
    var isValue = false
    for word in arguments {
      if isValue {
        isValue = false
      } else if let option = spec.option(named: word) {
        isValue = option.valueName != nil && !word.contains("=")
      } else {
        positional += 1
      }
    }
    if positional < spec.arguments.count { return spec.argumentsAreProfiles ? profileNames() : [] }
    return unused
  }
}
