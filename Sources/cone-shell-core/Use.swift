import ArgumentParser
import ConeShellBase
import ConeShellKit
import ConeShellScripts

struct Use: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Use a profile for every AWS tool in this shell (sets AWS_PROFILE).",
    discussion: """
      The shell function `cone-shell init` defines runs this and changes your shell: with
      PROFILE it gets access as the `aws` wrapper does (cached credentials, else a request,
      its form and the wait in the foreground), then sets AWS_PROFILE, so the AWS CLI, the
      SDKs and terraform reach the role through credential_process and the prompt shows
      it. Without PROFILE: the profile in use and its access. --clear unsets AWS_PROFILE.
      Exit status: 0, else those of `request` (4 pending, 5 form, 6 denied, 7 sign-in
      needed); 3 when no profile is in use.
      """)

  /// Set by the shell function for its call: the answer is one line for it on stdout
  /// (`set NAME` or `unset`), every message on stderr.
  static let replyVariable = "CONE_SHELL_USE_REPLY"

  @Argument(help: "The AWS profile.", completion: .coneProfiles)
  var profile: String?

  @Flag(name: [.customShort("u"), .long], help: "Stop using a profile: unset AWS_PROFILE.")
  var clear = false

  @Option(name: [.short, .long], help: "Why you need access, if a request is made (shown to approvers).")
  var justification: String?

  @Option(name: [.short, .long], help: "How long, if a request is made (default: the entitlement's maximum).")
  var duration: String?

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if clear, profile != nil { throw ValidationError("give a profile or --clear, not both") }
    if let duration, Duration.parse(spelled: duration) == nil { throw ValidationError(AccessError.invalidDuration(duration).description) }
    if clear || profile != nil, Environment.current[Self.replyVariable] == nil {
      let assignment = profile.map { "export AWS_PROFILE=\(ShellKind.bash.quote($0))" } ?? "unset AWS_PROFILE"
      throw ValidationError(
        """
        `cone-shell use` changes your shell's AWS_PROFILE, which only its shell integration can do: \
        add `eval "$(cone-shell init bash)"` to ~/.bashrc (zsh and fish alike), or run `\(assignment)`
        """)
    }
  }

  func run() async throws {
    if clear {
      StandardOutput.print("unset")
      StandardError.write("No profile in use now (AWS_PROFILE unset).\n")
      return
    }
    guard let profile else { return try await showCurrent() }
    let options = RequestFlow.Options(
      justification: justification ?? "cone-shell use \(profile)", duration: duration.flatMap(Duration.parse(spelled:)))
    try await withContext(global) { context in
      let access = ForegroundAccess(context: context, c1Profile: global.c1Profile)
      _ = try await access.credentials(profileName: profile, options: options) { form in
        try RequestFormInput.requestData(form: form, profile: profile, fields: [], formData: nil, context: context, webURL: nil)
      }
    }
    StandardOutput.print("set \(profile)")
    StandardError.write("Using \"\(profile)\" in this shell: aws, the SDKs and terraform run as its role.\n")
  }

  /// The profile in use (AWS_PROFILE, then AWS_DEFAULT_PROFILE, as the AWS CLI v2 reads
  /// them) and its access as the local files tell it.
  private func showCurrent() async throws {
    let line = try await withContext(global) { context -> String? in
      guard let name = context.environment["AWS_PROFILE"] ?? context.environment["AWS_DEFAULT_PROFILE"], !name.isEmpty
      else { return nil }
      guard let entry = ProfileDirectory(paths: context.paths, store: context.store).index().entry(named: name) else {
        return "\(name) (not managed by cone-shell)"
      }
      let now = context.now()
      let access = LocalAccess(store: context.store).access(of: entry, now: now).access
      switch access.state {
      case .active: return "\(name): active" + (access.expiresAt == nil ? " (no end)" : ", \(access.timeLeft(now: now)) left")
      case .pending: return "\(name): pending" + (access.task.map { " (task \($0.number))" } ?? "")
      case .none, .formRequired: return "\(name): no access yet (the first `aws` call asks for it)"
      }
    }
    guard let line else {
      StandardError.write("No profile in use (AWS_PROFILE is unset): choose one with `cone-shell use PROFILE`.\n")
      throw ExitCode(ExitStatus.noAccess.rawValue)
    }
    StandardOutput.print(line)  // the shell function passes it on
  }
}
