import ArgumentParser
import ConeShellKit

struct OpenConsole: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "console",
    abstract: "Open the AWS console signed in as a profile's role.",
    discussion: """
      Gets access as the `aws` wrapper does, then asks AWS's federation endpoint (of the
      profile region's partition: aws, aws-cn or aws-us-gov) for a sign-in link and opens
      it in your browser. The link signs in whoever opens it for 15 minutes: it is never
      logged, and printed only with --print.
      """)

  @Argument(help: "The AWS profile.", completion: .coneProfiles)
  var profile: String

  @Flag(help: "Print the sign-in link on stdout instead of opening a browser.")
  var print = false

  @Option(help: "Where the console opens (default: the console's home page in the profile's region).")
  var destination: String?

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if let destination, URLParts(destination)?.scheme != "https" {
      throw ValidationError("--destination must be an https address (a page of the AWS console)")
    }
  }

  func run() async throws {
    let (profile, destination, printOnly) = (self.profile, self.destination, self.print)
    try await withContext(global) { context in
      let access = ForegroundAccess(context: context, c1Profile: global.c1Profile)
      let (managed, credentials) = try await access.credentials(
        profileName: profile, options: .init(justification: "cone-shell console \(profile)")
      ) { form in
        try RequestFormInput.requestData(form: form, profile: profile, fields: [], formData: nil, context: context, webURL: nil)
      }
      let region = managed.region ?? managed.ssoRegion ?? SSOSettings.defaultRegion
      let partition = AWSPartition(region: region)
      let signIn = ConsoleSignIn(
        partition: partition, environment: context.environment, transport: context.transport, redactor: context.redactor)
      let link = try await signIn.link(
        credentials: credentials, destination: destination ?? partition.console(region: region))
      if printOnly {
        StandardOutput.print(link)
      } else if let refusal = SignInURLPolicy(origins: [signIn.endpoint]).refusal(link) {
        throw AccessStop(.failure, "cone-shell: will not open the console sign-in link from \(signIn.endpoint): \(refusal)")
      } else if Browser.open(link, environment: context.environment) {
        StandardError.write("Opened the AWS console as \"\(profile)\" in your browser (the link works for 15 minutes).\n")
      } else {
        throw AccessStop(
          .failure,
          "cone-shell: no browser to open the AWS console in: run `cone-shell console \(profile) --print` and open the link yourself")
      }
    }
  }
}
