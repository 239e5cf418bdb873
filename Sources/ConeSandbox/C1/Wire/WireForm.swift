import Foundation

/// A request form as `RequestSchemaForm` / `c1.api.form.v1.Form`: fields with
/// protoc-gen-validate rules. Required text fields also get `minLen: "1"`, which is how cone
/// tells that a field is required.
struct WireForm: Encodable {
  let id: String
  let displayName: String
  let description: String?
  let fields: [WireField]

  init(_ form: RequestForm) {
    id = form.id
    displayName = form.form.displayName
    description = form.form.description
    fields = form.form.fields.map(WireField.init)
  }
}

struct WireField: Encodable {
  let name: String
  let displayName: String
  let description: String?
  let required: Bool?
  let stringField: StringField?
  let int64Field: Int64Field?
  let boolField: BoolField?
  let stringSliceField: StringSliceField?

  struct SelectOption: Encodable {
    let value: String
    let displayName: String
  }

  struct SelectView: Encodable {
    let type = "SELECT_TYPE_DROPDOWN"
    let options: [SelectOption]
  }

  struct StringRules: Encodable {
    var minLen: String?
    var maxLen: String?
    var pattern: String?
    var `in`: [String]?
    var email: Bool?
    var hostname: Bool?
    var uri: Bool?
    var uuid: Bool?

    init(_ rules: Scenario.FormField.TextRules, required: Bool) {
      let minimum = rules.minLength ?? (required ? 1 : nil)
      minLen = minimum.map(String.init)
      maxLen = rules.maxLength.map(String.init)
      pattern = rules.pattern
      switch rules.format {
      case .email: email = true
      case .hostname: hostname = true
      case .uri: uri = true
      case .uuid: uuid = true
      case nil: break
      }
    }

    init(options: [String], required: Bool) {
      minLen = required ? "1" : nil
      `in` = options
    }
  }

  struct StringField: Encodable {
    let defaultValue: String?
    let placeholder: String?
    let rules: StringRules
    let textField: EmptyObject?
    let selectField: SelectView?
  }

  struct Int64Rules: Encodable {
    let gte: String?
    let lte: String?
  }

  struct NumberView: Encodable {
    let minValue: String?
    let maxValue: String?
    let step = "1"
  }

  struct Int64Field: Encodable {
    let defaultValue: String?
    let rules: Int64Rules?
    let numberField: NumberView
  }

  struct BoolRules: Encodable {
    let const: Bool
  }

  struct BoolField: Encodable {
    let defaultValue: Bool?
    let rules: BoolRules?
    let checkboxField = EmptyObject()
  }

  struct ItemRules: Encodable {
    let string: StringRules
  }

  struct RepeatedRules: Encodable {
    let minItems: String?
    let maxItems: String?
    let unique: Bool?
    let items: ItemRules?
  }

  struct StringSliceField: Encodable {
    let defaultValues: [String]?
    let rules: RepeatedRules
    let chipsField = EmptyObject()
  }

  init(_ field: Scenario.FormField) {
    name = field.name
    displayName = field.displayName
    description = field.description
    required = field.required ? true : nil
    var string: StringField?
    var int64: Int64Field?
    var bool: BoolField?
    var slice: StringSliceField?
    switch field.kind {
    case .text(let rules):
      string = StringField(
        defaultValue: rules.defaultValue, placeholder: rules.placeholder,
        rules: StringRules(rules, required: field.required), textField: EmptyObject(), selectField: nil)
    case .select(let options, let defaultValue):
      string = StringField(
        defaultValue: defaultValue, placeholder: nil, rules: StringRules(options: options, required: field.required),
        textField: nil,
        selectField: SelectView(options: options.map { SelectOption(value: $0, displayName: $0) }))
    case .integer(let rules):
      let hasRules = rules.min != nil || rules.max != nil
      int64 = Int64Field(
        defaultValue: rules.defaultValue.map(String.init),
        rules: hasRules ? Int64Rules(gte: rules.min.map(String.init), lte: rules.max.map(String.init)) : nil,
        numberField: NumberView(minValue: rules.min.map(String.init), maxValue: rules.max.map(String.init)))
    case .boolean(let defaultValue, let mustBe):
      bool = BoolField(defaultValue: defaultValue, rules: mustBe.map(BoolRules.init))
    case .list(let rules):
      let itemRules = StringRules(
        Scenario.FormField.TextRules(pattern: rules.itemPattern, format: rules.itemFormat), required: false)
      let hasItemRules = rules.itemPattern != nil || rules.itemFormat != nil
      slice = StringSliceField(
        defaultValues: rules.defaultValues,
        rules: RepeatedRules(
          minItems: (rules.minItems ?? (field.required ? 1 : nil)).map(String.init),
          maxItems: rules.maxItems.map(String.init), unique: rules.unique ? true : nil,
          items: hasItemRules ? ItemRules(string: itemRules) : nil))
    }
    stringField = string
    int64Field = int64
    boolField = bool
    stringSliceField = slice
  }
}
