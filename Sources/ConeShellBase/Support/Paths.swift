/// Where cone-shell reads and writes, resolved once from an `Environment`.
public struct Paths: Sendable, Equatable {
  public var home: String
  /// `$CONE_SHELL_STATE_DIR`, else `$XDG_STATE_HOME/cone-shell`, else
  /// `~/.local/state/cone-shell`.
  public var stateDirectory: String
  /// cone's config directory: `$CONE_CONFIG_PATH`, else `~/.conductorone`.
  public var c1ConfigDirectory: String
  /// `$AWS_CONFIG_FILE` (with `$VAR` and `~` expanded, as botocore does), else
  /// `~/.aws/config`.
  public var awsConfigFile: String
  /// The AWS CLI's SSO token cache. It has no override in the AWS tools either.
  public var ssoCacheDirectory: String

  public init(environment: Environment) {
    let home = environment.home
    self.home = home
    if let explicit = environment["CONE_SHELL_STATE_DIR"] {
      stateDirectory = environment.expandPath(explicit)
    } else if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
      // The XDG spec says relative values are invalid and must be ignored.
      stateDirectory = xdg + "/cone-shell"
    } else {
      stateDirectory = home + "/.local/state/cone-shell"
    }
    c1ConfigDirectory = environment["CONE_CONFIG_PATH"].map(environment.expandPath) ?? home + "/.conductorone"
    awsConfigFile = environment["AWS_CONFIG_FILE"].map(environment.expandPath) ?? home + "/.aws/config"
    ssoCacheDirectory = home + "/.aws/sso/cache"
  }

  /// cone's config file; the name is fixed, only the directory can move.
  public var c1ConfigFile: String { c1ConfigDirectory + "/config.yaml" }
}
