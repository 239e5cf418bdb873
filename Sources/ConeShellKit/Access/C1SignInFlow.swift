import ConeShellBase

/// `cone-shell login [TENANT]`: cone's device sign-in in the browser, then a personal
/// client credential saved in cone's config (every other setting kept), then a check of
/// who that credential is.
public struct C1SignInFlow: Sendable {
  /// Who signed in, where, and where the credential was saved.
  public struct SignedIn: Sendable, Equatable {
    public var server: String
    public var user: String
    public var profile: String
    public var configFile: String
  }

  public let context: ConeContext

  public init(context: ConeContext) {
    self.context = context
  }

  /// Signs in to `tenant` (a name, a host or an https URL), else to the tenant `profile`
  /// already names, and saves the credential under `profile` (default: cone's).
  public func run(tenant: String?, profile: String?) async throws -> SignedIn {
    let profileName = C1Account.profileName(profile, environment: context.environment)
    guard let target = tenant ?? (try? context.c1Account(profile: profileName))?.server.baseURL else {
      throw InputError.tenantMissing
    }
    let server = try C1Server(target)
    let device = C1DeviceLogin(server: server, transport: context.transport)
    let authorization = try await device.start()
    let prompt = context.signInPrompt
    prompt.show(
      service: "ConductorOne (\(server.baseURL))", url: authorization.verificationURL, code: authorization.userCode,
      policy: SignInURLPolicy(origins: [server.baseURL]))
    let token = try await device.token(for: authorization) { prompt.waiting($0) }
    prompt.finish()
    context.redactor.register(token)
    let client = try await C1Client.createPersonalClient(server: server, deviceAccessToken: token, transport: context.transport)
    context.redactor.register(client.clientSecret)
    try await context.updateC1Config { config in
      // A client id names its host, and cone reaches that host over https; a tenant
      // reached otherwise (a local sandbox over http, another port) is remembered.
      let implied = (try? C1ClientID(client.clientID)).flatMap { try? C1Server($0.host) }
      config.setCredential(
        profile: profileName, clientID: client.clientID, clientSecret: client.clientSecret,
        apiEndpoint: implied?.baseURL == server.baseURL ? nil : server.baseURL)
    }
    let account = try C1Account(
      profileName: profileName, server: server,
      authentication: .clientCredential(C1ClientCredential(clientID: C1ClientID(client.clientID), secret: client.clientSecret)))
    let c1 = context.c1Client(account: account)
    let user = try await c1.user(id: c1.currentUserID())
    return SignedIn(
      server: server.baseURL, user: user.email ?? user.id, profile: profileName, configFile: context.paths.c1ConfigFile)
  }
}
