/// Temporary AWS credentials for one role.
public struct RoleCredentials: Sendable, Equatable {
  public var accessKeyID: String
  public var secretAccessKey: String
  public var sessionToken: String?
  /// Seconds since the epoch.
  public var expiration: Double
  public var accountID: String?

  public init(accessKeyID: String, secretAccessKey: String, sessionToken: String?, expiration: Double, accountID: String?) {
    self.accessKeyID = accessKeyID
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.expiration = expiration
    self.accountID = accountID
  }
}
