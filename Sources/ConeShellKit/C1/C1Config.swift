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
/// The document is kept as a YAML node tree, so every key cone-shell does not know
/// (and the order of all keys) survives a write. cone's own `login` drops the `aws_*`
/// keys and writes 0644; this writes atomically with mode 0600.
public struct C1Config: Equatable {
  /// The C1 profile used when none is named.
  public static let defaultProfileName = "default"

  private var root: Node

  /// An empty configuration.
  public init() {
    root = .mapping(Node.Mapping([]))
  }

  /// Parses the text of a config file. An empty file is an empty configuration.
  public init(parsing text: String, path: String = "config.yaml") throws(C1ConfigError) {
    let node: Node?
    do {
      // Composed, an alias bomb would be expanded (and hang) wherever the tree is walked.
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
    guard let node else {
      root = .mapping(Node.Mapping([]))
      return
    }
    guard case .mapping = node else {
      throw C1ConfigError.malformed(path: path, reason: "the top level is not a mapping of keys to values")
    }
    if let profiles = node["profiles"], profiles.mapping == nil, profiles.null == nil {
      throw C1ConfigError.malformed(path: path, reason: "`profiles` is not a mapping of profile names")
    }
    root = node
  }

  /// Reads the file at `path`; a missing file is an empty configuration.
  public static func load(from path: String) throws -> C1Config {
    guard let text = try FileSystem.readText(path) else { return C1Config() }
    return try C1Config(parsing: text, path: path)
  }

  /// Writes the configuration to `path` atomically, mode 0600, creating its directory
  /// (0700) when missing.
  public func save(to path: String) throws {
    let directory = FileSystem.parentDirectory(of: path)
    if !FileSystem.exists(directory) { try FileSystem.createDirectory(directory, mode: 0o700) }
    try FileSystem.writeAtomically(Array(text.utf8), to: path, mode: 0o600)
  }

  /// The YAML text of the configuration.
  public var text: String {
    if case .mapping(let mapping) = root, mapping.isEmpty { return "" }
    return (try? Yams.serialize(node: root, allowUnicode: true)) ?? ""
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
    var profiles = root["profiles"]?.mapping ?? Node.Mapping([])
    var profile = profiles[name]?.mapping ?? Node.Mapping([])
    profile["client-id"] = Node(clientID)
    profile["client-secret"] = Node(clientSecret)
    profile["api-endpoint"] = apiEndpoint.map { Node($0) }
    profiles[name] = .mapping(profile)
    root["profiles"] = .mapping(profiles)
  }

  // MARK: AWS settings (top level, as `cone aws setup` writes them)

  public var awsSSOStartURL: String? {
    get { string("aws_sso_start_url") }
    set { set("aws_sso_start_url", newValue) }
  }

  public var awsSSORegion: String? {
    get { string("aws_sso_region") }
    set { set("aws_sso_region", newValue) }
  }

  public var awsDefaultRegion: String? {
    get { string("aws_default_region") }
    set { set("aws_default_region", newValue) }
  }

  private func string(_ key: String) -> String? {
    guard let value = root[key]?.string, !value.isEmpty else { return nil }
    return value
  }

  private mutating func set(_ key: String, _ value: String?) {
    guard case .mapping(var mapping) = root else { return }
    mapping[key] = value.map { Node($0) }
    root = .mapping(mapping)
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
