import ConeShellBase

/// What `request` and `extend` show once the flow is done (its messages came as it
/// went): the profile's access, and for an extension its new end.
public struct RequestOutput: CommandOutput {
  public static var textStream: ConeOutput.Stream { .error }

  public var access: ProfileAccess
  public var now: Double
  public var isExtension: Bool

  public init(_ access: ProfileAccess, now: Double, isExtension: Bool = false) {
    self.access = access
    self.now = now
    self.isExtension = isExtension
  }

  public var text: String {
    guard isExtension else { return "" }
    return "Access to \"\(access.profile)\" extended" + RequestFlow.until(access.expiresAt, now: now) + "."
  }

  public var json: JSONDocument {
    .object([.init("schema", .integer(1))] + access.jsonMembers(now: now))
  }
}
