import Testing

@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct ConsoleCommandTests {
  func parse(_ line: String) throws(ConsoleError) -> ConsoleCommand? {
    try ConsoleCommand(parsing: line)
  }

  func error(_ line: String) -> String? {
    do {
      _ = try parse(line)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func commandsAndTheirArguments() throws {
    #expect(try parse("profiles") == .profiles)
    #expect(try parse("  status  ") == .status)
    #expect(try parse("request production-admin") == .request(profile: "production-admin"))
    #expect(
      try parse("request -d 2h production-admin --justification 'fix the \"db\"'")
        == .request(profile: "production-admin", duration: "2h", justification: #"fix the "db""#))
    #expect(
      try parse(#"request p --duration=30m -j "two words" --wait"#)
        == .request(profile: "p", duration: "30m", justification: "two words"))
    #expect(try parse("request -- -odd-name") == .request(profile: "-odd-name"))
    #expect(try parse("check staging-poweruseraccess") == .check(profile: "staging-poweruseraccess"))
    #expect(try parse("check p --refresh") == .check(profile: "p", refresh: true))
    #expect(try parse("task 12") == .task("12"))
    #expect(try parse("help") == .help())
    #expect(try parse("help exit") == .help(topic: "quit"))
    #expect(try parse("quit") == .quit)
    #expect(try parse("exit") == .quit)
    // Commands pasted from cone-shell's messages.
    #expect(try parse("cone-shell task 12") == .task("12"))
    #expect(try parse("cone-shell request p --wait") == .request(profile: "p"))
  }

  @Test func blankLinesAreNothing() throws {
    #expect(try parse("") == nil)
    #expect(try parse("   \t ") == nil)
  }

  @Test func mistakesSayWhatWouldWork() {
    #expect(
      error("sttaus")
        == #"Unknown command "sttaus". Did you mean status? Type help for the commands, or Tab to complete one."#)
    #expect(error("req p")?.hasPrefix(#"Unknown command "req". Did you mean request?"#) == true)
    #expect(error("aws s3 ls") == #"Unknown command "aws". Type help for the commands, or Tab to complete one."#)
    #expect(
      error("request") == "request needs PROFILE. Usage: request PROFILE [--duration D] [--justification TEXT]")
    #expect(error("request a b")?.hasPrefix(#"request does not take "b"."#) == true)
    #expect(error("request p --forever")?.hasPrefix("request has no option --forever.") == true)
    #expect(error("request p --duration")?.hasPrefix("--duration needs a value.") == true)
    #expect(error("request p -d soon") == #""soon" is not a duration: use forms like 30m, 2h, 1h30m, 1d"#)
    #expect(error("check p --refresh=yes")?.hasPrefix("--refresh takes no value.") == true)
    #expect(error("task") == "task needs N. Usage: task N")
    #expect(error("status now")?.hasPrefix(#"status does not take "now"."#) == true)
    #expect(error("help me")?.hasPrefix(#"Unknown command "me"."#) == true)
    #expect(error("request 'p") == "A ' quote is not closed.")
  }

  @Test func wordsSplitAsAShellSplitsThem() throws {
    #expect(try ConsoleWords.split(#"a  'b c' "d \"e\"" f\ g ''"#) == ["a", "b c", #"d "e""#, "f g", ""])
    #expect(try ConsoleWords.split("") == [])
  }
}

@Suite struct ConsoleCompletionTests {
  let completion = ConsoleCompletion {
    ["production-admin", "production-databaseadministrator", "staging-poweruseraccess"]
  }

  func candidates(_ line: String) -> [String] {
    completion.candidates(line: line, cursor: line.endIndex)
  }

  @Test func commandNames() {
    #expect(candidates("") == ["profiles", "status", "request", "check", "task", "help", "quit", "exit"])
    #expect(candidates("st") == ["status"])
    #expect(candidates("  pr") == ["profiles"])
    #expect(candidates("e") == ["exit"])
    #expect(candidates("x") == [])
    #expect(candidates("help ") == ["profiles", "status", "request", "check", "task", "help", "quit", "exit"])
    #expect(candidates("help re") == ["request"])
    #expect(candidates("help request ") == [])
    #expect(candidates("cone-shell ta") == ["task"])
  }

  @Test func profileNamesAfterRequestAndCheck() {
    #expect(
      candidates("request ") == ["production-admin", "production-databaseadministrator", "staging-poweruseraccess"])
    #expect(candidates("request prod") == ["production-admin", "production-databaseadministrator"])
    #expect(candidates("check sta") == ["staging-poweruseraccess"])
    #expect(candidates("request -d 2h prod") == ["production-admin", "production-databaseadministrator"])
    #expect(candidates("task ") == [])
    #expect(candidates("status ") == [])
    #expect(candidates("nope ") == [])
  }

  @Test func optionsOnceTheProfileIsThere() {
    #expect(candidates("request production-admin ") == ["--duration", "--justification"])
    #expect(candidates("request production-admin --d") == ["--duration"])
    #expect(candidates("request production-admin --duration ") == [])
    #expect(candidates("request production-admin -d ") == [])
    #expect(candidates("request production-admin --duration 2h ") == ["--justification"])
    #expect(candidates("request -") == ["--duration", "--justification"])
    #expect(candidates("check p ") == ["--refresh"])
    #expect(candidates("check p --refresh ") == [])
  }

  @Test func theWordBeforeTheCursorIsCompleted() {
    let line = "request prod --duration 2h"
    let cursor = line.index(line.startIndex, offsetBy: 12)
    #expect(
      completion.candidates(line: line, cursor: cursor) == ["production-admin", "production-databaseadministrator"])
  }
}

