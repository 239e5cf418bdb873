/// A whole-number input.
public struct Int64Field: Sendable, Hashable, Decodable {
  public var defaultValue: Int64?
  public var placeholder: String?
  public var rules: Int64Rules?
  /// The web app's number input bounds; they bind here as rules do.
  public var minValue: Int64?
  public var maxValue: Int64?
  public var step: Int64?

  public init(
    defaultValue: Int64? = nil, placeholder: String? = nil, rules: Int64Rules? = nil,
    minValue: Int64? = nil, maxValue: Int64? = nil, step: Int64? = nil
  ) {
    self.defaultValue = defaultValue
    self.placeholder = placeholder
    self.rules = rules
    self.minValue = minValue
    self.maxValue = maxValue
    self.step = step
  }

  private enum CodingKeys: String, CodingKey {
    case defaultValue, placeholder, rules, numberField
  }

  private enum NumberKeys: String, CodingKey { case minValue, maxValue, step }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    defaultValue = try container.decodeInt64IfPresent(forKey: .defaultValue)
    placeholder = try container.decodeNonEmptyStringIfPresent(forKey: .placeholder)
    rules = try container.decodeIfPresent(Int64Rules.self, forKey: .rules)
    if container.isOneofSet(forKey: .numberField) {
      let number = try container.nestedContainer(keyedBy: NumberKeys.self, forKey: .numberField)
      minValue = try number.decodeInt64IfPresent(forKey: .minValue)
      maxValue = try number.decodeInt64IfPresent(forKey: .maxValue)
      step = try number.decodeInt64IfPresent(forKey: .step)
    }
  }
}
