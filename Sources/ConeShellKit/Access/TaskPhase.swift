/// Where a grant request stands, read from its state, outcome and current policy step.
public enum TaskPhase: Sendable, Equatable {
  /// A person has to approve it.
  case waitingForApproval
  /// Its request form has to be filled.
  case waitingForForm
  /// The policy is running (provisioning, a wait step…).
  case processing
  case granted
  /// Closed without access: denied, cancelled, failed, timed out.
  case ended(C1Task.Outcome)

  public init(_ task: C1Task) {
    if !task.isOpen {
      self = task.outcome == .granted ? .granted : .ended(task.outcome)
      return
    }
    switch task.currentStep {
    case let step? where step.kind == .approval && !step.isDone: self = .waitingForApproval
    case let step? where step.kind == .form && !step.isDone: self = .waitingForForm
    default: self = .processing
    }
  }

  /// The step in a word, for JSON (`approval`, `form`, `provision`, `closed`).
  public var step: String {
    switch self {
    case .waitingForApproval: "approval"
    case .waitingForForm: "form"
    case .processing: "processing"
    case .granted, .ended: "closed"
    }
  }

  public var isWaiting: Bool {
    switch self {
    case .waitingForApproval, .waitingForForm, .processing: true
    case .granted, .ended: false
    }
  }
}
