import ConeShellBase
import Yams

/// cone's config file, `~/.conductorone/config.yaml`, shared with cone itself:
///
///     profiles:
///       default:
///         client-id: name@tenant.conductor.one/pcc
///         client-secret: secret-token:conductorone.com:v1:…
///         api-endpoint: …            # optional, per profile
///     aws_sso_start_url: https://…/start
///     aws_sso_region: us-east-1
///     aws_default_region: us-west-2
///
/// The file is the user's (and cone's): a change edits the text of the keys it changes
/// and nothing else, so comments, anchors, key order, styles and every key cone-shell
/// does not know survive byte for byte. Each edit is checked by reading the result back
/// with Yams: it must hold the new values and be otherwise the same document, or the
/// edit is refused. A setter cannot throw, so a refused edit is remembered and `save`
/// throws it without writing.
///
/// Before Yams composes anything, `YAMLAliasGuard` measures the document with its
/// aliases expanded, so that an alias bomb is refused at once instead of hanging.
public struct C1Config: Equatable {
  /// The C1 profile used when none is named.
  public static let defaultProfileName = "default"

  private var document: C1ConfigText
  /// The text as read, to tell whether there is anything to write.
  private let original: C1ConfigText
  /// The document Yams composed from the text; nil when the text has none (empty, or
  /// only comments).
  private var composed: Node?
  /// The file, for messages.
  private let path: String
  /// The first edit refused, which `save` throws.
  private(set) var failure: C1ConfigError?

  private var root: Node {
    composed ?? .mapping(Node.Mapping([]))
  }

  /// An empty configuration.
  public init() {
    self.init(document: C1ConfigText(""), composed: nil, path: "config.yaml")
  }

  /// Parses the text of a config file. An empty file is an empty configuration.
  public init(parsing text: String, path: String = "config.yaml") throws(C1ConfigError) {
    self.init(document: C1ConfigText(text), composed: try Self.compose(text, path: path), path: path)
  }

  private init(document: C1ConfigText, composed: Node?, path: String) {
    self.document = document
    original = document
    self.composed = composed
    self.path = path
  }

  /// Reads the file at `path` (through a symbolic link); a missing file is an empty
  /// configuration.
  public static func load(from path: String) throws -> C1Config {
    guard let text = try FileSystem.readText(path) else {
      return C1Config(document: C1ConfigText(""), composed: nil, path: path)
    }
    return try C1Config(parsing: text, path: path)
  }

  /// Writes the configuration to `path` when it changed. A symbolic link (dotfiles) is
  /// written through to its target, atomically; the file keeps its owner's permission
  /// bits and loses any for group and others, as it holds secrets. A new file is 0600,
  /// in a new 0700 directory when its directory is missing.
  ///
  /// - Throws: the first edit that was refused (nothing is written then), or a file error.
  public func save(to path: String) throws {
    if let failure { throw failure }
    guard document.scalars != original.scalars else { return }
    let target = FileSystem.resolvingSymlinks(path)
    let directory = FileSystem.parentDirectory(of: target)
    if !FileSystem.exists(directory) { try FileSystem.createDirectory(directory, mode: 0o700) }
    let mode = FileSystem.mode(of: target).map { $0 & 0o700 | 0o600 } ?? 0o600
    try FileSystem.writeAtomically(Array(text.utf8), to: target, mode: mode)
  }

  /// The YAML text of the configuration.
  public var text: String {
    document.text
  }

  // MARK: Profiles

  public var profileNames: [String] {
    root["profiles"]?.mapping?.keys.compactMap(\.string) ?? []
  }

  public func profile(named name: String) -> C1Profile? {
    guard let node = root["profiles"]?[name], node.mapping != nil else { return nil }
    func value(_ key: String) -> String? {
      // cone reads the hyphenated keys; its stale example file shows underscores.
      let value = node[key]?.string ?? node[key.replacing("-", with: "_")]?.string
      return value?.isEmpty == false ? value : nil
    }
    return C1Profile(
      name: name, clientID: value("client-id"), clientSecret: value("client-secret"),
      apiEndpoint: value("api-endpoint"))
  }

  /// Stores a client credential under `profile`, keeping every other key of that
  /// profile and every other profile. `apiEndpoint`, when given, is saved too (and
  /// removed when nil).
  public mutating func setCredential(
    profile name: String, clientID: String, clientSecret: String, apiEndpoint: String? = nil
  ) {
    edit(
      at: ["profiles", name],
      [("client-id", clientID), ("client-secret", clientSecret), ("api-endpoint", apiEndpoint)])
  }

  // MARK: AWS settings (top level, as `cone aws setup` writes them)

  public var awsSSOStartURL: String? {
    get { string("aws_sso_start_url") }
    set { edit(at: [], [("aws_sso_start_url", newValue)]) }
  }

