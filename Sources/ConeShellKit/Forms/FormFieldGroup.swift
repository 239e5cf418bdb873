/// A heading over some of a form's fields, with help text shown above them.
public struct FormFieldGroup: Sendable, Hashable, Decodable {
  public var name: String
  public var displayName: String
  public var helpText: String
  /// The group that takes fields no group lists.
  public var isDefault: Bool
  public var fieldNames: [String]

  public init(
    name: String, displayName: String = "", helpText: String = "", isDefault: Bool = false,
    fieldNames: [String]
  ) {
    self.name = name
    self.displayName = displayName
    self.helpText = helpText
    self.isDefault = isDefault
    self.fieldNames = fieldNames
  }

  private enum CodingKeys: String, CodingKey {
    case name, displayName, helpText
    case isDefault = "default"
    case fieldNames = "fields"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
    displayName = try container.decodeIfPresent(String.self, forKey: .displayName) ?? ""
    helpText = try container.decodeIfPresent(String.self, forKey: .helpText) ?? ""
    isDefault = try container.decodeIfPresent(Bool.self, forKey: .isDefault) ?? false
    fieldNames = try container.decodeArrayIfPresent([String].self, forKey: .fieldNames)
  }

  /// The heading to show: the display name, else the name.
  public var title: String { displayName.isEmpty ? name : displayName }
}
