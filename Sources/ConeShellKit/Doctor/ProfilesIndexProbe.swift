import ConeShellBase

/// The profiles index, which completion and the aws wrapper read, matches the AWS config.
struct ProfilesIndexProbe: DoctorProbe {
  /// From `AWSConfigProbe`; nil when the AWS config cannot be read.
  var document: AWSConfigDocument?

  func check(in doctor: DoctorScope) -> DoctorCheck {
    guard let document else {
      return DoctorCheck("profiles-index", .skipped, "not checked: the AWS config cannot be read")
    }
    let path = doctor.context.store.path(ProfilesIndex.fileName)
    let expected = ProfileDirectory.profiles(in: document).map {
      ProfilesIndex.Entry(name: $0.name, accountID: $0.accountID, roleName: $0.roleName)
    }
    let rebuild = "cone-shell profiles (rebuilds it)"
    guard let text = try? FileSystem.readText(path) else {
      if expected.isEmpty { return DoctorCheck("profiles-index", .skipped, "no profiles to index yet") }
      return DoctorCheck(
        "profiles-index", .warning, "no \(doctor.display(path)): completion and the aws wrapper know no profiles",
        fix: rebuild)
    }
    let index = ProfilesIndex(parsing: text)
    guard index.entries == expected else {
      let listed = Set(index.entries.map(\.name))
      let wanted = Set(expected.map(\.name))
      var differences: [String] = []
      let absent = wanted.subtracting(listed).count
      let extra = listed.subtracting(wanted).count
      if absent > 0 { differences.append("\(absent) missing") }
      if extra > 0 { differences.append("\(extra) no longer in the AWS config") }
      if differences.isEmpty { differences.append("details differ") }
      return DoctorCheck(
        "profiles-index", .warning,
        "\(doctor.display(path)) is out of date (\(differences.joined(separator: ", "))): completion and the aws wrapper use it",
        fix: rebuild)
    }
    return DoctorCheck("profiles-index", .ok, "\(doctor.display(path)) lists the \(expected.count) profiles")
  }
}
