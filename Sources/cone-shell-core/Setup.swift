import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Setup: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create an AWS CLI profile for every AWS permission set you can request.",
    discussion: """
      Reads every page of your ConductorOne request catalog and writes one profile per AWS
      permission set into your AWS config, named <account>-<role> (e.g.
      production-databaseadministrator), each running `cone-shell creds` as its
      credential_process. Existing profiles are skipped and reported; cone-shell's own
      profiles are updated when their ids changed; a name taken by another profile gets
      a stable suffix instead of an overwrite. Every other line of the file stays as it
      was. The SSO settings are remembered in ~/.conductorone/config.yaml, so later runs
      need no flags.
      """,
    subcommands: [Show.self]
  )

  @Option(help: "Your AWS SSO start URL, e.g. https://acme.awsapps.com/start. Required on the first run.")
  var ssoURL: String?

  @Option(help: "The region of IAM Identity Center (default: the saved one, else us-east-1).")
  var ssoRegion: String?

  @Option(help: "The default region for the generated profiles (default: the saved one, else us-east-1).")
  var region: String?

  @Flag(help: "Remove cone-shell profiles whose permission set is no longer in the catalog.")
  var prune = false

  @Flag(help: "Show what would change and change nothing.")
  var dryRun = false

  @Flag(help: "Print one JSON document on stdout: every profile's action.")
  var json = false

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    try await withContext(global) { context in
      guard let executable = Executables.launcherPath() else { throw ValidationError("cannot find the path of cone-shell") }
      let options = SetupFlow.Options(
        startURL: ssoURL, ssoRegion: ssoRegion, region: region, executable: executable, c1Profile: global.c1Profile,
        prune: prune, dryRun: dryRun)
      let plan = try await SetupFlow(context: context).run(options)
      context.output.show(SetupOutput(plan, dryRun: dryRun), json: json)
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the saved AWS SSO settings.")

    func run() async throws {
      let config = try ConeContext().loadC1Config()
      guard let startURL = config.awsSSOStartURL else {
        StandardOutput.print("AWS SSO is not set up yet: run `cone-shell setup --sso-url https://<yours>.awsapps.com/start`.")
        throw ExitCode(ExitStatus.failure.rawValue)
      }
      StandardOutput.print("SSO start URL:  \(startURL)")
      StandardOutput.print("SSO region:     \(config.awsSSORegion ?? SSOSettings.defaultRegion)")
      StandardOutput.print("Default region: \(config.awsDefaultRegion ?? SSOSettings.defaultRegion)")
    }
  }
}
