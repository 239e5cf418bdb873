/// One input of a request form. `name` is its key in requestData.
public struct FormField: Sendable, Hashable, Decodable {
  public enum Kind: Sendable, Hashable {
    case string(StringField)
    case bool(BoolField)
    case int64(Int64Field)
    case stringSlice(StringSliceField)
    /// A file, an OAuth2 sign-in, a string map or a kind this version does not know:
    /// nobody can fill these in at a terminal.
    case unsupported(UnsupportedField)
  }

  public var name: String
  public var displayName: String
  public var description: String
  /// The form's own `required` flag. `isRequired` also counts rules that make a field
  /// required.
  public var isMarkedRequired: Bool
  public var isReadOnly: Bool
  public var kind: Kind

  public init(
    name: String, displayName: String = "", description: String = "",
    isMarkedRequired: Bool = false, isReadOnly: Bool = false, kind: Kind
  ) {
    self.name = name
    self.displayName = displayName
    self.description = description
    self.isMarkedRequired = isMarkedRequired
    self.isReadOnly = isReadOnly
    self.kind = kind
  }

  private enum CodingKeys: String, CodingKey {
    case name, displayName, description, required, readOnly
    case stringField, boolField, int64Field, stringSliceField, fileField, oauth2Field,
      stringMapField
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
    displayName = try container.decodeIfPresent(String.self, forKey: .displayName) ?? ""
    description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
    isMarkedRequired = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
    isReadOnly = try container.decodeIfPresent(Bool.self, forKey: .readOnly) ?? false
    // The kind is a flattened oneof: the one key that holds an object.
    if container.isOneofSet(forKey: .stringField) {
      kind = .string(try container.decode(StringField.self, forKey: .stringField))
    } else if container.isOneofSet(forKey: .boolField) {
      kind = .bool(try container.decode(BoolField.self, forKey: .boolField))
    } else if container.isOneofSet(forKey: .int64Field) {
      kind = .int64(try container.decode(Int64Field.self, forKey: .int64Field))
    } else if container.isOneofSet(forKey: .stringSliceField) {
      kind = .stringSlice(try container.decode(StringSliceField.self, forKey: .stringSliceField))
    } else if container.isOneofSet(forKey: .fileField) {
      kind = .unsupported(.file)
    } else if container.isOneofSet(forKey: .oauth2Field) {
      kind = .unsupported(.oauth2)
    } else if container.isOneofSet(forKey: .stringMapField) {
      kind = .unsupported(.stringMap)
    } else {
      kind = .unsupported(.unknown)
    }
  }

  /// The name to show a person: the display name, else the name.
  public var title: String { displayName.isEmpty ? name : displayName }

  /// Whether the field must have a value. Besides the form's flag, a string whose
  /// rules ask for at least one character and a list that asks for at least one item
  /// count as required, as they do in cone, unless the rules apply only when the
  /// value is not empty.
  public var isRequired: Bool {
    if isMarkedRequired { return true }
    switch kind {
    case .string(let field):
      guard let rules = field.rules, !rules.ignoreEmpty else { return false }
      return (rules.minLength ?? 0) >= 1 || (rules.minBytes ?? 0) >= 1
    case .stringSlice(let field):
      guard let rules = field.rules, !rules.ignoreEmpty else { return false }
      return (rules.minItems ?? 0) >= 1
    case .bool, .int64, .unsupported:
      return false
    }
  }

  /// The value the form offers before anyone types, if any.
  public var defaultValue: FormValue? {
    switch kind {
    case .string(let field): field.defaultValue.map(FormValue.string)
    case .bool(let field): field.defaultValue.map(FormValue.bool)
    case .int64(let field): field.defaultValue.map(FormValue.int64)
    case .stringSlice(let field): field.defaultValues.isEmpty ? nil : .strings(field.defaultValues)
    case .unsupported: nil
    }
  }

  /// The options of a select field, else nil.
  public var selectOptions: [SelectOption]? {
    if case .string(let field) = kind { return field.selectOptions }
    return nil
  }

  /// The hint the web app shows in an empty input.
  public var placeholder: String? {
    switch kind {
    case .string(let field): field.placeholder
    case .int64(let field): field.placeholder
    case .stringSlice(let field): field.placeholder
    case .bool, .unsupported: nil
    }
  }

  /// A password: typed unseen, kept as typed, never in history or the summary.
  public var isSecret: Bool {
    if case .string(let field) = kind { return field.view == .password }
    return false
  }

  /// What the field is when nobody can fill it in here, else nil.
  public var unsupportedKind: UnsupportedField? {
    if case .unsupported(let kind) = kind { return kind }
    return nil
  }

  var isList: Bool {
    if case .stringSlice = kind { return true }
    return false
  }
}

/// A field kind this tool cannot fill in; its description says so.
public enum UnsupportedField: String, Sendable, Hashable {
  case file, oauth2, stringMap, unknown

  /// What the field asks for, in words.
  public var description: String {
    switch self {
    case .file: "a file upload"
    case .oauth2: "an OAuth2 sign-in"
    case .stringMap: "a set of key/value pairs"
    case .unknown: "a kind of field this version of cone-shell does not know"
    }
  }
}
