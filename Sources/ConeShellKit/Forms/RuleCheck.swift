/// One rule as a person reads it ("must be between 1 and 4") and as the code tests it.
/// The same text serves the message for a refused value and the description of a form.
struct RuleCheck<Value> {
  var requirement: String
  var isSatisfied: (Value) -> Bool

  init(_ requirement: String, isSatisfied: @escaping (Value) -> Bool) {
    self.requirement = requirement
    self.isSatisfied = isSatisfied
  }
}

extension Array {
  /// "<subject> <requirement>" for each check `value` breaks.
  func messages<Value>(for value: Value, subject: String) -> [String]
  where Element == RuleCheck<Value> {
    filter { !$0.isSatisfied(value) }.map { "\(subject) \($0.requirement)" }
  }
}

/// Small pieces of wording shared by the forms' messages.
enum FormText {
  /// A literal from a rule in quotes, so that spaces and empty strings stay visible.
  static func quoted(_ text: String) -> String {
    "\"" + text + "\""
  }

  /// "a, b or c".
  static func listed(_ items: [String], conjunction: String = "or") -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
    }
  }

  /// "1 item", "3 items".
  static func counted(_ count: Int64, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }
}
