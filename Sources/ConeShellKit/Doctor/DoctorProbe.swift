/// One thing `doctor` looks at, one file each. A probe changes nothing and says what to
/// fix; what it needs from an earlier probe (cone's config, the AWS config) it is given.
protocol DoctorProbe {
  func check(in doctor: DoctorScope) async -> DoctorCheck
}
