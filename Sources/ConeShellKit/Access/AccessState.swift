/// What ConductorOne says about a profile's access right now.
public enum AccessState: Sendable, Equatable {
  /// A grant is in force; `grantEnd` is when it ends (nil: no end).
  case active(grantEnd: Double?)
  /// An open request of the user's exists.
  case pending(C1Task)
  case none
}
