/// One `[header]` section of the AWS config file and its settings, as botocore reads it.
public struct AWSConfigSection: Equatable, Sendable {
  /// What botocore makes of a header.
  public enum Kind: Hashable, Sendable {
    /// `[default]`, or `[profile NAME]`: a header that starts with `profile` and splits
    /// (as a shell would) into exactly two words, the second being the name.
    case profile(String)
    /// `[sso-session NAME]`, by the same two-word rule.
    case ssoSession(String)
    /// `[services NAME]`, by the same two-word rule.
    case services(String)
    /// `[DEFAULT]`: configparser's defaults, inherited by every other section.
    case defaults
    /// Anything else (`[preview]`, `[plugins]`), including headers botocore ignores
    /// such as `[profile a b]`.
    case other
  }

  /// The text between `[` and the last `]`, verbatim.
  public let header: String
  public let kind: Kind
  /// In file order.
  public var entries: [AWSConfigEntry]

  public init(header: String, entries: [AWSConfigEntry] = []) {
    self.header = header
    self.kind = Self.kind(of: header)
    self.entries = entries
  }

  /// The value of `key` (compared lower-cased, as botocore does), or nil.
  public subscript(key: String) -> AWSConfigValue? {
    let key = AWSConfigSyntax.lowercased(Substring(key))
    return entries.first { AWSConfigSyntax.same($0.key, key) }?.value
  }

  /// The text value of `key`, or nil when it is missing or nested.
  public func text(_ key: String) -> String? {
    self[key]?.text
  }

  /// botocore's `build_profile_map` rules.
  static func kind(of header: String) -> Kind {
    let prefixes: [(String, (String) -> Kind)] = [
      ("profile", Kind.profile), ("sso-session", Kind.ssoSession), ("services", Kind.services),
    ]
    for (prefix, kind) in prefixes where header.unicodeScalars.starts(with: prefix.unicodeScalars) {
      guard let words = AWSConfigShlex.split(header), words.count == 2 else { return .other }
      return kind(words[1])
    }
    if AWSConfigSyntax.same(header, "default") { return .profile("default") }
    if AWSConfigSyntax.same(header, "DEFAULT") { return .defaults }
    return .other
  }
}
