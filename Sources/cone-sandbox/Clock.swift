import ArgumentParser
import ConeSandbox
import Foundation

struct Clock: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show or advance the sandbox's clock (expiries, grants, delays all follow it).",
    subcommands: [Advance.self, Show.self], defaultSubcommand: Show.self)

  struct Advance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Move the clock forward.")

    @Argument(help: "How far: 90m, 3h, 1h30m, 45s.")
    var duration: String

    @OptionGroup var connection: AdminConnection

    func run() async throws {
      let seconds: TimeInterval
      do {
        seconds = try DurationText.seconds(duration)
      } catch {
        throw ValidationError(error.description)
      }
      let reading = try await connection.client().advanceClock(by: seconds)
      Standard.output("Advanced the clock by \(DurationText.short(seconds)). \(reading.described)\n")
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the clock.")

    @OptionGroup var connection: AdminConnection

    func run() async throws {
      Standard.output(try await connection.client().clock().described + "\n")
    }
  }
}

extension ClockReading {
  var described: String {
    let time = ISO8601DateFormatter().string(from: now)
    return offset > 0 ? "Sandbox time: \(time) (\(DurationText.short(offset)) ahead of real time)." : "Sandbox time: \(time) (real time)."
  }
}
