extension FormField {
  /// The messages for every rule `value` breaks; nil or empty is no answer, which only
  /// a required field refuses (the other rules apply to what is sent).
  public func violations(of value: FormValue?) -> [String] {
    // A select's options and an `in` rule may say the same thing; say it once.
    var seen = Set<String>()
    return allViolations(of: value).filter { seen.insert($0).inserted }
  }

  private func allViolations(of value: FormValue?) -> [String] {
    guard let value, !value.isEmpty else {
      // An unanswered box is not ticked: it breaks a rule that it must be.
      if case .bool(let field) = kind, field.rules?.const == true {
        return [Self.boolMessage(const: true, subject: title)]
      }
      return isRequired ? ["\(title) is required"] : []
    }
    switch (kind, value) {
    case (.string(let field), .string(let text)):
      var messages = field.checks.messages(for: text, subject: title)
      if let options = field.selectOptions, !options.contains(where: { $0.value == text }) {
        messages.insert(
          "\(title) must be one of: \(options.map(\.value).joined(separator: ", "))", at: 0)
      }
      return messages
    case (.bool(let field), .bool(let answer)):
      guard let const = field.rules?.const, answer != const else { return [] }
      return [Self.boolMessage(const: const, subject: title)]
    case (.int64(let field), .int64(let number)):
      return field.checks.messages(for: number, subject: title)
    case (.stringSlice(let field), .strings(let items)):
      return (field.rules?.checks() ?? []).messages(for: items, subject: title)
        + items.flatMap(itemViolations)
    case (.unsupported(let kind), _):
      return ["\(title) is \(kind.description), which cannot be filled in here"]
    default:
      return ["\(title) takes \(expectedValue)"]
    }
  }

  /// The messages for the rules one item of a list breaks.
  public func itemViolations(_ item: String) -> [String] {
    guard case .stringSlice(let field) = kind, let rules = field.rules?.items else { return [] }
    return rules.checks(example: field.placeholder).messages(
      for: item, subject: "\(title) item \(FormText.quoted(item))")
  }

  /// The field's rules in words, for a description of the form: "must be between 1
  /// and 4", "each item must be an e-mail address".
  public var requirements: [String] {
    switch kind {
    case .string(let field):
      return field.checks.map(\.requirement) + (field.rules?.uncheckedRules ?? [])
    case .bool(let field):
      return field.rules?.const.map { ["must be \($0 ? "yes" : "no")"] } ?? []
    case .int64(let field):
      return field.checks.map(\.requirement)
    case .stringSlice(let field):
      guard let rules = field.rules else { return [] }
      let items =
        rules.items.map {
          $0.checks(example: field.placeholder).map { "each item \($0.requirement)" }
        } ?? []
      return rules.checks().map(\.requirement) + items + (rules.items?.uncheckedRules ?? [])
    case .unsupported:
      return []
    }
  }

  /// What a value of this field looks like, in words.
  public var expectedValue: String {
    switch kind {
    case .string(let field):
      switch field.view {
      case .select: "one of the options"
      case .password: "a secret text"
      case .picker(let what): what
      case .text: "text"
      }
    case .bool: "yes or no"
    case .int64: "a whole number"
    case .stringSlice: "a list of text items"
    case .unsupported(let kind): kind.description
    }
  }

  private static func boolMessage(const: Bool, subject: String) -> String {
    const ? "You must accept: \(subject)" : "\(subject) must be no"
  }
}

extension StringField {
  /// The rules as checks; the placeholder or default serves as the pattern's example.
  var checks: [RuleCheck<String>] {
    rules?.checks(example: placeholder ?? defaultValue) ?? []
  }

  var selectOptions: [SelectOption]? {
    if case .select(let options) = view, !options.isEmpty { return options }
    return nil
  }
}

extension Int64Field {
  var checks: [RuleCheck<Int64>] {
    (rules ?? Int64Rules()).checks(minValue: minValue, maxValue: maxValue, step: step)
  }
}
