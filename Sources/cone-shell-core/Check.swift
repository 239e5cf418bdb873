import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Check: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Tell whether you have access for a profile: active, pending, none, or form required.",
    discussion: """
      Answers from the credential cache and the grants file when they are fresh (no
      network); --refresh asks ConductorOne. Exit status: 0 active, 3 none, 4 pending,
      5 a request form must be filled, 1 error.
      """)

  @Argument(help: "The AWS profile.", completion: .coneProfiles)
  var profile: String

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  @Flag(help: "Ask ConductorOne instead of answering from local files.")
  var refresh = false

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    let answer = try await withContext(global) { context in
      let answer = try await CheckFlow(context: context).run(
        profileName: profile, refresh: refresh, c1Profile: global.c1Profile)
      context.output.show(CheckOutput(answer, now: context.now()), json: json)
      return answer
    }
    switch answer.access.state {
    case .active: return
    case .pending: throw ExitCode(ExitStatus.pending.rawValue)
    case .none: throw ExitCode(ExitStatus.noAccess.rawValue)
    case .formRequired: throw ExitCode(ExitStatus.formRequired.rawValue)
    }
  }
}
