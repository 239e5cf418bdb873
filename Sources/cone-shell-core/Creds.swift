import ArgumentParser
import ConeShellBase
import ConeShellKit
import ConeShellScripts

struct Creds: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print AWS credentials for a profile (the profile's credential_process).",
    discussion: """
      Runs the whole access flow without asking anything: cached credentials while they
      have more than 15 minutes left; otherwise checks ConductorOne for a grant, submits a
      request when there is none (auto-approved requests are waited for; approvals are
      not), and fetches role credentials from AWS SSO, retrying for up to 60 s while AWS
      provisions a new grant. Under a shell's completion (COMP_LINE, COMP_POINT or
      CONE_SHELL_COMPLETING set) it never requests access or signs in: it serves cached
      credentials or an active grant's, else exits 3. Exit status: 0 credentials printed,
      3 no access (completion only), 4 a request is pending, 5 a request form must be
      filled (use `cone-shell request`), 6 denied, 7 sign-in needed, 1 other errors.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case process, env, fish
  }

  @Argument(help: "The AWS profile.", completion: .coneProfiles)
  var profile: String

  @Option(help: "process: the credential_process JSON; env: export lines for sh/bash/zsh; fish: set -gx lines.")
  var format: Format = .process

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    let entry = try await withContext(global) { context in
      try await CredentialProcessFlow(context: context, c1Profile: global.c1Profile).credentials(profileName: profile)
    }
    StandardOutput.print(Self.render(entry, format: format))
  }

  static func render(_ entry: CredentialCache.Entry, format: Format) -> String {
    switch format {
    case .process:
      return entry.processOutput
    case .env, .fish:
      var pairs = [("AWS_ACCESS_KEY_ID", entry.accessKeyID), ("AWS_SECRET_ACCESS_KEY", entry.secretAccessKey)]
      if let token = entry.sessionToken { pairs.append(("AWS_SESSION_TOKEN", token)) }
      pairs.append(("AWS_CREDENTIAL_EXPIRATION", Timestamp.format(entry.expiration)))
      let shell: ShellKind = format == .fish ? .fish : .bash
      return pairs.map { name, value in
        format == .fish ? "set -gx \(name) \(shell.quote(value))" : "export \(name)=\(shell.quote(value))"
      }.joined(separator: "\n")
    }
  }
}
