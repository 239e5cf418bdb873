import ArgumentParser
import ConeShellKit

struct Extend: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Ask for more time on an active grant.",
    discussion: """
      A request like `request`'s, marked as an extension: its policy (automatic, an
      approver, a form) decides as for a request, and once approved the grant ends at the
      later of its current end and the decision plus the duration (default: the
      entitlement's maximum). The cached credentials are replaced so the next ones carry
      the new end. Exit status: 0 extended, 3 no grant to extend (use `request`),
      4 pending, 5 a form must be filled, 6 denied, 7 sign-in needed.
      """)

  @OptionGroup var request: RequestArguments

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    try await request.run(global: global, extend: true)
  }
}
