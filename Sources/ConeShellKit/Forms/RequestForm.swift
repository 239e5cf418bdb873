#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A request form as C1 attaches it to an entitlement through a request schema
/// (`RequestSchemaForm`, docs/c1-api.md §7). Decoding is tolerant: unknown keys and enum
/// values are ignored, and an unset value may be absent, null, "" or [].
public struct RequestForm: Sendable, Hashable, Decodable {
  public var id: String
  public var displayName: String
  public var description: String
  public var fields: [FormField]
  public var fieldGroups: [FormFieldGroup]
  public var fieldRelationships: [FormFieldRelationship]

  public init(
    id: String = "", displayName: String = "", description: String = "",
    fields: [FormField], fieldGroups: [FormFieldGroup] = [],
    fieldRelationships: [FormFieldRelationship] = []
  ) {
    self.id = id
    self.displayName = displayName
    self.description = description
    self.fields = fields
    self.fieldGroups = fieldGroups
    self.fieldRelationships = fieldRelationships
  }

  private enum CodingKeys: String, CodingKey {
    case id, displayName, description, fields, fieldGroups, fieldRelationships
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
    displayName = try container.decodeIfPresent(String.self, forKey: .displayName) ?? ""
    description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
    // A field without a name has no key in requestData; cone skips those too.
    fields = try container.decodeArrayIfPresent([FormField].self, forKey: .fields)
      .filter { !$0.name.isEmpty }
    fieldGroups = try container.decodeArrayIfPresent([FormFieldGroup].self, forKey: .fieldGroups)
    fieldRelationships = try container.decodeArrayIfPresent(
      [FormFieldRelationship].self, forKey: .fieldRelationships)
  }

  /// The form in a JSON value already decoded, such as the `form` of a request schema
  /// response.
  public init(json: JSONValue) throws {
    self = try JSONDecoder().decode(RequestForm.self, from: JSONEncoder().encode(json))
  }

  /// The field called `name`: its exact name, else the only one whose name or display
  /// name matches ignoring case.
  public func field(named name: String) -> FormField? {
    if let exact = fields.first(where: { $0.name == name }) { return exact }
    let folded = name.lowercased()
    let matches = fields.filter {
      $0.name.lowercased() == folded || $0.displayName.lowercased() == folded
    }
    return matches.count == 1 ? matches[0] : nil
  }

  /// The fields in the order a person meets them: group by group when the form has
  /// groups (fields in no group go to the default group, else to the end), otherwise
  /// in field order.
  public var sections: [FormSection] {
    guard !fieldGroups.isEmpty else { return [FormSection(group: nil, fields: fields)] }
    var placed = Set<String>()
    var sections = fieldGroups.map { group in
      let members = group.fieldNames.compactMap { name in
        placed.insert(name).inserted ? fields.first { $0.name == name } : nil
      }
      return FormSection(group: group, fields: members)
    }
    let loose = fields.filter { !placed.contains($0.name) }
    if !loose.isEmpty {
      if let index = fieldGroups.firstIndex(where: \.isDefault) {
        sections[index].fields += loose
      } else {
        sections.append(FormSection(group: nil, fields: loose))
      }
    }
    return sections.filter { !$0.fields.isEmpty }
  }

  /// Every field in display order.
  public var orderedFields: [FormField] {
    sections.flatMap(\.fields)
  }

  /// The title to show: the display name, else the id.
  public var title: String {
    displayName.isEmpty ? (id.isEmpty ? "Request form" : id) : displayName
  }
}

/// A run of fields shown together, under a group's heading when there is one.
public struct FormSection: Sendable, Hashable {
  public var group: FormFieldGroup?
  public var fields: [FormField]
}
