import ArgumentParser
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
      let report = try await AccessService(context: context, c1Profile: global.c1Profile).refreshAll(profiles)
      let now = context.now()
      if quiet { return }
      if json {
        print(
          JSONText.object(
            [
              ("schema", "1"), ("refreshed_at", JSONText.quote(Timestamp.format(now))),
              ("profiles", "[" + report.map { JSONText.object($0.jsonFields(now: now)) }.joined(separator: ", ") + "]"),
            ], pretty: true))
        return
      }
      if report.isEmpty {
        print("No cone-shell profiles yet: run `cone-shell setup`.")
        return
      }
      print(Table.render(
        header: ["PROFILE", "ACCOUNT", "ROLE", "STATE", "LEFT"],
        rows: report.map { [$0.profile, $0.accountID ?? "", $0.roleName ?? "", $0.state.rawValue, $0.timeLeft(now: now)] }))
    }
  }
}

/// Left-aligned columns separated by two spaces.
enum Table {
  static func render(header: [String], rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
