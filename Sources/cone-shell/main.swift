import ConeShellBase

// `cone-shell`: the two commands that run most often answer here, in a program as
// small as an empty Swift one; everything else is handed to cone-shell-core.
let arguments = CommandLine.arguments

// credential_process, once per AWS CLI run: cached credentials, printed at once.
if let output = CachedCredentials.processOutput(arguments: arguments) {
  print(output)
  exit(0)
}

// `cone-shell prompt` with no options: starship's and p10k's custom segments, once per
// prompt. It reads the grants file only and prints nothing on any error.
if arguments.count == 2, arguments[1] == "prompt" {
  print(PromptSegment.renderForCurrentShell(environment: .current, now: Int(time(nil))), terminator: "")
  exit(0)
}

/// Says what went wrong on stderr and exits 1: the launcher has no other way to report.
func fail(_ message: String) -> Never {
  _ = message.withCString { systemWrite(2, $0, strlen($0)) }
  exit(1)
}

guard let launcher = currentExecutablePath(), let core = Executables.corePath(launcher: launcher) else {
  fail("cone-shell: cannot find cone-shell-core beside this program or in ../libexec/cone-shell/; reinstall cone-shell\n")
}
setenv(Executables.launcherVariable, launcher, 1)
let reason = withCStringArray(arguments) { argv in
  execv(core, argv)
  return Platform.errorText()  // reached only when the exec failed
}
fail("cone-shell: cannot run \(core): \(reason)\n")
