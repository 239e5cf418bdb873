import ArgumentParser
import ConeSandbox
import Foundation

struct Log: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show the request log: requests per route (admin requests are listed, not counted).")

  @Flag(help: "Print the log as JSON: {total, counts, services, requests}.")
  var json = false

  @Flag(help: "Empty the log after reading it.")
  var reset = false

  @OptionGroup var connection: AdminConnection

  func run() async throws {
    let client = try connection.client()
    let log = try await client.requestLog()
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      Standard.output(String(decoding: try encoder.encode(log), as: UTF8.self) + "\n")
    } else {
      var lines = ["\(log.total) request\(log.total == 1 ? "" : "s")"]
      for (route, count) in log.counts.sorted(by: { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value }) {
        lines.append(String(repeating: " ", count: max(0, 6 - String(count).count)) + "\(count)  \(route)")
      }
      Standard.output(lines.joined(separator: "\n") + "\n")
    }
    if reset {
      try await client.resetRequestLog()
    }
  }
}
