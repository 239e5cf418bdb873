/// The version printed by `--version` and sent in the User-Agent.
public enum ConeShellVersion {
  public static let current = "0.1.0"
}
