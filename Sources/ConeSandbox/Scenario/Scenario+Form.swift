import Foundation

extension Scenario {
  /// A request form (C1 "request schema") bound to an entitlement.
  public struct Form: Sendable, Equatable, Decodable {
    public var displayName: String
    public var description: String?
    public var fields: [FormField]

    public init(displayName: String, description: String? = nil, fields: [FormField]) {
      self.displayName = displayName
      self.description = description
      self.fields = fields
    }
  }

  /// One form field. In YAML a flat map: `name`, `displayName`, `type` (string, select,
  /// int64, bool, strings), `required`, `default`, and the rules that fit the type.
  public struct FormField: Sendable, Equatable, Decodable {
    public var name: String
    public var displayName: String
    public var description: String?
    public var required: Bool
    public var kind: Kind

    public enum Kind: Sendable, Equatable {
      case text(TextRules)
      case select(options: [String], default: String?)
      case integer(IntegerRules)
      case boolean(default: Bool?, mustBe: Bool?)
      case list(ListRules)
    }

    /// Well-known string formats (protoc-gen-validate's `email`, `uuid`, `hostname`, `uri`).
    public enum TextFormat: String, Sendable, Equatable, Decodable {
      case email, uuid, hostname, uri
    }

    public struct TextRules: Sendable, Equatable {
      public var defaultValue: String?
      public var placeholder: String?
      public var pattern: String?
      public var minLength: Int?
      public var maxLength: Int?
      public var format: TextFormat?

      public init(
        defaultValue: String? = nil, placeholder: String? = nil, pattern: String? = nil,
        minLength: Int? = nil, maxLength: Int? = nil, format: TextFormat? = nil
      ) {
        self.defaultValue = defaultValue
        self.placeholder = placeholder
        self.pattern = pattern
        self.minLength = minLength
        self.maxLength = maxLength
        self.format = format
      }
    }

    public struct IntegerRules: Sendable, Equatable {
      public var defaultValue: Int64?
      public var min: Int64?
      public var max: Int64?

      public init(defaultValue: Int64? = nil, min: Int64? = nil, max: Int64? = nil) {
        self.defaultValue = defaultValue
        self.min = min
        self.max = max
      }
    }

    public struct ListRules: Sendable, Equatable {
      public var defaultValues: [String]?
      public var minItems: Int?
      public var maxItems: Int?
      public var unique: Bool
      public var itemFormat: TextFormat?
      public var itemPattern: String?

      public init(
        defaultValues: [String]? = nil, minItems: Int? = nil, maxItems: Int? = nil, unique: Bool = false,
        itemFormat: TextFormat? = nil, itemPattern: String? = nil
      ) {
        self.defaultValues = defaultValues
        self.minItems = minItems
        self.maxItems = maxItems
        self.unique = unique
        self.itemFormat = itemFormat
        self.itemPattern = itemPattern
      }
    }

    public init(name: String, displayName: String, description: String? = nil, required: Bool = false, kind: Kind) {
      self.name = name
      self.displayName = displayName
      self.description = description
      self.required = required
      self.kind = kind
    }

    private enum CodingKeys: String, CodingKey {
      case name, displayName, description, type, required, `default`, placeholder, pattern
      case minLength, maxLength, format, options, min, max, minItems, maxItems, unique, const
    }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      name = try container.decode(String.self, forKey: .name)
      displayName = try container.decodeIfPresent(String.self, forKey: .displayName) ?? name
      description = try container.decodeIfPresent(String.self, forKey: .description)
      required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
      let type = try container.decodeIfPresent(String.self, forKey: .type) ?? "string"
      let format = try container.decodeIfPresent(TextFormat.self, forKey: .format)
      let pattern = try container.decodeIfPresent(String.self, forKey: .pattern)
      if let pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
        throw DecodingError.dataCorruptedError(
          forKey: .pattern, in: container, debugDescription: "invalid regular expression \(pattern)")
      }
      switch type {
      case "string":
        kind = .text(TextRules(
          defaultValue: try container.decodeIfPresent(String.self, forKey: .default),
          placeholder: try container.decodeIfPresent(String.self, forKey: .placeholder),
          pattern: pattern,
          minLength: try container.decodeIfPresent(Int.self, forKey: .minLength),
          maxLength: try container.decodeIfPresent(Int.self, forKey: .maxLength),
          format: format))
      case "select":
        let options = try container.decode([String].self, forKey: .options)
        guard !options.isEmpty else {
          throw DecodingError.dataCorruptedError(forKey: .options, in: container, debugDescription: "a select needs options")
        }
        kind = .select(options: options, default: try container.decodeIfPresent(String.self, forKey: .default))
      case "int64":
        kind = .integer(IntegerRules(
          defaultValue: try container.decodeIfPresent(Int64.self, forKey: .default),
          min: try container.decodeIfPresent(Int64.self, forKey: .min),
          max: try container.decodeIfPresent(Int64.self, forKey: .max)))
      case "bool":
        kind = .boolean(
          default: try container.decodeIfPresent(Bool.self, forKey: .default),
          mustBe: try container.decodeIfPresent(Bool.self, forKey: .const))
      case "strings":
        kind = .list(ListRules(
          defaultValues: try container.decodeIfPresent([String].self, forKey: .default),
          minItems: try container.decodeIfPresent(Int.self, forKey: .minItems),
          maxItems: try container.decodeIfPresent(Int.self, forKey: .maxItems),
          unique: try container.decodeIfPresent(Bool.self, forKey: .unique) ?? false,
          itemFormat: format,
          itemPattern: pattern))
      default:
        throw DecodingError.dataCorruptedError(
          forKey: .type, in: container,
          debugDescription: "unknown field type \"\(type)\": use string, select, int64, bool or strings")
      }
    }
  }
}
