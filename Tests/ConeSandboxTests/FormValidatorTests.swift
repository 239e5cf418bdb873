import Testing

@testable import ConeSandbox

@Suite struct FormValidatorTests {
  let form = Scenario.default.entitlements.compactMap(\.form).first!
  let good: [String: WireJSON] = [
    "ticket": .string("OPS-123"), "reason": .string("change"), "hours": .number(4),
    "notify": .array([.string("a@example.com")]), "acknowledge": .bool(true),
  ]

  func message(_ data: [String: WireJSON]) -> String? {
    do {
      try FormValidator.validate(data, against: form)
      return nil
    } catch {
      #expect(error.code == .invalidArgument)
      return error.message
    }
  }

  @Test func goodDataPasses() {
    #expect(message(good) == nil)
    var minimal = good
    minimal["hours"] = nil
    minimal["notify"] = nil
    #expect(message(minimal) == nil)
    minimal["hours"] = .string("2")  // int64 may travel as a string
    #expect(message(minimal) == nil)
  }

  @Test(arguments: [
    ("ticket", WireJSON.string("OPS123"), "must match the pattern"),
    ("ticket", .string(""), "is required"),
    ("ticket", .number(5), "must be a string"),
    ("reason", .string("boredom"), "must be one of incident, change, audit"),
    ("hours", .number(0), "must be at least 1"),
    ("hours", .number(5), "must be at most 4"),
    ("hours", .number(2.5), "must be a whole number"),
    ("notify", .array([.string("x")]), "item \"x\" must be an e-mail address"),
    ("notify", .array(Array(repeating: .string("a@example.com"), count: 4)), "must have at most 3 items"),
    ("notify", .string("a@example.com"), "must be a list of strings"),
    ("acknowledge", .bool(false), "must be true"),
    ("acknowledge", .string("yes"), "must be true or false"),
  ])
  func breakingARuleNamesTheFieldAndTheRule(field: String, value: WireJSON, rule: String) throws {
    var data = good
    data[field] = value
    let text = try #require(message(data))
    #expect(text.contains("field \"\(field)\""))
    #expect(text.contains(rule))
  }

  @Test func missingRequiredAndUnknownFields() {
    var data = good
    data["acknowledge"] = nil
    #expect(message(data)?.contains("\"acknowledge\" (I acknowledge the production access policy) is required") == true)
    data = good
    data["extra"] = .string("x")
    #expect(message(data)?.contains("\"extra\" is not a field of the form") == true)
  }
}
