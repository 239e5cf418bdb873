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
    try await withContext(global) { context in
      let report = await SignOutFlow(context: context).run(aws: aws, c1: c1)
      context.output.show(SignOutOutput(report, aws: aws, c1: c1), json: json)
    }
  }
}
