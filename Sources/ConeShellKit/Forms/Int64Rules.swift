/// protoc-gen-validate's Int64Rules. When the lower bound is above the upper one the
/// range is reversed: the value must lie outside it.
public struct Int64Rules: Sendable, Hashable, Decodable {
  public var const: Int64?
  public var lessThan: Int64?
  public var lessThanOrEqual: Int64?
  public var greaterThan: Int64?
  public var greaterThanOrEqual: Int64?
  public var allowedValues: [Int64]
  public var forbiddenValues: [Int64]
  /// The rules apply only to a value that is not 0.
  public var ignoreEmpty: Bool

  public init(
    const: Int64? = nil, lessThan: Int64? = nil, lessThanOrEqual: Int64? = nil,
    greaterThan: Int64? = nil, greaterThanOrEqual: Int64? = nil, allowedValues: [Int64] = [],
    forbiddenValues: [Int64] = [], ignoreEmpty: Bool = false
  ) {
    self.const = const
    self.lessThan = lessThan
    self.lessThanOrEqual = lessThanOrEqual
    self.greaterThan = greaterThan
    self.greaterThanOrEqual = greaterThanOrEqual
    self.allowedValues = allowedValues
    self.forbiddenValues = forbiddenValues
    self.ignoreEmpty = ignoreEmpty
  }

  private enum CodingKeys: String, CodingKey {
    case const, lt, lte, gt, gte, `in`, notIn, ignoreEmpty
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    const = try container.decodeInt64IfPresent(forKey: .const)
    lessThan = try container.decodeInt64IfPresent(forKey: .lt)
    lessThanOrEqual = try container.decodeInt64IfPresent(forKey: .lte)
    greaterThan = try container.decodeInt64IfPresent(forKey: .gt)
    greaterThanOrEqual = try container.decodeInt64IfPresent(forKey: .gte)
    allowedValues = try container.decodeInt64ListIfPresent(forKey: .in)
    forbiddenValues = try container.decodeInt64ListIfPresent(forKey: .notIn)
    ignoreEmpty = try container.decodeIfPresent(Bool.self, forKey: .ignoreEmpty) ?? false
  }

  /// The rules as checks, with the web app's number-input bounds (`minValue`,
  /// `maxValue`, `step`) folded in, since the web app would not accept more either.
  func checks(minValue: Int64? = nil, maxValue: Int64? = nil, step: Int64? = nil) -> [RuleCheck<
    Int64
  >] {
    var checks: [RuleCheck<Int64>] = []
    func add(_ requirement: String, _ test: @escaping (Int64) -> Bool) {
      checks.append(
        RuleCheck(requirement) { value in
          value == 0 && self.ignoreEmpty ? true : test(value)
        })
    }
    if let const { add("must be \(const)") { $0 == const } }
    // Integers make every bound inclusive: > 0 is ≥ 1.
    let lower = [greaterThanOrEqual, greaterThan.map { $0 == .max ? $0 : $0 + 1 }].compactMap { $0 }
      .max()
    let upper = [lessThanOrEqual, lessThan.map { $0 == .min ? $0 : $0 - 1 }].compactMap { $0 }.min()
    let rawLower = greaterThanOrEqual ?? greaterThan
    let rawUpper = lessThanOrEqual ?? lessThan
    if let lower, let upper, let rawLower, let rawUpper, rawLower > rawUpper {
      add("must be at most \(upper) or at least \(lower)") { $0 <= upper || $0 >= lower }
      if let range = Self.range(lower: minValue, upper: maxValue) { add(range.0, range.1) }
    } else if let range = Self.range(
      lower: [lower, minValue].compactMap { $0 }.max(),
      upper: [upper, maxValue].compactMap { $0 }.min())
    {
      add(range.0, range.1)
    }
    if let step, step > 1 {
      let base = minValue ?? 0
      let examples = (0..<3).map { String(base &+ $0 &* step) }.joined(separator: ", ")
      add("must be one of \(examples), …") { value in
        let (offset, overflow) = value.subtractingReportingOverflow(base)
        return !overflow && offset % step == 0
      }
    }
    if !allowedValues.isEmpty {
      add("must be one of: \(allowedValues.map(String.init).joined(separator: ", "))") {
        allowedValues.contains($0)
      }
    }
    if !forbiddenValues.isEmpty {
      add("cannot be \(FormText.listed(forbiddenValues.map(String.init)))") {
        !forbiddenValues.contains($0)
      }
    }
    return checks
  }

  private static func range(lower: Int64?, upper: Int64?) -> (String, (Int64) -> Bool)? {
    switch (lower, upper) {
    case (let lower?, let upper?) where lower == upper: ("must be \(lower)", { $0 == lower })
    case (let lower?, let upper?):
      ("must be between \(lower) and \(upper)", { $0 >= lower && $0 <= upper })
    case (let lower?, nil): ("must be at least \(lower)", { $0 >= lower })
    case (nil, let upper?): ("must be at most \(upper)", { $0 <= upper })
    case (nil, nil): nil
    }
  }
}

extension KeyedDecodingContainer {
  /// A list of int64s, each a string or a number; absent or null is empty.
  func decodeInt64ListIfPresent(forKey key: Key) throws -> [Int64] {
    try decodeArrayIfPresent([JSONValue].self, forKey: key).map { item in
      guard let number = item.int64Value else {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: self, debugDescription: "expected int64 values, found \(item)")
      }
      return number
    }
  }
}
