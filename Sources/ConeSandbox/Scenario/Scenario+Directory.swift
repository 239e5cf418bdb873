import Foundation

extension Scenario {
  /// A person in the tenant; `client` gives them a personal client credential.
  public struct User: Sendable, Equatable, Decodable {
    public var email: String
    public var displayName: String
    /// Name of a personal client credential (the part before `@` in its client ID).
    public var client: String?

    public init(email: String, displayName: String, client: String? = nil) {
      self.email = email
      self.displayName = displayName
      self.client = client
    }

    private enum CodingKeys: String, CodingKey { case email, displayName, client }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      email = try container.decode(String.self, forKey: .email)
      displayName = try container.decodeIfPresent(String.self, forKey: .displayName) ?? email
      client = try container.decodeIfPresent(String.self, forKey: .client)
    }
  }

  /// An AWS account in the organisation (an `Account` resource of the AWS app).
  public struct Account: Sendable, Equatable, Decodable {
    public var id: String
    public var name: String
    public var email: String?

    public init(id: String, name: String, email: String? = nil) {
      self.id = id
      self.name = name
      self.email = email
    }
  }

  /// An IAM Identity Center permission set.
  public struct PermissionSet: Sendable, Equatable, Decodable {
    public var name: String
    public var sessionLength: TimeInterval

    public init(name: String, sessionLength: TimeInterval = 3600) {
      self.name = name
      self.sessionLength = sessionLength
    }

    private enum CodingKeys: String, CodingKey { case name, sessionLength }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      name = try container.decode(String.self, forKey: .name)
      sessionLength = try container.decodeDuration(forKey: .sessionLength) ?? 3600
    }
  }
}
