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
      if aws {
        let signedIn = try await AWSSignInFlow(context: context).run(
          startURL: ssoURL, region: ssoRegion, useDeviceCode: useDeviceCode)
        let hours = Int((signedIn.expiresAt - context.now()) / 3600)
        StandardError.write(
          "Signed in to AWS IAM Identity Center at \(signedIn.startURL) (session valid for about \(hours) h).\n")
      } else {
        let signedIn = try await C1SignInFlow(context: context).run(tenant: tenant, profile: global.c1Profile)
        StandardError.write(
          "Signed in to ConductorOne at \(signedIn.server) as \(signedIn.user).\n"
            + "Credential saved in \(signedIn.configFile) (profile \(signedIn.profile)).\n")
      }
    }
  }
}
