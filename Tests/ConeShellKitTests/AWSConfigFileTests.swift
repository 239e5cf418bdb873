import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct AWSConfigFileTests {
  @Test func aMissingFileIsAnEmptyDocument() throws {
    let dir = TemporaryDirectory()
    let document = try AWSConfigFile(paths: Paths(environment: dir.environment)).load()
    #expect(document.text.isEmpty)
  }

  @Test func aNewFileIs0600InANew0700Directory() throws {
    let dir = TemporaryDirectory()
    let file = AWSConfigFile(paths: Paths(environment: dir.environment))
    #expect(file.path == dir.file(".aws/config"))
    var document = try file.load()
    try document.setProfile("a", [("region", "us-east-1")])
    try file.save(document)
    #expect(FileSystem.mode(of: dir.file(".aws")) == 0o700)
    #expect(FileSystem.mode(of: file.path) == 0o600)
    #expect(try file.load().profile("a")?.text("region") == "us-east-1")
  }

  @Test func anExistingFileKeepsItsModeAndItsDirectoryIsLeftAlone() throws {
    let dir = TemporaryDirectory()
    try FileSystem.createDirectory(dir.file(".aws"), mode: 0o755)
    let file = AWSConfigFile(path: dir.file(".aws/config"))
    try FileSystem.writeAtomically(Array("[default]\nregion = x\n".utf8), to: file.path, mode: 0o644)
    var document = try file.load()
    try document.setProfile("b", [("region", "y")])
    try file.save(document)
    #expect(FileSystem.mode(of: file.path) == 0o644)
    #expect(FileSystem.mode(of: dir.file(".aws")) == 0o755)
    #expect(try FileSystem.readText(file.path) == "[default]\nregion = x\n\n[profile b]\nregion = y\n")
  }

  @Test func aSymlinkedConfigIsWrittenThroughToItsTarget() throws {
    let dir = TemporaryDirectory()
    try FileSystem.createDirectory(dir.file("dotfiles/aws"), mode: 0o755)
    try FileSystem.createDirectory(dir.file(".aws"), mode: 0o700)
    let target = dir.file("dotfiles/aws/config")
    try FileSystem.writeAtomically(Array("# mine\n".utf8), to: target, mode: 0o644)
    // A relative link to a relative link, as dotfiles managers make them.
    #expect(symlink("aws/config", dir.file("dotfiles/current")) == 0)
    #expect(symlink("../dotfiles/current", dir.file(".aws/config")) == 0)
    let file = AWSConfigFile(path: dir.file(".aws/config"))
    var document = try file.load()
    try document.setProfile("a", [("region", "x")])
    try file.save(document)
    #expect(isSymlink(dir.file(".aws/config")) && isSymlink(dir.file("dotfiles/current")))
    #expect(try FileSystem.readText(target) == "# mine\n\n[profile a]\nregion = x\n")
    #expect(FileSystem.mode(of: target) == 0o644)
  }

  @Test func aDanglingSymlinkGetsItsTargetCreated() throws {
    let dir = TemporaryDirectory()
    try FileSystem.createDirectory(dir.file(".aws"), mode: 0o700)
    #expect(symlink(dir.file("elsewhere/config"), dir.file(".aws/config")) == 0)
    let file = AWSConfigFile(path: dir.file(".aws/config"))
    var document = try file.load()
    try document.setProfile("a", [])
    try file.save(document)
    #expect(isSymlink(file.path))
    #expect(try FileSystem.readText(dir.file("elsewhere/config")) == "[profile a]\n")
    #expect(FileSystem.mode(of: dir.file("elsewhere")) == 0o700)
  }

  @Test func aFileTheAWSCLICannotReadIsAnErrorWithItsPathAndLine() throws {
    let dir = TemporaryDirectory()
    let file = AWSConfigFile(path: dir.file("config"))
    try FileSystem.writeAtomically(Array("[a]\nx = 1\n".utf8) + [0xC3, 0x28], to: file.path)
    #expect(throws: AWSConfigFileError.parse(AWSConfigParseError(.invalidUTF8, line: 3, path: file.path))) {
      try file.load()
    }
    try FileSystem.writeAtomically(Array("[a]\nx = 1\nx = 2\n".utf8), to: file.path)
    #expect {
      try file.load()
    } throws: { error in
      "\(error)".hasPrefix(file.path + " line 3: key 'x' appears again in [a] (first at line 2)")
    }
  }

  @Test func aFileThatCannotBeReadIsAFileError() throws {
    let dir = TemporaryDirectory()
    try FileSystem.createDirectory(dir.file("config"))
    #expect(throws: AWSConfigFileError.self) { try AWSConfigFile(path: dir.file("config")).load() }
  }
}

private func isSymlink(_ path: String) -> Bool {
  var status = stat()
  return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
}
