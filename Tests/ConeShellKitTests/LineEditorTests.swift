import Testing

@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct LineHistoryTests {
  @Test func historyIsSavedWithMode0600AndReloaded() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("state/form-history")
    var history = LineHistory()
    history.add("OPS-12", key: "ticket")
    history.add("incident", key: "reason")
    history.add("OPS-13", key: "ticket")
    try history.save(to: path)
    #expect(FileSystem.mode(of: path) == 0o600)
    #expect(FileSystem.mode(of: dir.file("state")) == 0o700)
    #expect(try FileSystem.readText(path) == "ticket\tOPS-12\nreason\tincident\nticket\tOPS-13\n")
    let reloaded = LineHistory.load(from: path)
    #expect(reloaded == history)
    #expect(reloaded.lines(for: "ticket") == ["OPS-12", "OPS-13"])
  }

  @Test func historyKeepsOnlyTheNewestEntries() throws {
    let dir = TemporaryDirectory()
    var history = LineHistory(limit: 3)
    for number in 1...5 { history.add("line \(number)", key: "k") }
    #expect(history.lines(for: "k") == ["line 3", "line 4", "line 5"])
    try history.save(to: dir.file("h"))
    // A file longer than the limit (written by a run with a higher one) is cut on load.
    #expect(
      LineHistory.load(from: dir.file("h"), limit: 2).lines(for: "k") == ["line 4", "line 5"])
  }

  @Test func emptyLinesAndImmediateRepeatsAreNotKept() {
    var history = LineHistory()
    history.add("", key: "k")
    history.add("a", key: "k")
    history.add("a", key: "k")
    history.add("b", key: "other")
    history.add("a", key: "k")
    #expect(history.entries.count == 2)
  }

  @Test func tabsNewlinesAndBackslashesSurvive() throws {
    let dir = TemporaryDirectory()
    var history = LineHistory()
    let line = "a\tb\\n\r\nc\\"
    history.add(line, key: "odd\tkey")
    try history.save(to: dir.file("h"))
    #expect(LineHistory.load(from: dir.file("h")).lines(for: "odd\tkey") == [line])
  }

  @Test func aMissingOrDamagedFileIsAnEmptyHistory() throws {
    let dir = TemporaryDirectory()
    #expect(LineHistory.load(from: dir.file("missing")).entries.isEmpty)
    try FileSystem.writeAtomically(Array("no tab here\nk\tkept\n\u{0}".utf8), to: dir.file("h"))
    #expect(
      LineHistory.load(from: dir.file("h")).entries == [LineHistory.Entry(key: "k", line: "kept")])
  }
}

@Suite struct LinePromptTests {
  @Test func aSecretPromptKeepsNoHistory() {
    #expect(LinePrompt("PIN: ", historyKey: "pin", isSecret: true).historyKey == nil)
  }

  @Test func completionSeesTheTextBeforeTheCursor() throws {
    let field = FormField(
      name: "r",
      kind: .string(
        StringField(view: .select([SelectOption(value: "incident"), SelectOption(value: "audit")])))
    )
    let completion = try #require(field.lineCompletion)
    let line = "au ignored"
    #expect(completion(line, line.index(line.startIndex, offsetBy: 2)) == ["audit"])
    #expect(FormField(name: "t", kind: .string(StringField())).lineCompletion == nil)
  }
}
