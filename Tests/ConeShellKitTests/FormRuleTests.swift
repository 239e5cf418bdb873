import Testing

@testable import ConeShellBase
@testable import ConeShellKit

/// One rule, a value it accepts, one it refuses, and the message for the refusal.
struct FormRuleCase: Sendable, CustomTestStringConvertible {
  var name: String
  var field: FormField
  var good: FormValue
  var bad: FormValue
  var message: String

  var testDescription: String { name }

  static func string(
    _ name: String, _ rules: StringRules, good: String, bad: String, _ message: String,
    placeholder: String? = nil
  ) -> FormRuleCase {
    FormRuleCase(
      name: name,
      field: FormField(
        name: "f", displayName: "F",
        kind: .string(StringField(placeholder: placeholder, rules: rules))),
      good: .string(good), bad: .string(bad), message: message)
  }

  static func format(_ format: StringFormat, good: String, bad: String) -> FormRuleCase {
    string(
      "\(format)", StringRules(format: format), good: good, bad: bad,
      "F must be \(format.requirement)")
  }

  static func int64(
    _ name: String, _ rules: Int64Rules, good: Int64, bad: Int64, _ message: String,
    min: Int64? = nil, max: Int64? = nil, step: Int64? = nil
  ) -> FormRuleCase {
    FormRuleCase(
      name: name,
      field: FormField(
        name: "f", displayName: "F",
        kind: .int64(Int64Field(rules: rules, minValue: min, maxValue: max, step: step))),
      good: .int64(good), bad: .int64(bad), message: message)
  }

  static func list(
    _ name: String, _ rules: RepeatedRules, good: [String], bad: [String], _ message: String
  ) -> FormRuleCase {
    FormRuleCase(
      name: name,
      field: FormField(
        name: "f", displayName: "F", kind: .stringSlice(StringSliceField(rules: rules))),
      good: .strings(good), bad: .strings(bad), message: message)
  }

  static func bool(_ const: Bool, _ message: String) -> FormRuleCase {
    FormRuleCase(
      name: "bool const \(const)",
      field: FormField(
        name: "f", displayName: "F", kind: .bool(BoolField(rules: BoolRules(const: const)))),
      good: .bool(const), bad: .bool(!const), message: message)
  }
}

