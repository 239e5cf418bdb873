/// The shells cone-shell integrates with, and the init script for each.
public enum ShellKind: String, CaseIterable, Sendable {
  case bash, zsh, fish

  /// The script as it is kept in `shell/`, placeholder included.
  public var template: String {
    switch self {
    case .bash: String(decoding: PackageResources.cone_shell_bash, as: UTF8.self)
    case .zsh: String(decoding: PackageResources.cone_shell_zsh, as: UTF8.self)
    case .fish: String(decoding: PackageResources.cone_shell_fish, as: UTF8.self)
    }
  }

  /// The script with the binary's path substituted, quoted for this shell so that no
  /// character in the path can end the string or run code.
  public func script(executablePath: String) -> String {
    template.replacing("@CONE_SHELL_BIN@", with: quote(executablePath))
  }

  /// Single-quotes `value` for this shell. fish also treats a backslash inside single
  /// quotes as an escape, so it is doubled there.
  public func quote(_ value: String) -> String {
    switch self {
    case .bash, .zsh:
      "'" + value.replacing("'", with: #"'\''"#) + "'"
    case .fish:
      "'"
        + value.replacing(#"\"#, with: #"\\"#)
        .replacing("'", with: #"\'"#) + "'"
    }
  }
}
