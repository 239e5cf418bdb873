import ConeShellBase

/// A C1 task (`c1.api.task.v1.Task`) as far as an access request needs it: its
/// numbers, state, the grant's outcome and the current policy step.
public struct C1Task: Decodable, Sendable, Equatable {
  /// Open enums: C1 may add values, so unknown ones are kept as written.
  public struct State: RawRepresentable, Sendable, Equatable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let open = State(rawValue: "TASK_STATE_OPEN")
    public static let closed = State(rawValue: "TASK_STATE_CLOSED")
  }

  public struct Outcome: RawRepresentable, Sendable, Equatable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let unspecified = Outcome(rawValue: "GRANT_OUTCOME_UNSPECIFIED")
    public static let granted = Outcome(rawValue: "GRANT_OUTCOME_GRANTED")
    public static let denied = Outcome(rawValue: "GRANT_OUTCOME_DENIED")
    public static let error = Outcome(rawValue: "GRANT_OUTCOME_ERROR")
    public static let cancelled = Outcome(rawValue: "GRANT_OUTCOME_CANCELLED")
    public static let waitTimedOut = Outcome(rawValue: "GRANT_OUTCOME_WAIT_TIMED_OUT")
    public static let revoked = Outcome(rawValue: "REVOKE_OUTCOME_REVOKED")

    /// The outcome in a few words for messages.
    public var summary: String {
      switch self {
      case .granted: "granted"
      case .denied: "denied"
      case .error: "failed to provision"
      case .cancelled: "cancelled"
      case .waitTimedOut: "timed out waiting"
      case .revoked: "revoked"
      default: rawValue.replacing("GRANT_OUTCOME_", with: "").replacing("REVOKE_OUTCOME_", with: "").lowercased()
      }
    }
  }

  public var id: String
  /// The human ticket number (`task: 1234`).
  public var number: String
  public var displayName: String?
  public var description: String?
  public var state: State
  public var processing: String?
  public var appID: String?
  public var entitlementID: String?
  public var identityUserID: String?
  public var grantSeconds: Double?
  public var outcome: Outcome
  public var outcomeTime: Double?
  public var currentStep: C1PolicyStep?
  public var history: [C1PolicyStep]
  /// The request form attached to the task, as JSON for the form layer to read.
  public var form: JSONValue?
  /// The submitted request data.
  public var data: JSONValue?
  public var createdAt: Double?
  public var userID: String?
  public var createdByUserID: String?

  public var isOpen: Bool { state != .closed }

  enum CodingKeys: String, CodingKey {
    case id, numericId, displayName, description, state, processing, type, policy, form, data, createdAt,
      userId, createdByUserId
  }
  enum TypeKeys: String, CodingKey { case grant, revoke }
  enum GrantKeys: String, CodingKey {
    case appId, appEntitlementId, identityUserId, grantDuration, outcome, outcomeTime
  }
  enum PolicyKeys: String, CodingKey { case current, history }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
    number = try Self.number(container, id: id)
    displayName = try container.decodeNonEmptyStringIfPresent(forKey: .displayName)
    description = try container.decodeNonEmptyStringIfPresent(forKey: .description)
    state = State(rawValue: try container.decodeIfPresent(String.self, forKey: .state) ?? "TASK_STATE_UNSPECIFIED")
    processing = try container.decodeNonEmptyStringIfPresent(forKey: .processing)
    var type: KeyedDecodingContainer<TypeKeys>?
    if container.contains(.type), try !container.decodeNil(forKey: .type) {
      type = try? container.nestedContainer(keyedBy: TypeKeys.self, forKey: .type)
    }
    // A revoke task's fields are a grant's, less the duration: read alike.
    if let grant = (try? type?.nestedContainer(keyedBy: GrantKeys.self, forKey: .grant))
      ?? (try? type?.nestedContainer(keyedBy: GrantKeys.self, forKey: .revoke))
    {
      appID = try grant.decodeNonEmptyStringIfPresent(forKey: .appId)
      entitlementID = try grant.decodeNonEmptyStringIfPresent(forKey: .appEntitlementId)
      identityUserID = try grant.decodeNonEmptyStringIfPresent(forKey: .identityUserId)
      grantSeconds = try grant.decodeNonEmptyStringIfPresent(forKey: .grantDuration).flatMap(C1Duration.parse)
      outcome = Outcome(rawValue: try grant.decodeNonEmptyStringIfPresent(forKey: .outcome) ?? "GRANT_OUTCOME_UNSPECIFIED")
      outcomeTime = try grant.decodeNonEmptyStringIfPresent(forKey: .outcomeTime).flatMap(Timestamp.parse)
    } else {
      outcome = .unspecified
    }
    if container.contains(.policy), try !container.decodeNil(forKey: .policy) {
      let policy = try container.nestedContainer(keyedBy: PolicyKeys.self, forKey: .policy)
      currentStep = try policy.decodeIfPresent(C1PolicyStep.self, forKey: .current)
      history = try policy.decodeArrayIfPresent([C1PolicyStep].self, forKey: .history)
    } else {
      currentStep = nil
      history = []
    }
    form = try container.decodeIfPresent(JSONValue.self, forKey: .form).flatMap { $0.isEmpty ? nil : $0 }
    data = try container.decodeIfPresent(JSONValue.self, forKey: .data).flatMap { $0.isEmpty ? nil : $0 }
    createdAt = try container.decodeNonEmptyStringIfPresent(forKey: .createdAt).flatMap(Timestamp.parse)
    userID = try container.decodeNonEmptyStringIfPresent(forKey: .userId)
    createdByUserID = try container.decodeNonEmptyStringIfPresent(forKey: .createdByUserId)
  }
}

