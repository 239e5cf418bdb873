/// The messages of the seed (`cone aws credentials`), with cone-shell's commands.
enum AccessMessages {
  static func submitting(_ profile: String) -> String {
    "No active grant for \"\(profile)\" — submitting access request..."
  }

  static func submitted(_ task: C1Task) -> String { "Access request submitted (task: \(task.number))" }

  static let granted = "Access granted!"

  static func requiresApproval(_ profile: String, _ task: C1Task) -> String {
    "Request submitted for \"\(profile)\" but requires approval.\n"
      + "Check status: cone-shell task \(task.number)\nOnce approved, retry the command."
  }

  static func pendingExists(_ profile: String, _ task: C1Task) -> String {
    "A pending request already exists for \"\(profile)\".\n"
      + "Check status: cone-shell task \(task.number)\nOnce resolved, retry the command."
  }

  static func ended(_ profile: String, _ outcome: C1Task.Outcome) -> String {
    "Access request for \"\(profile)\" was \(outcome.summary)"
  }

  static func formRequired(_ profile: String) -> String {
    "No active grant for \"\(profile)\". This entitlement requires a request form — request access with:\n"
      + "  cone-shell request \(profile)"
  }

  static func stillProcessing(_ profile: String, _ task: C1Task) -> String {
    "The request for \"\(profile)\" is still being processed.\n"
      + "Check status: cone-shell task \(task.number)\nOnce granted, retry the command."
  }

  static func notDuringCompletion(_ profile: String) -> String {
    "cone-shell: no active grant for \"\(profile)\"; completion never requests access (run the command to request it)"
  }

  static func notCached(_ profile: String, _ error: any Error) -> String {
    "cone-shell: warning: the credentials for \"\(profile)\" could not be cached (\(error)); they work now, "
      + "but the next command will fetch them again: free some disk space"
  }

  static func provisioning(_ elapsed: Double) -> String {
    "Access granted; waiting for AWS to finish provisioning it… \(ProgressLine.elapsed(elapsed))"
  }
}
