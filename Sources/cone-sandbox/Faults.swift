import ArgumentParser
import ConeSandbox

struct Faults: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Inject faults into the next matching requests: status codes, dropped connections, truncated bodies, latency.",
    subcommands: [Add.self, List.self, Clear.self], defaultSubcommand: List.self)

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a fault.",
      discussion: "Example: cone-sandbox faults add --path '/api/v1/*' --status 503 --count 2")

    @Option(help: "A path pattern; * matches anything, slashes included.")
    var path: String

    @Option(help: "Only requests with this method.")
    var method: String?

    @Option(help: "Answer with this HTTP status and the service's error body.")
    var status: Int?

    @Flag(help: "Close the connection without answering.")
    var drop = false

    @Flag(help: "Send the headers and half the body, then close.")
    var truncate = false

    @Option(help: "Wait this long before answering: 500ms, 2s.")
    var latency: String?

    @Option(help: "How many requests it applies to.")
    var count = 1

    @OptionGroup var connection: AdminConnection

    func action() throws -> Fault.Action {
      var actions: [Fault.Action] = []
      if let status { actions.append(.status(status)) }
      if drop { actions.append(.drop) }
      if truncate { actions.append(.truncate) }
      if let latency {
        do {
          actions.append(.latency(try DurationText.seconds(latency)))
        } catch {
          throw ValidationError(error.description)
        }
      }
      guard actions.count == 1, let action = actions.first else {
        throw ValidationError("give exactly one of --status, --drop, --truncate or --latency")
      }
      return action
    }

    func validate() throws {
      _ = try action()
      guard count > 0 else { throw ValidationError("--count must be at least 1") }
    }

    func run() async throws {
      let fault = try await connection.client().addFault(
        Fault(path: path, method: method, action: try action(), count: count))
      Standard.output("Added fault \(fault.summary)\n")
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the faults still to fire.")

    @OptionGroup var connection: AdminConnection

    func run() async throws {
      let faults = try await connection.client().faults()
      Standard.output(faults.isEmpty ? "No faults.\n" : faults.map(\.summary).joined(separator: "\n") + "\n")
    }
  }

  struct Clear: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove every fault.")

    @OptionGroup var connection: AdminConnection

    func run() async throws {
      try await connection.client().clearFaults()
      Standard.output("Cleared the faults.\n")
    }
  }
}
