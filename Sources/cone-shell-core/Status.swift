import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Status: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show every cone-shell profile with its grant and the time left, fresh from ConductorOne.",
    discussion: "Also refreshes the grants file that the prompt segment reads.")

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  @Flag(help: "Print nothing; only refresh the grants file (what a stale prompt runs in the background).")
  var quiet = false

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    try await withContext(global) { context in
      let profiles = try ProfileDirectory(paths: context.paths, store: context.store).profiles()
      let report = try await AccessService.refreshAll(profiles, context: context, c1Profile: global.c1Profile)
      let now = context.now()
      if quiet { return }
      let refresh = AccessListOutput.Refresh(at: now, watching: TaskWatcher.running(store: context.store))
      context.output.show(AccessListOutput(report, now: now, refresh: refresh), json: json)
    }
  }
}
