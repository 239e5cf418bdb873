import ConeShellBase

/// Who cone-shell is at ConductorOne and where: a C1 profile's server and credential,
/// resolved from config.yaml and the environment the way cone does (docs/c1-api.md
/// §2.1, §2.5).
public struct C1Account: Sendable {
  public enum Authentication: Sendable {
    /// A client credential exchanged for access tokens (the usual case).
    case clientCredential(C1ClientCredential)
    /// CONDUCTORONE_ACCESS_TOKEN, used as it is.
    case accessToken(String)
  }

  public var profileName: String
  public var server: C1Server
  public var authentication: Authentication

  public init(profileName: String, server: C1Server, authentication: Authentication) {
    self.profileName = profileName
    self.server = server
    self.authentication = authentication
  }

  /// The profile is `profile`, else CONE_PROFILE, else `default`. CONDUCTORONE_ACCESS_TOKEN
  /// beats any credential; CONE_CLIENT_ID / CONE_CLIENT_SECRET beat the profile's.
  /// Secrets found here are registered with `redactor`.
  /// The profile of cone's config a run uses: the one given, else `$CONE_PROFILE`, else
  /// cone's default.
  public static func profileName(_ profile: String?, environment: Environment) -> String {
    profile ?? environment["CONE_PROFILE"] ?? C1Config.defaultProfileName
  }

  public static func resolve(
    environment: Environment, config: C1Config, profile: String? = nil, redactor: Redactor
  ) throws(C1Error) -> C1Account {
    let name = profileName(profile, environment: environment)
    let stored = config.profile(named: name)
    let clientIDText = environment["CONE_CLIENT_ID"] ?? stored?.clientID
    let clientID = try clientIDText.map { text throws(C1Error) in try C1ClientID(text) }
    if let token = environment["CONDUCTORONE_ACCESS_TOKEN"] {
      redactor.register(token)
      let tokenClientID = clientID ?? environment["CONDUCTORONE_CLIENT_ID"].flatMap { try? C1ClientID($0) }
      let server = try C1Server.resolve(environment: environment, profile: stored, clientID: tokenClientID)
      return C1Account(profileName: name, server: server, authentication: .accessToken(token))
    }
    guard let clientID, let secret = environment["CONE_CLIENT_SECRET"] ?? stored?.clientSecret else {
      throw C1Error.notSignedIn(profile: name)
    }
    redactor.register(secret)
    let server = try C1Server.resolve(environment: environment, profile: stored, clientID: clientID)
    return C1Account(
      profileName: name, server: server,
      authentication: .clientCredential(try C1ClientCredential(clientID: clientID, secret: secret)))
  }

  /// A stable key for caches: the server and the identity used there.
  public var cacheKey: String {
    switch authentication {
    case .clientCredential(let credential): server.baseURL + "\n" + credential.clientID.rawValue
    case .accessToken: server.baseURL + "\n(access token)"
    }
  }
}
