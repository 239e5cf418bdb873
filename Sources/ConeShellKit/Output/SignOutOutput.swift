import ConeShellBase

/// What `logout` reports: what it signed out of and what it removed.
public struct SignOutOutput: CommandOutput {
  public static var textStream: ConeOutput.Stream { .error }

  public var report: SignOutFlow.Report
  /// Which sign-ins were asked for.
  public var aws: Bool
  public var c1: Bool

  public init(_ report: SignOutFlow.Report, aws: Bool, c1: Bool) {
    self.report = report
    self.aws = aws
    self.c1 = c1
  }

  public var text: String {
    var lines: [String] = []
    if aws {
      lines += report.awsSignedOut.map { "Signed out of AWS IAM Identity Center at \($0)." }
      lines += report.awsLogoutFailures.map {
        "AWS IAM Identity Center at \($0) did not confirm the sign-out; its token is removed from this machine."
      }
      if report.awsSignedOut.isEmpty && report.awsLogoutFailures.isEmpty {
        lines.append("Not signed in to AWS IAM Identity Center.")
      }
    }
    if c1 {
      lines.append(
        report.c1TokensRemoved == 0
          ? "No cached ConductorOne access token."
          : "Forgot \(Self.count(report.c1TokensRemoved, "cached ConductorOne access token"))."
      )
    }
    if report.credentialsRemoved > 0 {
      lines.append("Removed the cached role credentials of \(Self.count(report.credentialsRemoved, "profile")).")
    }
    if report.grantsRemoved { lines.append("The prompt shows no grants until the next refresh.") }
    if report.watchersStopped > 0 {
      lines.append("Stopped watching \(Self.count(report.watchersStopped, "pending request")).")
    }
    if c1 {
      lines.append(
        "Your client credential stays in ~/.conductorone/config.yaml (cone uses it too); remove it there, "
          + "and revoke it in ConductorOne under your personal clients, to sign out for good.")
    }
    return lines.joined(separator: "\n")
  }

  public var json: JSONDocument {
    .object([
      "schema": .integer(1), "aws_signed_out": .array(report.awsSignedOut.map { .string($0) }),
      "aws_logout_failed": .array(report.awsLogoutFailures.map { .string($0) }),
      "c1_tokens_removed": .integer(report.c1TokensRemoved), "credentials_removed": .integer(report.credentialsRemoved),
      "grants_removed": .bool(report.grantsRemoved), "watchers_stopped": .integer(report.watchersStopped),
    ])
  }

  /// `1 profile`, `2 profiles`.
  private static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }
}
