import ConeShellBase

/// The running binary can be found, and its version.
struct BinaryProbe: DoctorProbe {
  func check(in doctor: DoctorScope) -> DoctorCheck {
    guard let path = doctor.options.executablePath else {
      return DoctorCheck(
        "binary", .error, "cannot find the path of the running cone-shell", fix: "reinstall cone-shell")
    }
    return DoctorCheck("binary", .ok, "\(doctor.display(path)), version \(ConeShellVersion.current)")
  }
}
