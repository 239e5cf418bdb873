import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Drop: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Give an active grant back before it ends.",
    discussion: """
      Asks ConductorOne to revoke your grant for the profile and waits for it briefly;
      the profile's cached credentials and its prompt segment go at once. Role
      credentials already handed to running programs stay valid until they expire: AWS
      cannot recall them. Exit status: 0 dropped, 3 nothing to drop, 4 the revoke is
      still being processed, 6 ConductorOne did not revoke.
      """)

  @Argument(help: "The AWS profile.", completion: .coneProfiles)
  var profile: String

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    let (profile, json) = (self.profile, self.json)
    try await withContext(global) { context in
      let c1Profile = try global.c1Profile
        ?? ProfileDirectory(paths: context.paths, store: context.store).profile(named: profile).c1Profile
      let service = try AccessService(context: context, c1Profile: c1Profile)
      let outcome = try await DropFlow(service: service).run(profileName: profile)
      context.output.show(DropOutput(profile: profile, outcome: outcome, now: context.now()), json: json)
      if !outcome.isDone { throw ExitCode(ExitStatus.pending.rawValue) }
    }
  }
}
