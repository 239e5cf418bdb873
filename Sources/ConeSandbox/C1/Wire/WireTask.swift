import Foundation

/// `c1.api.task.v1.Task` with its policy, as the viewer sees it (`actions` are theirs).
struct WireTask: Encodable {
  let id: String
  let numericId: String
  let displayName: String
  let description: String?
  let state: String
  let processing: String
  let type: TaskType
  let policy: PolicyInstance
  let form: WireForm?
  let data: [String: WireJSON]?
  let userId: String
  let createdByUserId: String
  let approverIds: [String]?
  let stepApproverIds: [String]?
  let actions: [String]
  let origin = "TASK_ORIGIN_API"
  let emergencyAccess: Bool?
  let commentCount: Int?
  let createdAt: Date
  let updatedAt: Date

  struct TaskType: Encodable {
    let grant: Grant?
    let revoke: Revoke?
  }

  struct Grant: Encodable {
    let appId: String
    let appEntitlementId: String
    let appUserId: String
    let identityUserId: String
    let grantDuration: String?
    let outcome: String
    let outcomeTime: Date?
    let source: Source?

    /// The SDK's `TaskGrantSource`; only `isExtension` is modelled.
    struct Source: Encodable {
      let isExtension: Bool
    }
  }

  struct Revoke: Encodable {
    let appId: String
    let appEntitlementId: String
    let appUserId: String
    let identityUserId: String
    let outcome: String
    let outcomeTime: Date?
  }

  struct PolicyInstance: Encodable {
    let policy: Policy
    let current: StepInstance?
    let history: [StepInstance]?
    let next: [Step]?
  }

  struct Policy: Encodable {
    let id: String
    let displayName: String
    let description: String
    let policyType: String
    let createdAt: Date
    let updatedAt: Date
  }

  struct UserApproval: Encodable {
    let userIds: [String]
  }

  struct Approval: Encodable {
    let users: UserApproval
  }

  struct Approved: Encodable {
    let userId: String
    let approvedAt: Date
  }

  struct Denied: Encodable {
    let userId: String
    let deniedAt: Date
  }

  struct Completed: Encodable {
    let userId: String?
    let completedAt: Date
  }

  struct ApprovalInstance: Encodable {
    let approval: Approval
    let state: String
    let approved: Approved?
    let denied: Denied?
  }

  struct Provision: Encodable {
    let assigned = true
  }

  struct ProvisionInstance: Encodable {
    let provision: Provision
    let state: String
    let completed: Completed?
  }

  struct FormInstance: Encodable {
    let form: WireForm?
    let data: [String: WireJSON]?
    let state: String
    let completed: Completed?
  }

  struct Reject: Encodable {
    let rejectMessage: String
  }

  struct StepInstance: Encodable {
    let id: String
    let state: String
    let approval: ApprovalInstance?
    let provision: ProvisionInstance?
    let form: FormInstance?
    let reject: Reject?
  }

  /// A future step (`next`): its configuration only.
  struct Step: Encodable {
    struct FormStep: Encodable { let form: WireForm? }
    let approval: Approval?
    let provision: Provision?
    let form: FormStep?
    let reject: Reject?
  }
}

/// `TaskView`: the task and where related objects sit in `expanded`.
struct WireTaskView: Encodable {
  let task: WireTask
  let appPath: String?
  let appUserPath: String?
  let userPath: String?
  let identityUserPath: String?
  let createdByUserPath: String?
  let entitlementsPath: String?
  let stepApproversPath: String?
}
