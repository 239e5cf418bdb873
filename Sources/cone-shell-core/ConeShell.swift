import ArgumentParser
import ConeShellBase
import ConeShellKit

@main
struct ConeShell: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cone-shell",
    abstract: "Just-in-time AWS access through ConductorOne, from your shell.",
    discussion: """
      Add the shell integration with one line in your shell's rc file:
        bash: eval "$(cone-shell init bash)"
        zsh:  eval "$(cone-shell init zsh)"
        fish: cone-shell init fish | source
      """,
    version: ConeShellVersion.current,
    subcommands: [
      Login.self, Logout.self, Setup.self, Profiles.self, Check.self, Request.self, Extend.self, Drop.self, Creds.self,
      Status.self, TaskCommand.self, Use.self, Exec.self, OpenConsole.self, Interactive.self, Whoami.self, Doctor.self,
      Init.self, Prompt.self, WatchTask.self,
    ]
  )
}