@Suite struct FormRuleTests {
  static let cases: [FormRuleCase] = [
    .string("const", StringRules(const: "prod"), good: "prod", bad: "dev", #"F must be "prod""#),
    .string(
      "len", StringRules(length: 3), good: "abc", bad: "ab", "F must be exactly 3 characters long"),
    .string(
      "len counts code points", StringRules(length: 1), good: "é", bad: "ee",
      "F must be exactly 1 character long"),
    .string(
      "minLen", StringRules(minLength: 3), good: "abc", bad: "ab",
      "F must be at least 3 characters long"),
    .string(
      "maxLen", StringRules(maxLength: 2), good: "ab", bad: "abc",
      "F must be at most 2 characters long"),
    .string(
      "lenBytes", StringRules(lengthInBytes: 2), good: "é", bad: "e",
      "F must be exactly 2 bytes long"),
    .string(
      "minBytes", StringRules(minBytes: 2), good: "é", bad: "e", "F must be at least 2 bytes long"),
    .string(
      "maxBytes", StringRules(maxBytes: 1), good: "e", bad: "é", "F must be at most 1 byte long"),
    .string(
      "pattern with the placeholder as example", StringRules(pattern: "^[A-Z]+-[0-9]+$"),
      good: "OPS-12", bad: "ops-12",
      "F must match ^[A-Z]+-[0-9]+$, e.g. OPS-123", placeholder: "OPS-123"),
    .string(
      "pattern is not anchored", StringRules(pattern: "[0-9]{3}"), good: "a123b", bad: "a12b",
      "F must match [0-9]{3}"),
    .string(
      "prefix", StringRules(prefix: "arn:"), good: "arn:aws", bad: "aws",
      #"F must start with "arn:""#),
    .string(
      "suffix", StringRules(suffix: ".com"), good: "a.com", bad: "a.org", #"F must end with ".com""#
    ),
    .string("contains", StringRules(contains: "-"), good: "a-b", bad: "ab", #"F must contain "-""#),
    .string(
      "notContains", StringRules(notContains: " "), good: "ab", bad: "a b",
      #"F must not contain " ""#),
    .string(
      "in", StringRules(allowedValues: ["a", "b"]), good: "b", bad: "c", "F must be one of: a, b"),
    .string(
      "notIn", StringRules(forbiddenValues: ["root", "admin"]), good: "bob", bad: "root",
      #"F cannot be "root" or "admin""#),
    .string(
      "ignoreEmpty skips the rules for an empty value",
      StringRules(minLength: 3, ignoreEmpty: true), good: "", bad: "ab",
      "F must be at least 3 characters long"),
    .string(
      "minLen 1 makes a field required", StringRules(minLength: 1), good: "a", bad: "",
      "F is required"),
    .format(.email, good: "first.last+tag@example.com", bad: "bob@"),
    .format(.email, good: "a@example.com", bad: "a@b@example.com"),
    .format(.hostname, good: "db-1.example.com.", bad: "-db.example.com"),
    .format(.hostname, good: "localhost", bad: "db_1.example.com"),
    .format(.ip, good: "2001:db8::1", bad: "db.example.com"),
    .format(.ipv4, good: "10.0.0.1", bad: "10.0.0.256"),
    .format(.ipv6, good: "::1", bad: "10.0.0.1"),
    .format(.uri, good: "https://example.com/a?b=c", bad: "example.com/a"),
    .format(.uriReference, good: "/a/b?c=%20", bad: "/a b"),
    .format(.address, good: "10.0.0.1", bad: "db..example.com"),
    .format(
      .uuid, good: "123e4567-e89b-12d3-a456-426614174000", bad: "123e4567e89b12d3a456426614174000"),
    .format(.httpHeaderName(strict: true), good: "X-Trace-Id", bad: "X Trace"),
    .format(.httpHeaderName(strict: false), good: "X Trace", bad: "X\nTrace"),
    .format(.httpHeaderValue(strict: true), good: "a\tb", bad: "a\u{1}b"),
    .int64("const", Int64Rules(const: 5), good: 5, bad: 4, "F must be 5"),
    .int64("lt", Int64Rules(lessThan: 5), good: 4, bad: 5, "F must be at most 4"),
    .int64("lte", Int64Rules(lessThanOrEqual: 5), good: 5, bad: 6, "F must be at most 5"),
    .int64("gt", Int64Rules(greaterThan: 0), good: 1, bad: 0, "F must be at least 1"),
    .int64("gte", Int64Rules(greaterThanOrEqual: 2), good: 2, bad: 1, "F must be at least 2"),
    .int64(
      "gte and lte", Int64Rules(lessThanOrEqual: 4, greaterThanOrEqual: 1), good: 4, bad: 5,
      "F must be between 1 and 4"),
    .int64(
      "reversed range", Int64Rules(lessThan: 5, greaterThan: 10), good: 11, bad: 7,
      "F must be at most 4 or at least 11"),
    .int64("in", Int64Rules(allowedValues: [1, 2]), good: 2, bad: 3, "F must be one of: 1, 2"),
    .int64("notIn", Int64Rules(forbiddenValues: [3]), good: 4, bad: 3, "F cannot be 3"),
    .int64(
      "ignoreEmpty lets 0 through", Int64Rules(greaterThan: 5, ignoreEmpty: true), good: 0, bad: 3,
      "F must be at least 6"),
    .int64(
      "number input bounds", Int64Rules(), good: 1, bad: 0, "F must be between 1 and 4", min: 1,
      max: 4),
    .int64(
      "number input step", Int64Rules(), good: 10, bad: 7, "F must be one of 0, 5, 10, …", min: 0,
      step: 5),
    .bool(true, "You must accept: F"),
    .bool(false, "F must be no"),
    .list(
      "minItems", RepeatedRules(minItems: 2), good: ["a", "b"], bad: ["a"],
      "F needs at least 2 items"),
    .list(
      "maxItems", RepeatedRules(maxItems: 3), good: ["a", "b", "c"], bad: ["a", "b", "c", "d"],
      "F takes at most 3 items"),
    .list(
      "unique", RepeatedRules(unique: true), good: ["a", "b"], bad: ["a", "a"],
      "F cannot list the same item twice"),
    .list(
      "items", RepeatedRules(items: StringRules(format: .email)), good: ["a@example.com"],
      bad: ["a@example.com", "bob"],
      #"F item "bob" must be an e-mail address, e.g. name@example.com"#),
    .list(
      "minItems 1 makes a list required", RepeatedRules(minItems: 1), good: ["a"], bad: [],
      "F is required"),
    FormRuleCase(
      name: "select options",
      field: FormField(
        name: "f", displayName: "F",
        kind: .string(
          StringField(view: .select([SelectOption(value: "x"), SelectOption(value: "y")])))),
      good: .string("y"), bad: .string("z"), message: "F must be one of: x, y"),
    FormRuleCase(
      name: "required flag",
      field: FormField(
        name: "f", displayName: "F", isMarkedRequired: true, kind: .int64(Int64Field())),
      good: .int64(0), bad: .strings([]), message: "F is required"),
  ]

  @Test(arguments: cases)
  func ruleAcceptsAGoodValueAndRefusesABadOneWithItsMessage(_ rule: FormRuleCase) {
    #expect(rule.field.violations(of: rule.good) == [])
    #expect(rule.field.violations(of: rule.bad) == [rule.message])
  }

  @Test func everyBrokenRuleIsReported() {
    let field = FormField(
      name: "f", displayName: "F",
      kind: .string(StringField(rules: StringRules(maxLength: 3, prefix: "a", suffix: "z"))))
    #expect(
      field.violations(of: .string("bcde")) == [
        "F must be at most 3 characters long", #"F must start with "a""#, #"F must end with "z""#,
      ])
  }

  @Test func anOptionalFieldWithoutAnAnswerBreaksNoRule() {
    let field = FormField(name: "f", kind: .string(StringField(rules: StringRules(pattern: "^x"))))
    #expect(field.violations(of: nil) == [])
    #expect(field.violations(of: .string("")) == [])
  }

  @Test func anUnreadablePatternIsReportedAndNotChecked() {
    let field = FormField(
      name: "f", displayName: "F",
      kind: .string(StringField(rules: StringRules(pattern: "(unclosed"))))
    #expect(field.violations(of: .string("anything")) == [])
    #expect(field.requirements.count == 1)
    #expect(field.requirements[0].hasPrefix("the pattern (unclosed cannot be checked here ("))
    #expect(field.requirements[0].hasSuffix("; ConductorOne checks it when the request is sent"))
  }

  @Test func aPatternExampleThatDoesNotMatchIsLeftOut() {
    let rules = StringRules(pattern: "^[0-9]+$")
    #expect(rules.checks(example: "e.g. 42").map(\.requirement) == ["must match ^[0-9]+$"])
  }

  @Test func aBoolThatMustBeTicked() {
    let field = FormField(
      name: "ok", displayName: "I agree", kind: .bool(BoolField(rules: BoolRules(const: true))))
    #expect(field.violations(of: nil) == ["You must accept: I agree"])
    #expect(field.requirements == ["must be yes"])
  }

  @Test func aValueOfTheWrongTypeIsRefused() {
    let field = FormField(name: "n", displayName: "N", kind: .int64(Int64Field()))
    #expect(field.violations(of: .string("2")) == ["N takes a whole number"])
  }
}
