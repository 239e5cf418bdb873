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

guard let launcher = currentExecutablePath(), let core = Executables.corePath(launcher: launcher) else {
  let message = "cone-shell: cannot find cone-shell-core beside this program or in ../libexec/cone-shell/; reinstall cone-shell\n"
  _ = message.withCString { systemWrite(2, $0, strlen($0)) }
  exit(1)
}
setenv(Executables.launcherVariable, launcher, 1)
var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
execv(core, &argv)
let reason = Platform.errorText()
let message = "cone-shell: cannot run \(core): \(reason)\n"
_ = message.withCString { systemWrite(2, $0, strlen($0)) }
exit(1)
