extension FormField {
  /// The value typed for this field, as at a prompt or in `--field NAME=VALUE`; nil for
  /// an empty answer. Text is trimmed (a password is kept as typed); a select accepts
  /// an option's value or display name in any case, or its number in the list; a bool
  /// accepts y/yes/true/1/on and n/no/false/0/off; a list takes items separated by
  /// commas.
  public func value(parsing text: String) throws(FormInputError) -> FormValue? {
    let trimmed = text.trimmingWhitespace
    switch kind {
    case .string(let field):
      if isSecret { return text.isEmpty ? nil : .string(text) }
      guard !trimmed.isEmpty else { return nil }
      return .string(field.selectOptions.map { Self.resolve(trimmed, in: $0) } ?? trimmed)
    case .bool:
      guard !trimmed.isEmpty else { return nil }
      guard let answer = Self.bool(parsing: trimmed) else {
        throw .invalidValue(
          field: name, message: "\(title) takes yes or no, not \(FormText.quoted(trimmed))")
      }
      return .bool(answer)
    case .int64:
      guard !trimmed.isEmpty else { return nil }
      guard let number = Int64(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed)
      else {
        throw .invalidValue(
          field: name, message: "\(title) takes a whole number, not \(FormText.quoted(trimmed))")
      }
      return .int64(number)
    case .stringSlice:
      let items = trimmed.split(separator: ",").map { $0.trimmingWhitespace }.filter {
        !$0.isEmpty
      }
      return items.isEmpty ? nil : .strings(items)
    case .unsupported(let kind):
      throw .unsupportedField(name, kind)
    }
  }

  /// The value for this field in a `--form-data` object, its JSON type checked; nil for
  /// null. An int64 may be a JSON number or, as C1 writes int64s, a string.
  public func value(json: JSONValue) throws(FormInputError) -> FormValue? {
    if json == .null { return nil }
    let wrongType = FormInputError.invalidValue(
      field: name,
      message: "--form-data: \(FormText.quoted(name)) takes \(jsonType), not \(Self.render(json))")
    switch kind {
    case .string:
      guard let text = json.stringValue else { throw wrongType }
      return .string(text)
    case .bool:
      guard let answer = json.boolValue else { throw wrongType }
      return .bool(answer)
    case .int64:
      guard let number = json.int64Value else { throw wrongType }
      return .int64(number)
    case .stringSlice:
      guard let items = json.arrayValue?.map(\.stringValue), !items.contains(nil) else {
        throw wrongType
      }
      return .strings(items.compactMap { $0 })
    case .unsupported(let kind):
      throw .unsupportedField(name, kind)
    }
  }

  /// The option whose value, display name (in any case) or number is `text`, else the
  /// text unchanged for validation to refuse.
  static func resolve(_ text: String, in options: [SelectOption]) -> String {
    if options.contains(where: { $0.value == text }) { return text }
    let folded = text.lowercased()
    if let option = options.first(where: {
      $0.value.lowercased() == folded || $0.displayName.lowercased() == folded
    }) {
      return option.value
    }
    if let number = Int(text), options.indices.contains(number - 1) {
      return options[number - 1].value
    }
    return text
  }

  static func bool(parsing text: String) -> Bool? {
    switch text.lowercased() {
    case "y", "yes", "true", "1", "on": true
    case "n", "no", "false", "0", "off": false
    default: nil
    }
  }

  private var jsonType: String {
    switch kind {
    case .string: "a string"
    case .bool: "true or false"
    case .int64: "a whole number"
    case .stringSlice: "an array of strings"
    case .unsupported(let kind): kind.description
    }
  }

  private static func render(_ json: JSONValue) -> String {
    switch json {
    case .null: "null"
    case .bool(let value): String(value)
    case .integer(let value): String(value)
    case .number(let value): String(value)
    case .string(let value): FormText.quoted(value)
    case .array: "an array"
    case .object: "an object"
    }
  }
}
