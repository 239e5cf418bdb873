import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Request: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Request access for a profile, fill its request form, and wait for the decision.",
    discussion: """
      Finds your open request for the profile first and never opens a second one. The
      duration defaults to the entitlement's maximum; an entitlement without a maximum
      needs --duration (cone-shell never asks for permanent access by accident). A request
      form is filled from --field/--form-data, checked against the form's rules before
      anything is sent, or asked for on a terminal. With --wait it waits for the
      decision (Ctrl-C stops waiting; the request stays open), then fetches AWS
      credentials. Exit status: 0 access active, 4 pending, 5 a form must be filled,
      6 denied, 7 sign-in needed, 130 stopped waiting.
      """)

  @OptionGroup var request: RequestArguments

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    try await request.run(global: global, extend: false)
  }
}

/// The arguments of `request` and `extend`, and the flow both run.
struct RequestArguments: ParsableArguments {
  @Argument(help: "The AWS profile.", completion: .coneProfiles)
  var profile: String

  @Option(name: [.short, .long], help: "Why you need access (shown to approvers).")
  var justification: String?

  @Option(name: [.short, .long], help: "How long, e.g. 30m, 2h, 1h30m (default: the entitlement's maximum).")
  var duration: String?

  @Option(name: .customLong("field"), help: ArgumentHelp("A form value, NAME=VALUE; repeat for more fields.", valueName: "name=value"))
  var fields: [String] = []

  @Option(help: ArgumentHelp("All form values as one JSON object.", valueName: "json"))
  var formData: String?

  @Flag(help: "Wait for the decision, then fetch AWS credentials.")
  var wait = false

  @Option(help: "With --wait: give up waiting after this long (e.g. 10m); the request stays open.")
  var timeout: String?

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  func validate() throws {
    if let duration, Duration.parse(spelled: duration) == nil { throw ValidationError(AccessError.invalidDuration(duration).description) }
    if let timeout, Duration.parse(spelled: timeout) == nil { throw ValidationError(AccessError.invalidDuration(timeout).description) }
    if timeout != nil && !wait { throw ValidationError("--timeout goes with --wait") }
  }

  func run(global: GlobalOptions, extend: Bool) async throws {
    let options = RequestFlow.Options(
      justification: justification, duration: duration.flatMap(Duration.parse(spelled:)), wait: wait,
      timeout: timeout.flatMap(Duration.parse(spelled:)), extend: extend)
    let (profile, fields, formData, json) = (self.profile, self.fields, self.formData, self.json)
    try await withContext(global) { context in
      let c1Profile = try global.c1Profile
        ?? ProfileDirectory(paths: context.paths, store: context.store).profile(named: profile).c1Profile
      let service = try AccessService(context: context, c1Profile: c1Profile)
      let server = service.c1.server
      do {
        let access = try await RequestFlow(service: service).run(profileName: profile, options: options) { form in
          try RequestFormInput.requestData(
            form: form, profile: profile, fields: fields, formData: formData, context: context, webURL: server.baseURL)
        }
        context.output.show(RequestOutput(access, now: context.now(), isExtension: extend), json: json)
      } catch let stop as AccessStop {
        // Machine readers get the state too, whatever the exit status says.
        if json {
          let entry = ProfileDirectory(paths: context.paths, store: context.store).index().entry(named: profile)
          let access = ProfileAccess(
            profile: profile, accountID: entry?.accountID, roleName: entry?.roleName,
            state: ProfileAccess.State(stoppedWith: stop.status),
            task: stop.task.map { .init($0, server: server) })
          context.output.show(RequestOutput(access, now: context.now()), json: true)
        }
        throw stop
      }
    }
  }
}
