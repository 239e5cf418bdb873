/// A list of strings, typed one item a line.
public struct StringSliceField: Sendable, Hashable, Decodable {
  public var defaultValues: [String]
  public var placeholder: String?
  public var rules: RepeatedRules?

  public init(defaultValues: [String] = [], placeholder: String? = nil, rules: RepeatedRules? = nil)
  {
    self.defaultValues = defaultValues
    self.placeholder = placeholder
    self.rules = rules
  }

  private enum CodingKeys: String, CodingKey { case defaultValues, placeholder, rules }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    defaultValues = try container.decodeArrayIfPresent([String].self, forKey: .defaultValues)
    placeholder = try container.decodeNonEmptyStringIfPresent(forKey: .placeholder)
    rules = try container.decodeIfPresent(RepeatedRules.self, forKey: .rules)
  }
}
