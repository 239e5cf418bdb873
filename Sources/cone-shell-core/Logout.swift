import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Logout: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Sign out of AWS IAM Identity Center and ConductorOne, and forget cached access.",
    discussion: """
      --aws signs out of AWS IAM Identity Center as `aws sso logout` does (its Logout
      call, then the token file); --c1 forgets the cached ConductorOne access tokens.
      Both by default. Either way the cached role credentials and the grants the prompt
      shows are removed. Grants themselves stay (`cone-shell drop` gives one back), and so
      does the client credential in ~/.conductorone/config.yaml.
      """)

  @Flag(help: "Sign out of AWS IAM Identity Center.")
  var aws = false

  @Flag(help: "Forget the cached ConductorOne access tokens.")
  var c1 = false

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    let (both, json) = (!aws && !c1, self.json)
    let (aws, c1) = (self.aws || both, self.c1 || both)
    let report = try await withContext(global) { context in
      await SignOutFlow(context: context).run(aws: aws, c1: c1)
    }
    if json {
      StandardOutput.print(JSONText.object([
        ("schema", "1"), ("aws_signed_out", JSONText.array(report.awsSignedOut.map(JSONText.quote))),
        ("aws_logout_failed", JSONText.array(report.awsLogoutFailures.map(JSONText.quote))),
        ("c1_tokens_removed", String(report.c1TokensRemoved)), ("credentials_removed", String(report.credentialsRemoved)),
        ("grants_removed", report.grantsRemoved ? "true" : "false"),
        ("watchers_stopped", String(report.watchersStopped)),
      ], pretty: true))
      return
    }
    var lines: [String] = []
    if aws {
      lines += report.awsSignedOut.map { "Signed out of AWS IAM Identity Center at \($0)." }
      lines += report.awsLogoutFailures.map {
        "AWS IAM Identity Center at \($0) did not confirm the sign-out; its token is removed from this machine."
      }
      if report.awsSignedOut.isEmpty && report.awsLogoutFailures.isEmpty { lines.append("Not signed in to AWS IAM Identity Center.") }
    }
    if c1 {
      lines.append(
        report.c1TokensRemoved == 0
          ? "No cached ConductorOne access token."
          : "Forgot \(report.c1TokensRemoved) cached ConductorOne access token\(report.c1TokensRemoved == 1 ? "" : "s").")
    }
    if report.credentialsRemoved > 0 {
      lines.append("Removed the cached role credentials of \(report.credentialsRemoved) profile\(report.credentialsRemoved == 1 ? "" : "s").")
    }
    if report.grantsRemoved { lines.append("The prompt shows no grants until the next refresh.") }
    if report.watchersStopped > 0 {
      lines.append("Stopped watching \(report.watchersStopped) pending request\(report.watchersStopped == 1 ? "" : "s").")
    }
    if c1 {
      lines.append(
        "Your client credential stays in ~/.conductorone/config.yaml (cone uses it too); remove it there, "
          + "and revoke it in ConductorOne under your personal clients, to sign out for good.")
    }
    StandardError.write(lines.joined(separator: "\n") + "\n")
  }
}
