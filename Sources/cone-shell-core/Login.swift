import ArgumentParser
import ConeShellKit

struct Login: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Sign in to ConductorOne, or to AWS IAM Identity Center with --aws.",
    discussion: """
      cone-shell login acme
          Signs in to the tenant acme.conductor.one in your browser and saves a personal
          client credential in ~/.conductorone/config.yaml (mode 0600), keeping every
          other setting in that file. A full host names a tenant elsewhere:
          `cone-shell login acme.c1eu.ai` (https only).
      cone-shell login --aws [--sso-url URL] [--sso-region REGION] [--use-device-code]
          Signs in to AWS IAM Identity Center (the same session as
          `aws sso login --sso-session cone-sso`). The URL and region default to the ones
          saved by `cone-shell setup` and are saved for next time. As the AWS CLI v2, it
          opens the browser, which comes back to this computer when you approve; with
          --use-device-code, over SSH (SSH_TTY) or without a browser, it shows a code to
          approve in a browser anywhere instead.
      """
  )

  @Argument(help: "Your ConductorOne tenant: a name (acme, for acme.conductor.one), a full host (acme.c1eu.ai) or an https URL.")
  var tenant: String?

  @Flag(help: "Sign in to AWS IAM Identity Center instead of ConductorOne.")
  var aws = false

  @Option(help: "The AWS SSO start URL, e.g. https://acme.awsapps.com/start (with --aws).")
  var ssoURL: String?

  @Option(help: "The region of IAM Identity Center (with --aws; default us-east-1).")
  var ssoRegion: String?

  @Flag(help: "Sign in with a code to approve in any browser, not one on this computer (with --aws).")
  var useDeviceCode = false

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if aws && tenant != nil { throw ValidationError("give either a tenant or --aws, not both") }
    if !aws && (ssoURL != nil || ssoRegion != nil || useDeviceCode) {
      throw ValidationError("--sso-url, --sso-region and --use-device-code go with --aws")
    }
  }

  func run() async throws {
    try await withContext(global) { context in
      if aws { try await loginToAWS(context) } else { try await loginToC1(context) }
    }
  }

  private func loginToC1(_ context: ConeContext) async throws {
    let profileName = global.c1Profile ?? context.environment["CONE_PROFILE"] ?? C1Config.defaultProfileName
    guard let target = tenant ?? (try? context.c1Account(profile: profileName))?.server.baseURL else {
      throw ValidationError("give your ConductorOne tenant, e.g. `cone-shell login acme`")
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
    StandardError.write(
      "Signed in to ConductorOne at \(server.baseURL) as \(user.email ?? user.id).\n"
        + "Credential saved in \(context.paths.c1ConfigFile) (profile \(profileName)).\n")
  }

  private func loginToAWS(_ context: ConeContext) async throws {
    let config = try context.loadC1Config()
    guard let startURL = ssoURL ?? config.awsSSOStartURL else {
      throw ValidationError("give the AWS SSO start URL: --sso-url https://<yours>.awsapps.com/start")
    }
    let region = ssoRegion ?? config.awsSSORegion ?? SSOSettings.defaultRegion
    let settings = SSOSettings(startURL: startURL, region: region, environment: context.environment)
    let session = SSOSession(
      settings: settings, cacheDirectory: context.paths.ssoCacheDirectory, transport: context.transport,
      store: context.store, redactor: context.redactor, log: context.log, prompt: context.signInPrompt, now: context.now)
    let token = try await session.login(
      method: SSOSignInMethod.choose(useDeviceCode: useDeviceCode, environment: context.environment))
    if ssoURL != nil || ssoRegion != nil || config.awsSSOStartURL == nil {
      try await context.updateC1Config { config in
        config.awsSSOStartURL = startURL
        config.awsSSORegion = region
      }
    }
    let hours = Int((token.expiresAt - context.now()) / 3600)
    StandardError.write("Signed in to AWS IAM Identity Center at \(startURL) (session valid for about \(hours) h).\n")
  }
}
