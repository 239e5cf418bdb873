import ConeShellBase

/// What `drop` reports: whether the grant is given back, and until when credentials
/// already handed out still work.
public struct DropOutput: CommandOutput {
  public static var textStream: ConeOutput.Stream { .error }

  public var profile: String
  public var outcome: DropFlow.Outcome
  public var now: Double

  public init(profile: String, outcome: DropFlow.Outcome, now: Double) {
    self.profile = profile
    self.outcome = outcome
    self.now = now
  }

  public var text: String {
    let number = outcome.task.number
    var lines = [
      outcome.isDone
        ? "Dropped your access to \"\(profile)\" (task \(number))."
        : "Asked ConductorOne to revoke your access to \"\(profile)\" (task \(number)); it is still being "
          + "processed: check it with `cone-shell task \(number)`."
    ]
    if let expiry = outcome.credentialsExpire, expiry > now {
      lines.append(
        "Role credentials already handed to running programs stay valid until they expire, in "
          + "\(Duration.seconds(expiry - now).spelled): AWS cannot recall them.")
    }
    return lines.joined(separator: "\n")
  }

  public var json: JSONDocument {
    .object([
      "schema": .integer(1), "profile": .string(profile), "dropped": .bool(outcome.isDone),
      "task": .string(outcome.task.number), "credentials_valid_until": .time(outcome.credentialsExpire),
    ])
  }
}