extension C1Task {
  /// The longest task number accepted: 18 digits always fit an int64.
  public static let maxNumberDigits = 18

  /// Whether `text` can be a task number: 1 to 18 ASCII digits. Task numbers go into
  /// state files, prompts and messages, so anything else (a sign, a space, a newline,
  /// an escape) must never pass.
  public static func isValidNumber(_ text: some StringProtocol) -> Bool {
    !text.isEmpty && text.utf8.count <= maxNumberDigits && text.utf8.allSatisfy { (48...57).contains($0) }
  }

  /// `numericId` as C1 writes it (a string of digits, or a number), else the id when
  /// that is a number; any other value makes the task malformed.
  fileprivate static func number(_ container: KeyedDecodingContainer<CodingKeys>, id: String) throws -> String {
    var text: String?
    if container.contains(.numericId), try !container.decodeNil(forKey: .numericId) {
      if let string = try? container.decode(String.self, forKey: .numericId) {
        text = string.isEmpty ? nil : string
      } else if let number = try? container.decode(UInt64.self, forKey: .numericId) {
        text = String(number)
      } else {
        throw DecodingError.dataCorruptedError(
          forKey: .numericId, in: container, debugDescription: "the task number is neither digits nor a whole number")
      }
    }
    guard let text else {
      guard isValidNumber(id) else {
        throw DecodingError.dataCorruptedError(
          forKey: .numericId, in: container, debugDescription: "the task has no number")
      }
      return id
    }
    guard isValidNumber(text) else {
      throw DecodingError.dataCorruptedError(
        forKey: .numericId, in: container,
        debugDescription: "the task number is not 1 to \(maxNumberDigits) digits")
    }
    return text
  }
}

/// One step of a task's policy: which kind it is and whether it is done.
public struct C1PolicyStep: Decodable, Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable {
    case approval, provision, form, wait, accept, reject, action, unknown
  }

  public var id: String
  public var kind: Kind
  public var isDone: Bool
  /// For approval steps: who may approve.
  public var approverIDs: [String]
  /// For form steps: the form to fill, as JSON.
  public var form: JSONValue?
  /// For finished approval steps: whether it ended in a denial.
  public var wasDenied: Bool

  enum CodingKeys: String, CodingKey {
    case id, state, approval, provision, form, wait, accept, reject, action
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
    isDone = try container.decodeIfPresent(String.self, forKey: .state) == "POLICY_STEP_STATE_DONE"
    let kinds: [(CodingKeys, Kind)] = [
      (.approval, .approval), (.provision, .provision), (.form, .form), (.wait, .wait),
      (.accept, .accept), (.reject, .reject), (.action, .action),
    ]
    kind = kinds.first { container.contains($0.0) }?.1 ?? .unknown
    let approval = try container.decodeIfPresent(JSONValue.self, forKey: .approval)
    approverIDs =
      approval?["approval"]?["users"]?["userIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
    wasDenied = approval?["denied"].map { !($0 == .null) } ?? false
    form = try container.decodeIfPresent(JSONValue.self, forKey: .form)?["form"]
  }
}
