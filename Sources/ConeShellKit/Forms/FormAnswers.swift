#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The values given for a form, by field name, and the requestData they make.
///
/// Without a terminal they come from flags: `--form-data '<JSON object>'` first, then
/// each `--field NAME=VALUE` over it. A list field takes items separated by commas, and
/// `--field` may repeat for it to add more (`--field notify=a@x --field notify=b@x`);
/// any other field takes one `--field`.
public struct FormAnswers: Sendable, Hashable {
  public let form: RequestForm
  public private(set) var values: [String: FormValue] = [:]

  public init(form: RequestForm) {
    self.form = form
  }

  /// Parses `--form-data` and `--field` values; checks names and types but not the
  /// form's rules (see `violations()` and `validatedRequestData()`).
  public init(form: RequestForm, fieldArguments: [String], formData: String? = nil)
    throws(FormInputError)
  {
    self.init(form: form)
    if let formData { try merge(formData: formData) }
    var fromFlags: [String: FormValue] = [:]
    for argument in fieldArguments {
      guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
        throw .malformedArgument(argument)
      }
      let field = try settableField(String(argument[..<equals]))
      let value = try field.value(parsing: String(argument[argument.index(after: equals)...]))
      switch (fromFlags[field.name], value) {
      case (.strings(let earlier)?, .strings(let more)?):
        fromFlags[field.name] = .strings(earlier + more)
      case (_?, _) where !field.isList: throw .repeatedField(field.name)
      case (_, let value?): fromFlags[field.name] = value
      case (_, nil): break
      }
    }
    values.merge(fromFlags) { _, flag in flag }
  }

  public subscript(name: String) -> FormValue? {
    get { values[name] }
    set { values[name] = newValue?.isEmpty == true ? nil : newValue }
  }

  /// Gives each field without a value its default, read-only fields included.
  public mutating func applyDefaults() {
    for field in form.fields where values[field.name] == nil {
      if let value = field.defaultValue { values[field.name] = value }
    }
  }

  /// Every rule the answers break: each field's own rules (required fields included)
  /// and the relationships between fields. Read-only fields are not checked; the form
  /// sets them.
  public func violations() -> [FormViolation] {
    let fieldViolations = form.orderedFields.filter { !$0.isReadOnly }.flatMap { field in
      field.violations(of: values[field.name]).map {
        FormViolation(fieldNames: [field.name], message: $0)
      }
    }
    return fieldViolations + relationshipViolations()
  }

  /// The broken relationships between fields (fill in together, at least one, only
  /// one, this one needs that one).
  public func relationshipViolations() -> [FormViolation] {
    form.fieldRelationships.compactMap { relationship in
      let names = relationship.fieldNames
      let titles = names.map { form.field(named: $0)?.title ?? $0 }
      let given = names.filter(isAnswered)
      let message: String? =
        switch relationship.kind {
        case .requiredTogether where !given.isEmpty && given.count < names.count:
          "Fill in all of \(FormText.listed(titles, conjunction: "and")), or none of them"
        case .atLeastOne where given.isEmpty:
          "Fill in at least one of \(FormText.listed(titles))"
        case .mutuallyExclusive where given.count > 1:
          "Fill in only one of \(FormText.listed(titles))"
        case .dependentOn(let dependencies)
        where !given.isEmpty && !dependencies.allSatisfy(isAnswered):
          "\(FormText.listed(given.map { form.field(named: $0)?.title ?? $0 }, conjunction: "and")) "
            + "\(given.count == 1 ? "needs" : "need") "
            + "\(FormText.listed(dependencies.map { form.field(named: $0)?.title ?? $0 }, conjunction: "and")) filled in too"
        default:
          nil
        }
      return message.map { FormViolation(fieldNames: names, message: $0) }
    }
  }

  /// The answers as C1's requestData: an object keyed by field name, numbers as JSON
  /// numbers, lists as arrays, bools as bools.
  public var requestData: JSONValue {
    .object(values.mapValues(\.json))
  }

  /// The requestData when no rule is broken.
  public func validatedRequestData() throws(FormInputError) -> JSONValue {
    let violations = violations()
    guard violations.isEmpty else { throw .brokenRules(violations) }
    return requestData
  }

  /// A field counts as filled in when it has a value; a bool only when it is yes.
  func isAnswered(_ name: String) -> Bool {
    switch values[name] {
    case nil: false
    case .bool(let answer)?: answer
    case let value?: !value.isEmpty
    }
  }

  private mutating func merge(formData: String) throws(FormInputError) {
    let json: JSONValue
    do {
      json = try JSONDecoder().decode(JSONValue.self, from: Data(formData.utf8))
    } catch {
      throw .malformedFormData("it is not valid JSON")
    }
    guard let object = json.objectValue else { throw .malformedFormData("it is not an object") }
    for (name, item) in object.sorted(by: { $0.key < $1.key }) {
      guard let field = form.fields.first(where: { $0.name == name }) else {
        throw .unknownField(name, known: form.fields.map(\.name))
      }
      if field.isReadOnly { throw .readOnlyField(field.name) }
      self[field.name] = try field.value(json: item)
    }
  }

  /// The field a `--field` name means; an error that lists the names when there is none.
  private func settableField(_ name: String) throws(FormInputError) -> FormField {
    guard let field = form.field(named: name) else {
      throw .unknownField(name, known: form.fields.map(\.name))
    }
    if field.isReadOnly { throw .readOnlyField(field.name) }
    if let kind = field.unsupportedKind { throw .unsupportedField(field.name, kind) }
    return field
  }
}