  public var awsSSORegion: String? {
    get { string("aws_sso_region") }
    set { edit(at: [], [("aws_sso_region", newValue)]) }
  }

  public var awsDefaultRegion: String? {
    get { string("aws_default_region") }
    set { edit(at: [], [("aws_default_region", newValue)]) }
  }

  private func string(_ key: String) -> String? {
    guard let value = root[key]?.string, !value.isEmpty else { return nil }
    return value
  }

  // MARK: Editing

  /// Sets the keys of `entries` (removes them, for nil) in the mapping at `path`,
  /// creating the mappings on the way, by editing the text; then checks that the text
  /// reads back as exactly that change. Keys whose value is already right are left
  /// alone, so that nothing changes when nothing has to.
  private mutating func edit(at path: [String], _ entries: [(key: String, value: String?)]) {
    let mapping = path.reduce(Optional(root)) { node, key in node?[key] }?.mapping
    let changed = entries.filter { key, value in
      let current = mapping?[key]
      guard let value else { return current != nil }
      // Compared as bytes: String's == would take é and e + ◌́ as equal.
      return !(current?.scalar.map { Array($0.string.utf8) == Array(value.utf8) } ?? false)
    }
    guard !changed.isEmpty else { return }
    let keyName = (path + (changed.count == 1 ? [changed[0].key] : [])).map(YAMLQuoting.key).joined(separator: ".")
    func refuse(_ reason: String) {
      let shared = document.sharedAnchors(along: path, keys: changed.map(\.key), in: composed)
      let why =
        shared.isEmpty
        ? reason
        : "it carries the YAML anchor " + shared.map { "&" + $0 }.joined(separator: ", ")
          + ", which an alias elsewhere in the file shares"
      failure = failure ?? .cannotEdit(path: self.path, key: keyName, reason: why)
    }
    let edited: C1ConfigText
    let reread: Node?
    do {
      edited = try document.setting(changed, at: path, in: composed)
      reread = try Self.compose(edited.text, path: self.path)
    } catch let error as C1ConfigText.EditFailure {
      return refuse(error.reason)
    } catch C1ConfigError.malformed(_, let reason) {
      return refuse("the edited text would not be valid YAML: \(reason)")
    } catch {
      return refuse("\(error)")
    }
    guard reread ?? .mapping(Node.Mapping([])) == Self.applying(changed, at: path, to: root) else {
      return refuse("the edited text would not read back as that change alone")
    }
    document = edited
    composed = reread
  }

  /// What `root` should read as after the edit: the change made on the composed tree,
  /// as Yams' own mapping subscripts make it.
  private static func applying(_ entries: [(key: String, value: String?)], at path: [String], to node: Node) -> Node {
    var mapping = node.mapping ?? Node.Mapping([])
    if let key = path.first {
      mapping[key] = applying(entries, at: Array(path.dropFirst()), to: mapping[key] ?? .mapping(Node.Mapping([])))
    } else {
      for (key, value) in entries {
        // What a double-quoted scalar reads as.
        mapping[key] = value.map { Node($0, Tag(.str)) }
      }
    }
    return .mapping(mapping)
  }

  // MARK: Reading

  /// The document in `text`, after `YAMLAliasGuard` found its aliases harmless; nil
  /// for an empty one.
  private static func compose(_ text: String, path: String) throws(C1ConfigError) -> Node? {
    let node: Node?
    do {
      guard try YAMLAliasGuard.isSafe(text) else {
        throw C1ConfigError.tooManyAliases(path: path, limit: YAMLAliasGuard.limit)
      }
      node = try Yams.compose(yaml: text)
    } catch let error as C1ConfigError {
      throw error
    } catch let error as YamlError {
      throw C1ConfigError.malformed(path: path, reason: Self.describe(error))
    } catch {
      throw C1ConfigError.malformed(path: path, reason: "\(error)")
    }
    guard let node else { return nil }
    // `---` alone: no keys yet.
    if node.null != nil { return nil }
    guard case .mapping = node else {
      throw C1ConfigError.malformed(path: path, reason: "the top level is not a mapping of keys to values")
    }
    if let profiles = node["profiles"], profiles.mapping == nil, profiles.null == nil {
      throw C1ConfigError.malformed(path: path, reason: "`profiles` is not a mapping of profile names")
    }
    return node
  }

  private static func describe(_ error: YamlError) -> String {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      "line \(mark.line): \(problem)"
    default:
      "\(error)"
    }
  }
}

/// One profile of cone's config: a client credential and, optionally, the API host.
public struct C1Profile: Sendable, Equatable {
  public var name: String
  public var clientID: String?
  public var clientSecret: String?
  public var apiEndpoint: String?
}
