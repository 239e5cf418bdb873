import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct FileSystemTests {
  @Test func atomicWriteCreatesFileWithMode0600AndLeavesNoTemporaryFile() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("a")
    try FileSystem.writeAtomically(Array("hello".utf8), to: path)
    #expect(try FileSystem.readText(path) == "hello")
    #expect(FileSystem.mode(of: path) == 0o600)
    #expect(try listing(dir.path) == ["a"])
  }

  @Test func atomicWriteKeepsTheModeOfAnExistingFile() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("config")
    try FileSystem.writeAtomically(Array("one".utf8), to: path, mode: 0o644)
    try FileSystem.writeAtomically(Array("two".utf8), to: path)
    #expect(FileSystem.mode(of: path) == 0o644)
    #expect(try FileSystem.readText(path) == "two")
  }

  @Test func writeIntoMissingDirectoryFailsWithThePath() {
    let dir = TemporaryDirectory()
    #expect {
      try FileSystem.writeAtomically(Array("x".utf8), to: dir.file("missing/a"))
    } throws: { error in
      "\(error)".contains(dir.file("missing"))
    }
  }

  @Test func readOfMissingFileIsNil() throws {
    #expect(try FileSystem.read("/nonexistent/cone-shell/x") == nil)
  }

  @Test func createDirectoryMakesParentsPrivateButNeverChangesOneItDidNotMake() throws {
    let dir = TemporaryDirectory()
    let state = dir.file("a/b/state")
    let old = umask(0o022)
    defer { umask(old) }
    try FileSystem.createDirectory(state)
    #expect(FileSystem.mode(of: state) == 0o700)
    #expect(FileSystem.mode(of: dir.file("a")) == 0o700)
    chmod(state, 0o755)
    try FileSystem.createDirectory(state)
    #expect(FileSystem.mode(of: state) == 0o755)
  }

  @Test func readTakesOnlyRegularFilesWithinTheLimit() throws {
    let dir = TemporaryDirectory()
    #expect(throws: FileError.self) { try FileSystem.read("/dev/zero") }
    mkfifo(dir.file("fifo"), 0o600)
    let error = #expect(throws: FileError.self) { try FileSystem.read(dir.file("fifo")) }
    #expect(error?.description.contains("not a regular file") == true)
    try FileSystem.writeAtomically(Array("12345".utf8), to: dir.file("five"))
    #expect(try FileSystem.read(dir.file("five"), limit: 5) == Array("12345".utf8))
    #expect(throws: FileError.self) { try FileSystem.read(dir.file("five"), limit: 4) }
  }
}

@Suite struct StateStoreTests {
  @Test func writesAreMode0600InA0700Directory() throws {
    let dir = TemporaryDirectory()
    let store = StateStore(paths: Paths(environment: dir.environment))
    try store.write("grants", Array("written\t1\n".utf8))
    #expect(FileSystem.mode(of: store.directory) == 0o700)
    #expect(FileSystem.mode(of: store.path("grants")) == 0o600)
  }

  @Test func lockNamesCannotEscapeTheDirectory() {
    #expect(StateStore.fileName(for: "../x") == "%2E%2E%2Fx")
    #expect(StateStore.fileName(for: "prod-admin_1") == "prod-admin_1")
    #expect(StateStore.fileName(for: "a.b") != StateStore.fileName(for: "a_b"))
  }

  @Test func longNamesAreCutWithAStableHash() {
    let long = String(repeating: "é", count: 200)
    let name = StateStore.fileName(for: long)
    #expect(name.utf8.count <= StateStore.maximumFileNameLength)
    #expect(name == StateStore.fileName(for: long))
    #expect(name != StateStore.fileName(for: long + "x"))
  }

  @Test func stateOthersCouldWriteIsRefusedAndNeverChanged() throws {
    let dir = TemporaryDirectory()
    let shared = dir.file("shared")
    mkdir(shared, 0o777)
    chmod(shared, 0o1777)
    let store = StateStore(directory: shared)
    let error = #expect(throws: FileError.self) { try store.write("grants", Array("x".utf8)) }
    #expect(error?.isUntrusted == true)
    #expect(error?.description.contains("writable by group or others (mode 1777)") == true)
    #expect(FileSystem.mode(of: shared) == 0o1777)
  }

  @Test func aPlantedFileOrLinkIsRefusedAndASubdirectoryIsTightened() throws {
    let dir = TemporaryDirectory()
    let store = StateStore(directory: dir.file("state"))
    try store.write("credentials/p", Array("x".utf8))
    chmod(store.path("credentials"), 0o777)
    #expect(try store.read("credentials/p") == Array("x".utf8))
    #expect(FileSystem.mode(of: store.path("credentials")) == 0o700)
    chmod(store.path("credentials/p"), 0o622)
    #expect(throws: FileError.self) { try store.read("credentials/p") }
    unlink(store.path("credentials/p"))
    symlink(dir.file("elsewhere"), store.path("credentials/p"))
    let error = #expect(throws: FileError.self) { try store.read("credentials/p") }
    #expect(error?.description.contains("symbolic link") == true)
  }

  @Test func secondLockerWaitsThenTimesOutWithAClearMessage() async throws {
    let dir = TemporaryDirectory()
    let store = StateStore(directory: dir.file("state"))
    let held = try await store.lock("p", purpose: "requesting access to p")
    await #expect {
      _ = try await store.lock("p", timeout: .milliseconds(150), purpose: "requesting access to p")
    } throws: { error in
      let text = "\(error)"
      return error is LockTimeout && text.contains("requesting access to p") && text.contains("p.lock")
    }
    held.release()
    let again = try await store.lock("p", timeout: .milliseconds(150), purpose: "x")
    again.release()
  }
}
