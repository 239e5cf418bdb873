import ConeShellBase

/// What ConductorOne says about a profile's access right now: the one access model.
/// Every other view derives from it here or in `ProfileAccess`: the grants file's line
/// (which the prompt segment reads), the access `check`, `status` and `--json` report,
/// and, through `TaskPhase`, whether a pending request waits for its form.
public enum AccessState: Sendable, Equatable {
  /// A grant is in force; `grantEnd` is when it ends (nil: no end).
  case active(grantEnd: Double?)
  /// An open request of the user's exists.
  case pending(C1Task)
  case none

  /// The grants file's line for `profile` (a `none` line removes the profile's line).
  public func grantsEntry(for profile: String) -> GrantsFile.Entry {
    switch self {
    case .active(let end): GrantsFile.Entry(profile: profile, state: .active, expires: end.flatMap(Timestamp.epochSeconds))
    case .pending(let task): GrantsFile.Entry(profile: profile, state: .pending, task: task.number)
    case .none: GrantsFile.Entry(profile: profile, state: .none)
    }
  }
}

extension ProfileAccess {
  /// `profile`'s access as ConductorOne says it is; a request waiting for its form is
  /// `formRequired`, and a task links to `server`'s page for it.
  public init(_ profile: ManagedProfile, _ state: AccessState, server: C1Server?) {
    self.init(profile: profile.name, accountID: profile.accountID, roleName: profile.roleName, state: .none)
    switch state {
    case .active(let end):
      self.state = .active
      expiresAt = end
    case .pending(let task):
      self.state = TaskPhase(task) == .waitingForForm ? .formRequired : .pending
      self.task = TaskSummary(task, server: server)
    case .none:
      break
    }
  }

  /// `entry`'s access as the grants file last recorded it (`none` when it has no line,
  /// or only an ended grant).
  public init(_ entry: ProfilesIndex.Entry, grant: GrantsFile.Entry?, now: Double) {
    self.init(profile: entry.name, accountID: entry.accountID, roleName: entry.roleName, state: .none)
    switch grant?.state {
    case .active? where grant?.expires.map({ Double($0) > now }) ?? true:
      state = .active
      expiresAt = grant?.expires.map(Double.init)
    case .pending?:
      state = .pending
      task = grant?.task.map { TaskSummary(number: $0) }
    default:
      break
    }
  }
}

extension ProfileAccess.State {
  /// The state an access flow's stop leaves (for the `--json` of a request that did not
  /// end in a grant).
  public init(stoppedWith status: ExitStatus) {
    self =
      switch status {
      case .pending, .interrupted: .pending
      case .formRequired: .formRequired
      default: .none
      }
  }
}
