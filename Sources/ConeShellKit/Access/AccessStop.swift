/// The access flow ended without credentials, for a reason the person has already been
/// told (or is told by `message`), with an exit status README.md lists under Commands.
public struct AccessStop: Error, CustomStringConvertible, Sendable {
  public var status: ExitStatus
  public var message: String
  public var task: C1Task?

  public init(_ status: ExitStatus, _ message: String, task: C1Task? = nil) {
    self.status = status
    self.message = message
    self.task = task
  }

  public var description: String { message }
}
