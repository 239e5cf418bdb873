/// A text input: free text, a password, a choice from a list, or an id from a picker.
public struct StringField: Sendable, Hashable, Decodable {
  public enum View: Sendable, Hashable {
    case text(multiline: Bool)
    case password
    case select([SelectOption])
    /// The web app picks a user or resource here; at a terminal one types its id.
    case picker(String)
  }

  public var defaultValue: String?
  public var placeholder: String?
  public var rules: StringRules?
  public var view: View

  public init(
    defaultValue: String? = nil, placeholder: String? = nil, rules: StringRules? = nil,
    view: View = .text(multiline: false)
  ) {
    self.defaultValue = defaultValue
    self.placeholder = placeholder
    self.rules = rules
    self.view = view
  }

  private enum CodingKeys: String, CodingKey {
    case defaultValue, placeholder, rules, textField, passwordField, selectField, pickerField
  }

  private enum TextKeys: String, CodingKey { case multiline }
  private enum SelectKeys: String, CodingKey { case options }
  private enum PickerKeys: String, CodingKey { case appUserPicker, resourcePicker, c1UserPicker }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    defaultValue = try container.decodeNonEmptyStringIfPresent(forKey: .defaultValue)
    placeholder = try container.decodeNonEmptyStringIfPresent(forKey: .placeholder)
    rules = try container.decodeIfPresent(StringRules.self, forKey: .rules)
    if container.isOneofSet(forKey: .selectField) {
      let select = try container.nestedContainer(keyedBy: SelectKeys.self, forKey: .selectField)
      view = .select(
        try select.decodeArrayIfPresent([SelectOption].self, forKey: .options)
          .filter { !$0.value.isEmpty })
    } else if container.isOneofSet(forKey: .passwordField) {
      view = .password
    } else if container.isOneofSet(forKey: .pickerField) {
      let picker = try container.nestedContainer(keyedBy: PickerKeys.self, forKey: .pickerField)
      if picker.isOneofSet(forKey: .appUserPicker) {
        view = .picker("an app account id")
      } else if picker.isOneofSet(forKey: .resourcePicker) {
        view = .picker("a resource id")
      } else if picker.isOneofSet(forKey: .c1UserPicker) {
        view = .picker("a ConductorOne user id")
      } else {
        view = .picker("an id")
      }
    } else if container.isOneofSet(forKey: .textField) {
      let text = try container.nestedContainer(keyedBy: TextKeys.self, forKey: .textField)
      view = .text(multiline: try text.decodeIfPresent(Bool.self, forKey: .multiline) ?? false)
    } else {
      view = .text(multiline: false)
    }
  }
}

/// One choice of a select field: `value` is sent, `displayName` is shown.
public struct SelectOption: Sendable, Hashable, Decodable {
  public var value: String
  public var displayName: String
  public var description: String

  public init(value: String, displayName: String = "", description: String = "") {
    self.value = value
    self.displayName = displayName
    self.description = description
  }

  private enum CodingKeys: String, CodingKey { case value, displayName, description }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
    displayName = try container.decodeIfPresent(String.self, forKey: .displayName) ?? ""
    description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
  }

  /// The value with its display name when that says something more: `incident
  /// (Incident response)`.
  public var label: String {
    displayName.isEmpty || displayName == value ? value : "\(value) (\(displayName))"
  }
}
