import Testing

@testable import ConeShellBase
@testable import ConeShellKit

// Readline is one per process: the console's terminal test joins the serialized suite
// of the line editor's.
extension LineEditorTerminalTests {
  /// The console's prompt on GNU readline for real, on a pseudo-terminal: Tab completes
  /// the word before the cursor, a space follows a single match, and the up arrow
  /// brings back a line of an earlier run.
  @Test func consolePromptCompletesWordsAndRemembersLines() throws {
    let terminal = try LineEditorTerminal()
    defer { terminal.hangUp() }
    let dir = TemporaryDirectory()
    let historyFile = dir.file("state/console-history")
    let before = terminal.settings()
    let session = terminal.run { input, output in
      let completion = ConsoleCompletion { ["production-admin", "production-databaseadministrator"] }
      let prompt = LinePrompt(
        "cone> ", completion: { completion.candidates(line: $0, cursor: $1) }, historyKey: "console",
        completesWords: true)
      var editor = ReadlineLineEditor(historyFile: historyFile, input: input, output: output, terminalName: "dumb")
      var results = [editor.readLine(prompt), editor.readLine(prompt), editor.readLine(prompt)]
      var later = ReadlineLineEditor(historyFile: historyFile, input: input, output: output, terminalName: "dumb")
      results.append(later.readLine(prompt))
      return results
    }

    // Each step waits for text that shows the previous one is done: keys typed early
    // could reach the terminal between two lines, where Ctrl-C would flush them.
    let steps: [(until: String, keys: String)] = [
      ("cone> ", "st\t\r"),  // a command name, and a space after it
      // The common part; then a Tab that finds nothing to add, and one that lists the
      // candidates; then the one left.
      ("status \r\ncone> ", "request prod\t\t\t"),
      ("databaseadministrator", "d\t\r"),
      ("administrator \r\ncone> ", "chec\tproduction-a\t--\t\u{3}"),  // Ctrl-C drops the line
      ("^C\r\ncone> ", "\u{1b}[A\r"),  // the up arrow: the request of the first run
    ]
    var shown = terminal.play(steps)
    let results = try #require(session.wait(), "readline did not finish")
    shown += terminal.screen(until: nil) ?? ""

    #expect(
      results == [
        .line("status "), .line("request production-databaseadministrator "), .interrupted,
        .line("request production-databaseadministrator "),
      ])
    // The list of candidates, in columns, under the line.
    #expect(shown.contains(/request production-\r\nproduction-admin +production-databaseadministrator\r\n/))
    #expect(shown.contains("check production-admin --refresh ^C"))
    #expect(terminal.settings() == before)
    #expect(FileSystem.mode(of: historyFile) == 0o600)
  }
}
