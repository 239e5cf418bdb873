import Foundation
import Testing

@testable import ConeShellBase
@testable import ConeShellKit

/// The readline editor for real, on a pseudo-terminal: readline runs on a thread of its
/// own with the slave side as its terminal, and the test types on the master side.
@Suite(.serialized) struct LineEditorTerminalTests {
  @Test func readlineCompletesRemembersCancelsAndRestoresTheTerminal() throws {
    let terminal = try LineEditorTerminal()
    defer { terminal.hangUp() }
    let dir = TemporaryDirectory()
    let historyFile = dir.file("state/form-history")
    let before = terminal.settings()

    let reason = FormField(
      name: "reason",
      kind: .string(
        StringField(
          view: .select([
            SelectOption(value: "incident", displayName: "Incident response"),
            SelectOption(value: "change", displayName: "Planned change"),
          ]))))
    let session = terminal.run { input, output in
      var editor = ReadlineLineEditor(
        historyFile: historyFile, input: input, output: output, terminalName: "dumb")
      var results = [
        editor.readLine(
          LinePrompt("Reason: ", completion: reason.lineCompletion, historyKey: "reason")),
        editor.readLine(LinePrompt("T1: ", historyKey: "ticket")),
        editor.readLine(LinePrompt("T2: ", historyKey: "ticket")),
        editor.readLine(LinePrompt("T3: ", historyKey: "ticket")),
        editor.readLine(LinePrompt("Hours: ", initialText: "1")),
        editor.readLine(LinePrompt("PIN: ", historyKey: "pin", isSecret: true)),
      ]
      // A later run: a new editor reads the history file again.
      var later = ReadlineLineEditor(
        historyFile: historyFile, input: input, output: output, terminalName: "dumb")
      results.append(later.readLine(LinePrompt("T4: ", historyKey: "ticket")))
      return results
    }

    let steps: [(until: String, keys: String)] = [
      ("Reason: ", "Pla\t\r"),  // Tab completes a display name to its value
      ("T1: ", "OPS-1\r"),
      ("T2: ", "OP\u{3}"),  // Ctrl-C
      ("T3: ", "\u{4}"),  // Ctrl-D on an empty line
      ("Hours: ", "2\r"),  // typed after the initial text
      ("PIN: ", "s3cret\r"),
      ("T4: ", "\u{1b}[A\r"),  // the up arrow brings back OPS-1
    ]
    var shown = terminal.play(steps)
    let results = try #require(session.wait(), "readline did not finish")
    shown += terminal.screen(until: nil) ?? ""

    #expect(
      results == [
        .line("change"), .line("OPS-1"), .interrupted, .endOfFile, .line("12"), .line("s3cret"),
        .line("OPS-1"),
      ])
    #expect(!shown.contains("s3cret"))
    #expect(terminal.settings() == before)
    #expect(FileSystem.mode(of: historyFile) == 0o600)
    #expect(try FileSystem.readText(historyFile) == "reason\tchange\nticket\tOPS-1\n")
  }
}

/// A pseudo-terminal pair: the slave is the terminal readline sees, the master is the
/// keyboard and screen of the test.
final class LineEditorTerminal: @unchecked Sendable {
  let master: Int32
  let slave: Int32
  private(set) var unread = ""

  init() throws {
    var master: Int32 = -1
    var slave: Int32 = -1
    var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else {
      throw FileError("open", "a pseudo-terminal")
    }
    self.master = master
    self.slave = slave
  }

  /// Closes the keyboard side: readline then reads end-of-file, so nothing hangs.
  func hangUp() {
    close(master)
  }

  /// The slave's settings as bytes, to compare before and after.
  func settings() -> [UInt8] {
    var settings = termios()
    _ = tcgetattr(slave, &settings)
    return withUnsafeBytes(of: &settings) { Array($0) }
  }

  func type(_ keys: String) {
    _ = Array(keys.utf8).withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// What the terminal shows until `text` appears (or, for nil, until a short quiet
  /// spell); nil when it does not appear within ten seconds.
  func screen(until text: String?) -> String? {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
      if let text, let range = unread.range(of: text) {
        let shown = String(unread[..<range.upperBound])
        unread = String(unread[range.upperBound...])
        return shown
      }
      var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, text == nil ? 200 : 100) > 0 else {
        if text == nil { break }
        continue
      }
      var buffer = [UInt8](repeating: 0, count: 4096)
      let count = read(master, &buffer, buffer.count)
      if count <= 0 { break }
      unread += String(decoding: buffer[..<count], as: UTF8.self)
    }
    guard text == nil else { return nil }
    defer { unread = "" }
    return unread
  }

  /// For each step, waits until the screen shows `until`, then types `keys`; gives all
  /// that was shown. A step whose text never comes is recorded as a failure and hangs up.
  func play(_ steps: [(until: String, keys: String)]) -> String {
    var shown = ""
    for step in steps {
      guard let text = screen(until: step.until) else {
        Issue.record("no \(step.until.debugDescription) in: \(shown + unread)")
        hangUp()
        break
      }
      shown += text
      type(step.keys)
    }
    return shown
  }

  /// Runs `body` on a thread of its own with the slave as its input and output.
  func run(
    _ body:
      @escaping @Sendable (UnsafeMutablePointer<FILE>, UnsafeMutablePointer<FILE>) -> [LineInput]
  ) -> Session {
    let session = Session()
    let input = fdopen(slave, "r")!
    let output = fdopen(dup(slave), "w")!
    nonisolated(unsafe) let streams = (input, output)
    let thread = Thread {
      session.finish(body(streams.0, streams.1))
    }
    thread.start()
    return session
  }

  final class Session: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var results: [LineInput]?

    fileprivate func finish(_ results: [LineInput]) {
      self.results = results
      done.signal()
    }

    /// The results, or nil when the thread is still reading after thirty seconds.
    func wait() -> [LineInput]? {
      done.wait(timeout: .now() + 30) == .success ? results : nil
    }
  }
}
