import ConeShellBase

/// The shell that ran doctor has the integration loaded, and its prompt hook runs.
struct ShellHookProbe: DoctorProbe {
  func check(in doctor: DoctorScope) -> DoctorCheck {
    let environment = doctor.environment
    let marker = environment[ShellHookMarker.variable].flatMap(ShellHookMarker.init)
    guard let marker, marker.processID == doctor.options.parentProcessID else {
      return integrationNotLoaded(marker: marker, doctor: doctor)
    }
    let rc = ShellHookMarker.rcFile(for: marker.shell, environment: environment)
    switch marker.lastPrompt {
    case nil:
      return DoctorCheck(
        "shell-hook", .error,
        "the prompt hook has not run since the integration was loaded: something after it replaced "
          + "\(ShellHookMarker.hookHolder(for: marker.shell)), so the prompt segment does not update",
        fix:
          "move `\(ShellHookMarker.initLine(for: marker.shell))` to the end of \(rc), after prompt themes and frameworks"
      )
    case .unknownTime:
      return DoctorCheck("shell-hook", .ok, "the prompt hook runs in this \(marker.shell) (pid \(marker.processID))")
    case .at(let epoch):
      let age = max(0, Int(doctor.context.now()) - epoch)
      return DoctorCheck(
        "shell-hook", .ok,
        "the prompt hook runs in this \(marker.shell) (pid \(marker.processID)); last prompt \(DoctorScope.spell(Double(age))) ago"
      )
    }
  }

  /// No marker of doctor's parent: it is not a shell with the integration loaded.
  private func integrationNotLoaded(marker: ShellHookMarker?, doctor: DoctorScope) -> DoctorCheck {
    let environment = doctor.environment
    // A login shell's name starts with `-`. Without /proc (macOS) the parent is unknown.
    let parent = doctor.options.parentProcessName.map { $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }
    if let parent, !["bash", "zsh", "fish"].contains(parent) {
      return DoctorCheck(
        "shell-hook", .warning, "cannot tell: doctor was not started from an interactive shell's prompt",
        fix: "run `cone-shell doctor` at your shell's prompt")
    }
    let shell =
      parent ?? environment["SHELL"].map(FileSystem.baseName).flatMap {
        ["bash", "zsh", "fish"].contains($0) ? $0 : nil
      } ?? "bash"
    let rc = ShellHookMarker.rcFile(for: shell, environment: environment)
    let fix =
      "add `\(ShellHookMarker.initLine(for: shell))` at the end of \(rc), then open a new terminal "
      + "(`type aws` tells whether it is loaded)"
    if let marker {
      return DoctorCheck(
        "shell-hook", .warning,
        "the shell integration is loaded in another shell (pid \(marker.processID)), not in the one that ran doctor",
        fix: fix)
    }
    if Self.rcFileLoadsInit(shell: shell, environment: environment) {
      return DoctorCheck(
        "shell-hook", .warning, "\(rc) loads the shell integration, but this \(shell) did not",
        fix: "open a new terminal; if it persists, make sure `cone-shell` is on PATH before that line")
    }
    return DoctorCheck("shell-hook", .warning, "the shell integration is not loaded in this \(shell)", fix: fix)
  }

  /// True when the shell's rc file mentions `cone-shell init`.
  static func rcFileLoadsInit(shell: String, environment: Environment) -> Bool {
    var files = [environment.expandPath(ShellHookMarker.rcFile(for: shell, environment: environment))]
    if shell == "bash" { files += ["~/.bash_profile", "~/.profile"].map(environment.expandPath) }
    if shell == "fish" {
      files.append(
        environment.expandPath((environment["XDG_CONFIG_HOME"] ?? "~/.config") + "/fish/conf.d/cone-shell.fish"))
    }
    return files.contains { ((try? FileSystem.readText($0)) ?? nil)?.contains("cone-shell init") == true }
  }
}
