import ConeShellBase

/// An `aws` on PATH that runs.
struct AWSCLIProbe: DoctorProbe {
  func check(in doctor: DoctorScope) -> DoctorCheck {
    let install = "install the AWS CLI: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"
    guard let aws = ProgramRun.which("aws", environment: doctor.environment) else {
      return DoctorCheck("aws-cli", .error, "no `aws` on PATH", fix: install)
    }
    guard let run = ProgramRun.run([aws, "--version"], environment: doctor.environment), run.status == 0,
      let version = run.output.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("aws-cli/") })
    else {
      return DoctorCheck(
        "aws-cli", .error, "\(doctor.display(aws)) --version failed", fix: "reinstall the AWS CLI; \(install)")
    }
    let release = version.split(separator: " ").first.map(String.init) ?? String(version)
    return DoctorCheck("aws-cli", .ok, "\(release) at \(doctor.display(aws))")
  }
}
