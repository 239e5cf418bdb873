/// The local ConductorOne tenant and AWS IAM Identity Center emulator.
public enum ConeSandboxVersion {
  public static let current = "0.1.0"
}
