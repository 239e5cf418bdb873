import ArgumentParser
import ConeShellBase
import ConeShellKit
import ConeShellScripts

extension ShellKind: ExpressibleByArgument {}

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the shell integration script for bash, zsh or fish.",
    discussion: """
      bash: eval "$(cone-shell init bash)"
      zsh:  eval "$(cone-shell init zsh)"
      fish: cone-shell init fish | source
      """
  )

  @Argument(help: "The shell: bash, zsh or fish.")
  var shell: ShellKind

  func run() throws {
    guard let path = Executables.launcherPath() else {
      throw ValidationError("cannot find the path of this executable")
    }
    StandardOutput.printRaw(shell.script(executablePath: path), terminator: "")
  }
}
