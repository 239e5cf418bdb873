/// protoc-gen-validate's RepeatedRules for a list of strings: its size, uniqueness, and
/// the StringRules every item must meet.
public struct RepeatedRules: Sendable, Hashable, Decodable {
  public var minItems: Int64?
  public var maxItems: Int64?
  public var unique: Bool
  /// The rules apply only to a list that is not empty.
  public var ignoreEmpty: Bool
  public var items: StringRules?

  public init(
    minItems: Int64? = nil, maxItems: Int64? = nil, unique: Bool = false,
    ignoreEmpty: Bool = false, items: StringRules? = nil
  ) {
    self.minItems = minItems
    self.maxItems = maxItems
    self.unique = unique
    self.ignoreEmpty = ignoreEmpty
    self.items = items
  }

  private enum CodingKeys: String, CodingKey { case minItems, maxItems, unique, ignoreEmpty, items }
  /// `items` is a FieldRules: a oneof by value type, of which a string list uses one.
  private enum ItemKeys: String, CodingKey { case string }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    minItems = try container.decodeInt64IfPresent(forKey: .minItems)
    maxItems = try container.decodeInt64IfPresent(forKey: .maxItems)
    unique = try container.decodeIfPresent(Bool.self, forKey: .unique) ?? false
    ignoreEmpty = try container.decodeIfPresent(Bool.self, forKey: .ignoreEmpty) ?? false
    if container.isOneofSet(forKey: .items) {
      let items = try container.nestedContainer(keyedBy: ItemKeys.self, forKey: .items)
      self.items = try items.decodeIfPresent(StringRules.self, forKey: .string)
    }
  }

  /// The size and uniqueness rules as checks on the whole list.
  func checks() -> [RuleCheck<[String]>] {
    var checks: [RuleCheck<[String]>] = []
    func add(_ requirement: String, _ test: @escaping ([String]) -> Bool) {
      checks.append(
        RuleCheck(requirement) { list in
          list.isEmpty && self.ignoreEmpty ? true : test(list)
        })
    }
    if let minItems, minItems > 0 {
      add("needs at least \(FormText.counted(minItems, "item"))") { $0.count >= minItems }
    }
    if let maxItems {
      add("takes at most \(FormText.counted(maxItems, "item"))") { $0.count <= maxItems }
    }
    if unique { add("cannot list the same item twice") { Set($0).count == $0.count } }
    return checks
  }
}
