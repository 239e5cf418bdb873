import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Exec: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a command with a profile's AWS credentials in its environment.",
    discussion: """
      For tools that do not read credential_process (terraform, docker, older SDKs): gets
      access as the `aws` wrapper does (cached credentials, else a request, its form and
      the wait in the foreground), then replaces itself with COMMAND, whose environment
      holds AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
      AWS_CREDENTIAL_EXPIRATION and the profile's region, and no AWS_PROFILE. The exit
      status is COMMAND's; before it runs, the statuses of `request` (4 pending, 5 form,
      6 denied, 7 sign-in needed), 127 when COMMAND is not found.
      """)

  @Argument(help: "The AWS profile.", completion: .coneProfiles)
  var profile: String

  @Argument(parsing: .postTerminator, help: ArgumentHelp("The command to run and its arguments, after --.", valueName: "command"))
  var command: [String] = []

  @Flag(help: "Run even inside another `cone-shell exec` of a different profile.")
  var nest = false

  @Option(name: [.short, .long], help: "Why you need access, if a request is made (shown to approvers).")
  var justification: String?

  @Option(name: [.short, .long], help: "How long, if a request is made (default: the entitlement's maximum).")
  var duration: String?

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if command.isEmpty { throw ValidationError("give the command to run after --, e.g. `cone-shell exec \(profile) -- terraform plan`") }
    if let duration, Duration.parse(spelled: duration) == nil { throw ValidationError(AccessError.invalidDuration(duration).description) }
  }

  func run() async throws {
    let options = RequestFlow.Options(
      justification: justification ?? "cone-shell exec \(profile) -- \(FileSystem.baseName(of: command[0]))",
      duration: duration.flatMap(Duration.parse(spelled:)))
    let (profile, command, nest) = (self.profile, self.command, self.nest)
    let changes = try await withContext(global) { context in
      if !nest, let refusal = ExecEnvironment.nestingRefusal(profile: profile, environment: context.environment) {
        throw ValidationError(refusal)
      }
      let access = ForegroundAccess(context: context, c1Profile: global.c1Profile)
      let (managed, credentials) = try await access.credentials(profileName: profile, options: options) { form in
        try RequestFormInput.requestData(
          form: form, profile: profile, fields: [], formData: nil, context: context, webURL: nil)
      }
      return ExecEnvironment.changes(profile: managed, credentials: credentials)
    }
    for (name, value) in changes.set { setenv(name, value, 1) }
    for name in changes.unset { unsetenv(name) }
    let code = ProcessReplacement.exec(command)
    StandardError.write("cone-shell: cannot run \(command[0]): \(code.reason)\n")
    throw ExitCode(code.status)
  }
}
