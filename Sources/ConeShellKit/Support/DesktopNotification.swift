import ConeShellBase

/// A desktop notification where the system has a way to show one: `notify-send` on
/// Linux, `osascript` on macOS. Having none is not an error. The text goes in as one
/// argument (no shell): on Linux as the summary, which is not markup; on macOS inside an
/// AppleScript string, its quotes and backslashes escaped.
public enum DesktopNotification {
  public static func send(_ text: String, environment: Environment) {
    let plain = TerminalText.safe(text, keepingLines: false)
    #if canImport(Darwin)
    let quoted = "\"" + plain.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    ChildProcess.spawnDetached(["/usr/bin/osascript", "-e", "display notification \(quoted) with title \"cone-shell\""], environment: environment)
    #else
    ChildProcess.spawnDetached(["notify-send", "--app-name=cone-shell", plain], environment: environment)
    #endif
  }
}
