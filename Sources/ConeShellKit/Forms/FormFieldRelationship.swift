/// A rule over several fields, checked on the whole form.
public struct FormFieldRelationship: Sendable, Hashable, Decodable {
  public enum Kind: Sendable, Hashable {
    /// Fill in all of them or none.
    case requiredTogether
    /// Fill in at least one.
    case atLeastOne
    /// Fill in at most one.
    case mutuallyExclusive
    /// Any of them needs all of these filled in too.
    case dependentOn([String])
    /// A kind this version does not know; not checked here, C1 checks it.
    case unknown
  }

  public var fieldNames: [String]
  public var kind: Kind

  public init(fieldNames: [String], kind: Kind) {
    self.fieldNames = fieldNames
    self.kind = kind
  }

  private enum CodingKeys: String, CodingKey {
    case fieldNames, requiredTogether, atLeastOne, mutuallyExclusive, dependentOn
  }

  private enum DependentOnKeys: String, CodingKey {
    case dependencyFieldNames
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    fieldNames = try container.decodeArrayIfPresent([String].self, forKey: .fieldNames)
    if container.isOneofSet(forKey: .requiredTogether) {
      kind = .requiredTogether
    } else if container.isOneofSet(forKey: .atLeastOne) {
      kind = .atLeastOne
    } else if container.isOneofSet(forKey: .mutuallyExclusive) {
      kind = .mutuallyExclusive
    } else if container.isOneofSet(forKey: .dependentOn) {
      let dependency = try container.nestedContainer(
        keyedBy: DependentOnKeys.self, forKey: .dependentOn)
      kind = .dependentOn(
        try dependency.decodeArrayIfPresent([String].self, forKey: .dependencyFieldNames))
    } else {
      kind = .unknown
    }
  }
}

extension KeyedDecodingContainer {
  /// Whether `key` holds an object: how a flattened proto oneof says which branch is
  /// set (`"atLeastOne": {}`); absent and null are not set.
  func isOneofSet(forKey key: Key) -> Bool {
    guard case .object? = try? decodeIfPresent(JSONValue.self, forKey: key) else { return false }
    return true
  }
}
