import Foundation

/// Checks `requestData` against a form's rules, as C1 does before a form step completes.
/// A failure is grpc InvalidArgument with a message naming the field and the rule.
enum FormValidator {
  static func validate(_ data: [String: WireJSON], against form: Scenario.Form) throws(C1Error) {
    for name in data.keys.sorted() where !form.fields.contains(where: { $0.name == name }) {
      throw C1Error(.invalidArgument, "invalid request data: \"\(name)\" is not a field of the form")
    }
    for field in form.fields {
      if let problem = problem(with: data[field.name], for: field) {
        throw C1Error(.invalidArgument, "invalid request data: field \"\(field.name)\" (\(field.displayName)) \(problem)")
      }
    }
  }

  /// What is wrong with `value` for `field`, or nil.
  static func problem(with value: WireJSON?, for field: Scenario.FormField) -> String? {
    guard let value, value != .null else {
      return field.required ? "is required" : nil
    }
    switch field.kind {
    case .text(let rules):
      guard let text = value.stringValue else { return "must be a string" }
      if text.isEmpty { return field.required ? "is required" : nil }
      return problem(with: text, rules: rules)
    case .select(let options, _):
      guard let text = value.stringValue else { return "must be a string" }
      if text.isEmpty { return field.required ? "is required" : nil }
      return options.contains(text) ? nil : "must be one of \(options.joined(separator: ", "))"
    case .integer(let rules):
      guard let number = value.integerValue else { return "must be a whole number" }
      if let min = rules.min, number < min { return "must be at least \(min)" }
      if let max = rules.max, number > max { return "must be at most \(max)" }
      return nil
    case .boolean(_, let mustBe):
      guard let flag = value.boolValue else { return "must be true or false" }
      if let mustBe, flag != mustBe { return "must be \(mustBe)" }
      return nil
    case .list(let rules):
      guard let items = value.arrayValue else { return "must be a list of strings" }
      let texts = items.compactMap(\.stringValue)
      guard texts.count == items.count else { return "must be a list of strings" }
      if texts.isEmpty, field.required { return "is required" }
      if let min = rules.minItems, texts.count < min { return "must have at least \(min) items" }
      if let max = rules.maxItems, texts.count > max { return "must have at most \(max) items" }
      if rules.unique, Set(texts).count != texts.count { return "must not repeat an item" }
      for text in texts {
        let itemRules = Scenario.FormField.TextRules(pattern: rules.itemPattern, format: rules.itemFormat)
        if let problem = problem(with: text, rules: itemRules) {
          return "item \"\(text)\" \(problem)"
        }
      }
      return nil
    }
  }

  private static func problem(with text: String, rules: Scenario.FormField.TextRules) -> String? {
    if let min = rules.minLength, text.count < min { return "must be at least \(min) characters" }
    if let max = rules.maxLength, text.count > max { return "must be at most \(max) characters" }
    if let pattern = rules.pattern, !matches(text, pattern) { return "must match the pattern \(pattern)" }
    if let format = rules.format, !matches(text, format) { return "must be \(format.phrase)" }
    return nil
  }

  private static func matches(_ text: String, _ pattern: String) -> Bool {
    guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
    return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }

  private static func matches(_ text: String, _ format: Scenario.FormField.TextFormat) -> Bool {
    switch format {
    case .email: matches(text, #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#)
    case .uuid: UUID(uuidString: text) != nil
    case .hostname: matches(text, #"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"#)
    case .uri: URL(string: text)?.scheme != nil
    }
  }
}

extension Scenario.FormField.TextFormat {
  var phrase: String {
    switch self {
    case .email: "an e-mail address"
    case .uuid: "a UUID"
    case .hostname: "a host name"
    case .uri: "a URI"
    }
  }
}
