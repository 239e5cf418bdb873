/// `cone-shell doctor`: runs every probe, in the order a new user sets cone-shell up, and
/// says what to fix. It changes nothing; only the C1 probe uses the network (skipped
/// offline).
public struct DoctorRun: Sendable {
  public let scope: DoctorScope

  public init(context: ConeContext, options: DoctorScope.Options) {
    scope = DoctorScope(context: context, options: options)
  }

  /// Every check, in order. cone's config and the AWS config are read once: later
  /// probes are given what they found.
  public func run() async -> DoctorReport {
    let config = ConfigProbe().inspect(in: scope)
    let awsConfig = AWSConfigProbe().inspect(in: scope)
    let probes: [any DoctorProbe] = [
      BinaryProbe(), PathProbe(), config, C1SignInProbe(account: config.account),
      SSOSignInProbe(config: config.config), AWSCLIProbe(), awsConfig,
      ProfilesIndexProbe(document: awsConfig.document), StateDirectoryProbe(), ShellHookProbe(),
    ]
    var checks: [DoctorCheck] = []
    for probe in probes { checks.append(await probe.check(in: scope)) }
    return DoctorReport(checks: checks)
  }
}
