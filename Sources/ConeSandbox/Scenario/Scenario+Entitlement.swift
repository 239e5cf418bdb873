import Foundation

extension Scenario {
  /// Who decides a grant request.
  public enum Policy: Sendable, Equatable {
    /// Approved at once; the request closes after the processing delay.
    case auto
    /// Waits for this user (by e-mail) to approve or deny.
    case approval(approver: String)
    /// Denied by policy the moment it is made.
    case deny
  }

  /// A requestable entitlement: an AWS permission set in an account, or another app's.
  public struct Entitlement: Sendable, Equatable, Decodable {
    public enum Target: Sendable, Equatable {
      case aws(account: String, permissionSet: String)
      case app(name: String, resourceType: String, resource: String, entitlement: String)
    }

    public var target: Target
    public var description: String?
    public var alias: String?
    public var policy: Policy
    public var form: Form?
    /// The longest grant one may request; nil means no maximum.
    public var maxGrant: TimeInterval?
    /// From the grant until AWS honours the assignment (GetRoleCredentials answers
    /// ForbiddenException meanwhile).
    public var provisioningDelay: TimeInterval
    /// How long an approved request stays open before it closes as granted; nil means 500 ms
    /// for auto-approval and none after a person approves.
    public var processingDelay: TimeInterval?
    /// Role credential lifetime; nil means the permission set's.
    public var sessionLength: TimeInterval?

    public init(
      target: Target, description: String? = nil, alias: String? = nil, policy: Policy = .auto,
      form: Form? = nil, maxGrant: TimeInterval? = nil, provisioningDelay: TimeInterval = 0,
      processingDelay: TimeInterval? = nil, sessionLength: TimeInterval? = nil
    ) {
      self.target = target
      self.description = description
      self.alias = alias
      self.policy = policy
      self.form = form
      self.maxGrant = maxGrant
      self.provisioningDelay = provisioningDelay
      self.processingDelay = processingDelay
      self.sessionLength = sessionLength
    }

    private enum CodingKeys: String, CodingKey {
      case account, permissionSet, app, resourceType, resource, name, description, alias, policy, approver
      case form, maxGrant, provisioningDelay, processingDelay, sessionLength
    }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      if let account = try container.decodeIfPresent(String.self, forKey: .account) {
        target = .aws(account: account, permissionSet: try container.decode(String.self, forKey: .permissionSet))
      } else if let app = try container.decodeIfPresent(String.self, forKey: .app) {
        target = .app(
          name: app,
          resourceType: try container.decodeIfPresent(String.self, forKey: .resourceType) ?? "Resource",
          resource: try container.decode(String.self, forKey: .resource),
          entitlement: try container.decode(String.self, forKey: .name))
      } else {
        throw DecodingError.dataCorrupted(.init(
          codingPath: container.codingPath,
          debugDescription: "an entitlement needs account + permissionSet, or app + resource + name"))
      }
      description = try container.decodeIfPresent(String.self, forKey: .description)
      alias = try container.decodeIfPresent(String.self, forKey: .alias)
      policy = try Policy(from: container, policyKey: .policy, approverKey: .approver)
      form = try container.decodeIfPresent(Form.self, forKey: .form)
      maxGrant = try container.decodeDuration(forKey: .maxGrant)
      provisioningDelay = try container.decodeDuration(forKey: .provisioningDelay) ?? 0
      processingDelay = try container.decodeDuration(forKey: .processingDelay)
      sessionLength = try container.decodeDuration(forKey: .sessionLength)
    }
  }

  /// `generate:` — accounts × permission sets of AWS entitlements, for scale tests.
  public struct Generator: Sendable, Equatable, Decodable {
    public var accounts: Int
    public var permissionSets: Int
    public var policy: Policy
    public var maxGrant: TimeInterval?

    public init(accounts: Int, permissionSets: Int, policy: Policy = .auto, maxGrant: TimeInterval? = 8 * 3600) {
      self.accounts = accounts
      self.permissionSets = permissionSets
      self.policy = policy
      self.maxGrant = maxGrant
    }

    private enum CodingKeys: String, CodingKey { case accounts, permissionSets, policy, approver, maxGrant }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      accounts = try container.decode(Int.self, forKey: .accounts)
      permissionSets = try container.decode(Int.self, forKey: .permissionSets)
      policy = try Policy(from: container, policyKey: .policy, approverKey: .approver)
      maxGrant = try container.decodeDuration(forKey: .maxGrant) ?? 8 * 3600
    }
  }
}

extension Scenario.Policy {
  /// `policy: auto | approval | deny`, with `approver:` beside it for approval.
  init<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, policyKey: Key, approverKey: Key) throws {
    let name = try container.decodeIfPresent(String.self, forKey: policyKey) ?? "auto"
    let approver = try container.decodeIfPresent(String.self, forKey: approverKey)
    switch name {
    case "auto":
      self = .auto
    case "deny":
      self = .deny
    case "approval":
      guard let approver else {
        throw DecodingError.dataCorruptedError(
          forKey: approverKey, in: container, debugDescription: "policy approval needs an approver (a user's e-mail)")
      }
      self = .approval(approver: approver)
    default:
      throw DecodingError.dataCorruptedError(
        forKey: policyKey, in: container, debugDescription: "unknown policy \"\(name)\": use auto, approval or deny")
    }
  }
}
