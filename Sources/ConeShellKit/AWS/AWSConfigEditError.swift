/// An edit cone-shell refused to make, so that no caller can break the file or inject
/// a section or key, even by mistake. The file is left unchanged.
public enum AWSConfigEditError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A new section's name must be one word that every AWS tool reads the same way.
  case invalidName(String)
  /// Keys are lower-case letters, digits, `_`, `-` and `.`.
  case invalidKey(String)
  /// `problem` says what is wrong with the value.
  case invalidValue(key: String, value: String, problem: String)
  /// The same key was given twice (to set, or to set and remove).
  case repeatedKey(String)
  /// An argument `AWSCredentialProcess.commandLine` cannot quote safely.
  case invalidArgument(String, problem: String)
  /// The section would inherit a `[DEFAULT]` value the AWS CLI cannot read.
  case inheritsBrokenDefault(AWSConfigParseError)
  /// Reading the edited section back did not give exactly the edit.
  case unsafeEdit(section: String)

  public var description: String {
    switch self {
    case .invalidName(let name):
      return "cannot write the name \(String(reflecting: name)) to the AWS config: use only letters, digits "
        + "and . _ @ + / - (AWSConfigSanitizer.profileName makes such a name)"
    case .invalidKey(let key):
      return "cannot write the key \(String(reflecting: key)) to the AWS config: keys are lower-case letters, "
        + "digits, '_', '-' and '.'"
    case .invalidValue(let key, let value, let problem):
      return "cannot write \(String(reflecting: value)) as \(key) to the AWS config: it \(problem); "
        + "clean values from an API with AWSConfigSanitizer.value"
    case .repeatedKey(let key):
      return "the key \(String(reflecting: key)) is given twice for one section of the AWS config"
    case .invalidArgument(let argument, let problem):
      return "cannot put the argument \(String(reflecting: argument)) in a credential_process line: it \(problem)"
    case .inheritsBrokenDefault(let error):
      return "cannot add or change this section of the AWS config: it would inherit a broken [DEFAULT] value "
        + "(\(error)); fix that line first"
    case .unsafeEdit(let section):
      return "could not edit [\(section)] in the AWS config without changing how the AWS CLI reads it; "
        + "the file was left unchanged"
    }
  }
}
