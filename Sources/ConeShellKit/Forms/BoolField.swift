/// A yes/no input, a checkbox or toggle in the web app.
public struct BoolField: Sendable, Hashable, Decodable {
  public var defaultValue: Bool?
  public var rules: BoolRules?

  public init(defaultValue: Bool? = nil, rules: BoolRules? = nil) {
    self.defaultValue = defaultValue
    self.rules = rules
  }
}

/// The only rule a bool has: it must be this value (an "I accept" box).
public struct BoolRules: Sendable, Hashable, Decodable {
  public var const: Bool?

  public init(const: Bool? = nil) {
    self.const = const
  }
}
