import ConeShellBase

/// `cone-shell` on PATH is this binary.
struct PathProbe: DoctorProbe {
  func check(in doctor: DoctorScope) -> DoctorCheck {
    let here = doctor.options.executablePath
    let directory = here.map(FileSystem.parentDirectory(of:)).map(doctor.display) ?? "its directory"
    guard let found = ProgramRun.which("cone-shell", environment: doctor.environment) else {
      return DoctorCheck(
        "path", .warning, "`cone-shell` is not on PATH (the shell integration and the AWS profiles still work)",
        fix: "add \(directory) to PATH")
    }
    if let here, !DoctorScope.sameFile(found, here) {
      return DoctorCheck(
        "path", .warning, "PATH finds another cone-shell first: \(doctor.display(found))",
        fix: "remove the other one, or put \(directory) before it on PATH")
    }
    return DoctorCheck("path", .ok, "`cone-shell` on PATH is this binary")
  }
}