@Suite struct ConsoleTests {
  /// Records what the console asked for; `request` succeeds for profiles in `granted`.
  final class RecordingActions: ConsoleActions, @unchecked Sendable {
    var performed: [ConsoleCommand] = []
    var granted: Set<String> = []

    func perform(_ command: ConsoleCommand) async -> Bool {
      performed.append(command)
      if case .request(let profile, _, _) = command { return granted.contains(profile) }
      return true
    }
  }

  func console(_ inputs: [LineInput], actions: RecordingActions = RecordingActions()) -> Console<
    ScriptedLineEditor, String
  > {
    Console(
      editor: ScriptedLineEditor(inputs), output: "", actions: actions,
      completion: ConsoleCompletion { ["production-admin"] })
  }

  @Test func runsCommandsUntilQuit() async {
    let actions = RecordingActions()
    var console = console(
      [
        .line("status"), .line(""), .line("task 12"), .line("check production-admin --refresh"), .line("quit"),
        .line("profiles"),
      ], actions: actions)
    await console.run()
    #expect(
      actions.performed == [.status, .task("12"), .check(profile: "production-admin", refresh: true)])
    #expect(console.editor.remaining == [.line("profiles")])
    let prompt = console.editor.prompts.first
    #expect(prompt?.text == "cone> ")
    #expect(prompt?.historyKey == "console")
    #expect(prompt?.completesWords == true)
    #expect(prompt?.completions(for: "request pro") == ["production-admin"])
  }

  @Test func ctrlCDropsTheLineAndCtrlDLeaves() async {
    let actions = RecordingActions()
    var console = console(
      [.interrupted, .interrupted, .line("profiles"), .endOfFile, .line("status")], actions: actions)
    await console.run()
    #expect(actions.performed == [.profiles])
    #expect(console.editor.remaining == [.line("status")])
  }

  @Test func mistakesGetAMessageAndThePromptAgain() async {
    let actions = RecordingActions()
    var console = console([.line("sttaus"), .line("request"), .line("status"), .line("exit")], actions: actions)
    await console.run()
    #expect(actions.performed == [.status])
    #expect(console.output.contains(#"Unknown command "sttaus". Did you mean status?"#))
    #expect(
      console.output.contains(
        "request needs PROFILE. Usage: request PROFILE [--duration D] [--justification TEXT]\n"))
  }

  @Test func aGrantedRequestIsReportedWithTheTimeLeft() async {
    let actions = RecordingActions()
    actions.granted = ["production-admin"]
    var console = console([.line("request staging -j 'on call'"), .endOfFile], actions: actions)
    await console.run(first: .request(profile: "production-admin"))
    #expect(
      actions.performed == [
        .request(profile: "production-admin"), .check(profile: "production-admin"),
        .request(profile: "staging", justification: "on call"),
      ])
  }

  @Test func helpListsTheCommandsAndExplainsOne() async {
    var console = console([.line("help"), .line("help request"), .endOfFile])
    await console.run()
    let output = console.output
    #expect(output.hasPrefix("cone-shell interactive: type help for the commands."))
    #expect(output.contains("Commands:\n  profiles        List the cone-shell profiles"))
    #expect(
      output.contains(
        "\n  request PROFILE [--duration D] [--justification TEXT]\n                  Request access"))
    #expect(output.contains("\n  help [COMMAND]  List the commands, or explain one.\n"))
    #expect(output.contains("\n  quit            Leave the console"))
    #expect(
      output.contains(
        """
        Usage: request PROFILE [--duration D] [--justification TEXT]
          Request access, filling its form if it has one, and wait for the decision.
          -d, --duration D          How long, e.g. 30m, 2h (default: the entitlement's maximum).
          -j, --justification TEXT  Why you need access (shown to approvers); quote it when it has spaces.
          Tab completes the profile names.
        """))
  }
}
