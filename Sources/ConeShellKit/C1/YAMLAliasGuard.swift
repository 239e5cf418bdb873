import Yams

/// Measures how large a YAML document grows when its aliases are expanded, without
/// expanding them, so that a "billion laughs" document is refused before Yams composes
/// it: Yams composes an alias as a copy of its anchor's node, and hashing such a key,
/// comparing or serializing the tree then walks every copy.
enum YAMLAliasGuard {
  /// The most nodes a config may have with its aliases expanded. A real cone config has
  /// a few dozen; a bomb has billions.
  static let limit = 100_000

  /// Stands in for `*`: a private-use character that starts a plain scalar.
  private static let marker: Unicode.Scalar = "\u{E000}"

  /// Whether `text`'s document stays within `limit` nodes with its aliases expanded. A
  /// text without `*` has no alias, and is not measured.
  ///
  /// - Throws: `YamlError` for text libyaml cannot read.
  static func isSafe(_ text: String) throws -> Bool {
    guard text.unicodeScalars.contains("*") else { return true }
    return try expandedSize(of: text) <= limit
  }

  /// The number of nodes in `text`'s document with every alias expanded, counted up to
  /// `limit + 1` at most.
  ///
  /// The text is composed with every `*` replaced by a plain character, so that no alias
  /// is left to expand: an alias becomes a plain scalar starting with the marker (which
  /// a plain scalar cannot start with otherwise: `*` is an indicator), and a `*`
  /// anywhere else stays an ordinary character. Anchors keep their names (libyaml's
  /// anchor names have no `*`), and each is measured once, in document order, as an
  /// alias can only name an anchor before it.
  ///
  /// - Throws: `YamlError` for text libyaml cannot read.
  static func expandedSize(of text: String) throws -> Int {
    var inert = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { inert.append(scalar == "*" ? marker : scalar) }
    let parser = try Parser(yaml: String(inert))
    guard let root = try parser.singleRoot() else { return 0 }
    var sizes: [String: Int] = [:]
    // Yams holds anchors weakly: they live as long as the parser.
    return withExtendedLifetime(parser) { size(of: root, anchors: &sizes) }
  }

  private static func size(of node: Node, anchors: inout [String: Int]) -> Int {
    let size: Int
    switch node {
    case .scalar(let scalar):
      size = alias(in: scalar).map { anchors[$0] ?? 1 } ?? 1
    case .mapping(let mapping):
      size = mapping.reduce(1) { total, pair in
        guard total <= limit else { return total }
        return total + self.size(of: pair.key, anchors: &anchors) + self.size(of: pair.value, anchors: &anchors)
      }
    case .sequence(let sequence):
      size = sequence.reduce(1) { total, node in
        guard total <= limit else { return total }
        return total + self.size(of: node, anchors: &anchors)
      }
    case .alias(let alias):
      size = anchors[alias.anchor.rawValue] ?? 1
    }
    let capped = min(size, limit + 1)
    if let anchor = node.anchor { anchors[anchor.rawValue] = capped }
    return capped
  }

  /// The anchor a former alias names: the word characters after the marker.
  private static func alias(in scalar: Node.Scalar) -> String? {
    guard scalar.style == .plain, scalar.string.unicodeScalars.first == marker else { return nil }
    let name = scalar.string.unicodeScalars.dropFirst().prefix(while: isAnchorCharacter)
    return String(String.UnicodeScalarView(name))
  }

  /// libyaml's anchor names: ASCII letters, digits, `_` and `-`.
  static func isAnchorCharacter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
  }
}
