/// Values for a form that cannot be used, from `--field`, `--form-data` or the
/// answers as a whole; each message says what to change.
public enum FormInputError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A `--field` argument without `NAME=VALUE`.
  case malformedArgument(String)
  case unknownField(String, known: [String])
  case readOnlyField(String)
  /// A field nobody can fill in here (a file, an OAuth2 sign-in…).
  case unsupportedField(String, UnsupportedField)
  /// A single-valued field given more than once.
  case repeatedField(String)
  /// A value of the wrong type: `message` says which type is expected.
  case invalidValue(field: String, message: String)
  case malformedFormData(String)
  /// The values parse but break the form's rules.
  case brokenRules([FormViolation])

  public var description: String {
    switch self {
    case .malformedArgument(let argument):
      "--field takes NAME=VALUE, not \(FormText.quoted(argument))"
    case .unknownField(let name, let known):
      "the form has no field \(FormText.quoted(name)); its fields are: \(known.joined(separator: ", "))"
    case .readOnlyField(let name):
      "\(name) is read-only: the form sets it"
    case .unsupportedField(let name, let kind):
      "\(name) is \(kind.description), which cannot be given here; fill the form in the ConductorOne web app"
    case .repeatedField(let name):
      "\(name) was given more than once; it takes one value"
    case .invalidValue(_, let message):
      message
    case .malformedFormData(let reason):
      "--form-data must be a JSON object of field names and values: \(reason)"
    case .brokenRules(let violations):
      violations.map(\.message).joined(separator: "\n")
    }
  }
}
