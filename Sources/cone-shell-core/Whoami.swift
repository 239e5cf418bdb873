import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Whoami: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show who you are signed in as at ConductorOne and AWS IAM Identity Center.")

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    try await withContext(global) { context in
      let client = try context.c1Client(profile: global.c1Profile)
      let userID = try await client.currentUserID()
      let user = try await client.user(id: userID)
      let sso = try? context.ssoSettings()
      let token = await sso.map { context.ssoSession($0, interactive: false) }?.cachedToken()
      context.output.show(
        WhoamiOutput(
          userID: userID, user: user, account: client.account, sso: sso, ssoExpiresAt: token?.expiresAt,
          now: context.now()),
        json: json)
    }
  }
}
