/// An approver's answer to a task's approval step. The C1 task actions (`approve`,
/// `deny`), the admin routes and the `cone-sandbox approve`/`deny` commands all take one,
/// so the rules are written once, in `Tenant.decide`.
public enum ApprovalDecision: String, Sendable, CaseIterable {
  case approve
  case deny

  /// "Approved" or "Denied", for the admin commands' answers.
  public var pastTense: String {
    switch self {
    case .approve: "Approved"
    case .deny: "Denied"
    }
  }

  /// Whether the C1 action must name the step it answers: the API's approve request
  /// requires `policyStepId`, its deny request does not.
  var requiresPolicyStep: Bool { self == .approve }
}
