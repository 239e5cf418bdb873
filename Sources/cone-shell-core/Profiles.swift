import ArgumentParser
import ConeShellKit

struct Profiles: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the cone-shell profiles with account, role and access state, from local files only.",
    discussion: "Never uses the network: the state comes from the last grants refresh and the credential cache.")

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  @Flag(help: "Print only the profile names, one a line.")
  var names = false

  func validate() throws {
    if json && names { throw ValidationError("--json and --names exclude each other") }
  }

  func run() async throws {
    let context = ConeContext()
    let index = ProfileDirectory(paths: context.paths, store: context.store).index()
    if names {
      for entry in index.entries { StandardOutput.print(entry.name) }
      return
    }
    let now = context.now()
    let local = LocalAccess(store: context.store)
    context.output.show(AccessListOutput(index.entries.map { local.access(of: $0, now: now).access }, now: now), json: json)
  }
}
