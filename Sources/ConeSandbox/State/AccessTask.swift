import Foundation

/// A C1 access request (grant or revoke task) and where it is in its policy.
struct AccessTask: Sendable {
  enum Kind: Sendable { case grant, revoke }

  enum Outcome: Sendable, Equatable { case granted, denied, revoked, cancelled }

  let id: String
  let numericId: Int
  let kind: Kind
  let entitlementId: String
  let appId: String
  let appUserId: String
  let identityUserId: String
  let createdByUserId: String
  let description: String
  /// Requested length; nil means no end (only where the entitlement has no maximum).
  let grantDuration: TimeInterval?
  /// Asked for as emergency access, or escalated to it since (`action/escalate`).
  var emergencyAccess: Bool
  var data: [String: WireJSON]?
  /// A request for more time on an active grant (`source.isExtension`).
  var isExtension = false
  let createdAt: Date
  var updatedAt: Date
  var history: [PolicyStep] = []
  var current: PolicyStep?
  var upcoming: [PolicyStep.Kind] = []
  var outcome: Outcome?
  var outcomeTime: Date?
  var commentCount = 0

  var isOpen: Bool { outcome == nil }

  /// The user it is for, or the one who asked for it on their behalf.
  func isRequester(_ userId: String) -> Bool {
    userId == identityUserId || userId == createdByUserId
  }

  /// Everyone who approves some step of this task.
  var approverIds: [String] {
    var ids: [String] = []
    for step in history + [current].compactMap({ $0 }) {
      if case .approval(let approvers) = step.kind {
        ids += approvers.filter { !ids.contains($0) }
      }
    }
    return ids
  }

  /// Who may act on the current step.
  var stepApproverIds: [String] {
    if case .approval(let approvers)? = current?.kind { return approvers }
    return []
  }
}

/// One step of a task's policy: waiting for a form or an approver, provisioning, or a
/// rejection by policy.
struct PolicyStep: Sendable {
  enum Kind: Sendable, Equatable {
    case form
    case approval(approverIds: [String])
    case provision
    case reject(message: String)
  }

  enum Result: Sendable {
    case formCompleted(userId: String, at: Date)
    case approved(userId: String, at: Date)
    case denied(userId: String, at: Date)
    case provisioned(at: Date)
    case rejected(at: Date)
  }

  let id: String
  let kind: Kind
  let startedAt: Date
  /// A provision step completes by itself at this time.
  var dueAt: Date?
  var result: Result?
}
