/// The AWS CLI config file (`~/.aws/config`), held losslessly: writing it back gives the
/// same bytes, and an edit changes only the lines of the section it concerns.
///
/// It reads the file as botocore does (see `AWSConfigParser`), so a document that parses
/// here is one the AWS CLI can read, and every edit is checked by reading the edited
/// section back.
public struct AWSConfigDocument: Sendable {
  /// Blank lines and comments before the first section.
  var preamble: [AWSConfigLine]
  var blocks: [AWSConfigBlock]
  /// Block positions by profile and sso-session name, in file order, so that edits on a
  /// document with thousands of profiles stay linear.
  var profileBlocks: [ExactString: [Int]] = [:]
  var profileOrder: [String] = []
  var ssoSessionBlocks: [ExactString: [Int]] = [:]
  var ssoSessionOrder: [String] = []
  /// Positions of the `[DEFAULT]` blocks, whose keys every profile inherits.
  var defaultsBlocks: [Int] = []
  /// Broken nested `[DEFAULT]` values botocore accepts only while every section
  /// overrides them.
  var brokenDefaults: [(key: String, error: AWSConfigParseError)] = []

  /// An empty file.
  public init() {
    preamble = []
    blocks = []
  }

  public init(parsing text: String) throws(AWSConfigParseError) {
    var text = text
    // `withUTF8` rethrows untyped errors, so the typed one travels in a `Result`.
    let result = text.withUTF8 { bytes in
      Result { () throws(AWSConfigParseError) in try AWSConfigParser.parse(bytes) }
    }
    self.init(try result.get())
  }

  /// Parses the bytes of a file: they must be UTF-8 without a byte order mark.
  public init(parsing bytes: [UInt8]) throws(AWSConfigParseError) {
    let result = bytes.withUnsafeBufferPointer { bytes in
      Result { () throws(AWSConfigParseError) in try AWSConfigParser.parse(bytes) }
    }
    self.init(try result.get())
  }

  init(_ result: AWSConfigParser.Result) {
    preamble = result.preamble
    blocks = result.blocks
    brokenDefaults = result.brokenDefaults
    reindex()
  }

  /// The line end of new lines: the file's first, else `\n`.
  var lineEnding: AWSConfigLine.Ending {
    // Only a file's last line has no line end.
    let first = preamble.first ?? blocks.first?.lines.first
    return first.map { $0.ending == .none ? .lf : $0.ending } ?? .lf
  }

  // MARK: Output

  /// The file's text.
  public var text: String {
    var text = ""
    for line in allLines {
      text += line.text
      text += line.ending.text
    }
    return text
  }

  /// The file's bytes.
  public var bytes: [UInt8] {
    Array(text.utf8)
  }

  var allLines: some Sequence<AWSConfigLine> {
    preamble.lazy + blocks.lazy.flatMap(\.lines)
  }

  // MARK: Queries

  /// Every section in file order, `[DEFAULT]` and unknown ones included.
  public var sections: [AWSConfigSection] {
    blocks.map(\.section)
  }

  /// The profile names botocore finds, in order of first appearance.
  public var profileNames: [String] {
    profileOrder
  }

  /// The section botocore uses for profile `name`: `[default]` or `[profile default]`
  /// for `default`; when several headers give the same name, the last one.
  public func profile(_ name: String) -> AWSConfigSection? {
    profileBlocks[ExactString(name)]?.last.map { blocks[$0].section }
  }

  /// Profile `name` with the keys it inherits from `[DEFAULT]`, as botocore reads it.
  public func resolvedProfile(_ name: String) -> AWSConfigSection? {
    guard var section = profile(name) else { return nil }
    for index in defaultsBlocks {
      section.entries += blocks[index].section.entries.filter { section[$0.key] == nil }
    }
    return section
  }

  /// The `[sso-session NAME]` names, in order of first appearance.
  public var ssoSessionNames: [String] {
    ssoSessionOrder
  }

  public func ssoSession(_ name: String) -> AWSConfigSection? {
    ssoSessionBlocks[ExactString(name)]?.last.map { blocks[$0].section }
  }

  // MARK: Index

  mutating func reindex() {
    profileBlocks = [:]
    profileOrder = []
    ssoSessionBlocks = [:]
    ssoSessionOrder = []
    defaultsBlocks = []
    for index in blocks.indices { self.index(block: index) }
  }

  mutating func index(block index: Int) {
    switch blocks[index].section.kind {
    case .profile(let name):
      let key = ExactString(name)
      if profileBlocks[key] == nil { profileOrder.append(name) }
      profileBlocks[key, default: []].append(index)
    case .ssoSession(let name):
      let key = ExactString(name)
      if ssoSessionBlocks[key] == nil { ssoSessionOrder.append(name) }
      ssoSessionBlocks[key, default: []].append(index)
    case .defaults:
      defaultsBlocks.append(index)
    default:
      break
    }
  }
}
