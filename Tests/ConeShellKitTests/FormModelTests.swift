import Testing

@testable import ConeShellBase
@testable import ConeShellKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

@Suite struct FormDecodingTests {
  @Test func theDatabaseAdministratorFormDecodes() throws {
    let form = try FormFixtures.databaseAdministratorForm()
    #expect(form.title == "Production database access")
    #expect(form.fields.map(\.name) == ["ticket", "reason", "hours", "notify", "acknowledge"])
    #expect(form.fields.map(\.isRequired) == [true, true, false, false, true])

    let ticket = form.fields[0]
    #expect(
      ticket.kind
        == .string(
          StringField(placeholder: "OPS-123", rules: StringRules(pattern: "^[A-Z]+-[0-9]+$"))))
    #expect(ticket.description == "The incident or change ticket this access is for.")

    #expect(
      form.fields[1].selectOptions == [
        SelectOption(value: "incident", displayName: "Incident response"),
        SelectOption(value: "change", displayName: "Planned change"),
        SelectOption(value: "audit", displayName: "Audit"),
      ])
    #expect(
      form.fields[2].kind
        == .int64(
          Int64Field(
            defaultValue: 1, rules: Int64Rules(lessThanOrEqual: 4, greaterThanOrEqual: 1),
            minValue: 1, maxValue: 4, step: 1)))
    #expect(
      form.fields[3].kind
        == .stringSlice(
          StringSliceField(
            placeholder: "name@example.com",
            rules: RepeatedRules(maxItems: 3, unique: true, items: StringRules(format: .email)))))
    #expect(
      form.fields[4].kind == .bool(BoolField(defaultValue: false, rules: BoolRules(const: true))))
    #expect(form.fields[4].defaultValue == .bool(false))
  }

  @Test func everyKindRuleAndRelationshipDecodesAndUnknownsAreIgnored() throws {
    let form = try FormFixtures.form(FormFixtures.everything)
    #expect(form.title == "everything")
    // The field without a name is dropped: it has no key in requestData.
    #expect(
      form.fields.map(\.name) == [
        "text", "secret", "owner", "header", "host", "count", "tags", "on", "upload", "login",
        "labels", "future", "env",
      ])
    let fields = Dictionary(uniqueKeysWithValues: form.fields.map { ($0.name, $0) })
    #expect(
      fields["text"]?.kind
        == .string(
          StringField(
            rules: StringRules(
              length: 5, minLength: 2, maxLength: 9, minBytes: 1, maxBytes: 40, pattern: "^a",
              prefix: "ab", suffix: "de",
              contains: "c", notContains: "x", allowedValues: ["abcde"], ignoreEmpty: true),
            view: .text(multiline: true))))
    #expect(fields["secret"]?.kind == .string(StringField(view: .password)))
    #expect(fields["owner"]?.kind == .string(StringField(view: .picker("a ConductorOne user id"))))
    #expect(
      fields["header"]?.kind
        == .string(StringField(rules: StringRules(format: .httpHeaderName(strict: false)))))
    #expect(fields["host"]?.kind == .string(StringField(rules: StringRules(format: .hostname))))
    #expect(
      fields["count"]?.kind
        == .int64(
          Int64Field(
            defaultValue: 3, placeholder: "3",
            rules: Int64Rules(
              lessThan: 10, greaterThan: 0, allowedValues: [1, 2, 3], forbiddenValues: [4]))))
    #expect(
      fields["tags"]?.kind
        == .stringSlice(
          StringSliceField(defaultValues: ["a"], rules: RepeatedRules(minItems: 1, maxItems: 2))))
    #expect(fields["tags"]?.isRequired == true)
    #expect(fields["on"]?.kind == .bool(BoolField(defaultValue: true)))
    #expect(fields["upload"]?.kind == .unsupported(.file))
    #expect(fields["login"]?.kind == .unsupported(.oauth2))
    #expect(fields["labels"]?.kind == .unsupported(.stringMap))
    #expect(fields["future"]?.kind == .unsupported(.unknown))
    #expect(fields["env"]?.isReadOnly == true)

    #expect(
      form.fieldGroups == [
        FormFieldGroup(
          name: "basics", displayName: "Basics", helpText: "Start here.",
          fieldNames: ["text", "count", "missing"]),
        FormFieldGroup(name: "rest", isDefault: true, fieldNames: []),
      ])
    #expect(
      form.fieldRelationships.map(\.kind) == [
        .requiredTogether, .atLeastOne, .mutuallyExclusive, .dependentOn(["host"]), .unknown,
      ])
  }

  @Test func groupsOrderTheFieldsAndTheDefaultGroupTakesTheRest() throws {
    let form = try FormFixtures.form(FormFixtures.everything)
    let sections = form.sections
    #expect(sections.map { $0.group?.name } == ["basics", "rest"])
    #expect(sections[0].fields.map(\.name) == ["text", "count"])
    #expect(sections[1].fields.first?.name == "secret")
    #expect(form.orderedFields.count == form.fields.count)
  }

  @Test func aRequestSchemaResponseDecodes() throws {
    let body =
      #"{"requestSchema":{"id":"rs-1","form":\#(FormFixtures.databaseAdministrator),"justificationVisibility":"JUSTIFICATION_VISIBILITY_HIDE","createdAt":"2025-01-02T03:04:05.123Z"}}"#
    let response = try JSONDecoder().decode(RequestSchema.Response.self, from: Data(body.utf8))
    #expect(response.requestSchema?.id == "rs-1")
    #expect(response.requestSchema?.hidesJustification == true)
    #expect(response.requestSchema?.form?.fields.count == 5)
  }

  @Test func aFormDecodesFromAJSONValue() throws {
    let json = try JSONDecoder().decode(
      JSONValue.self, from: Data(FormFixtures.databaseAdministrator.utf8))
    #expect(try RequestForm(json: json) == FormFixtures.databaseAdministratorForm())
  }

  @Test func emptyAndNullValuesMeanUnset() throws {
    let form = try FormFixtures.form(
      #"""
      {"id":null,"fields":[{"name":"a","stringField":{"defaultValue":"","rules":{"pattern":"","minLen":"","in":null}}}],
       "fieldGroups":null,"fieldRelationships":[]}
      """#)
    #expect(form.fields[0].kind == .string(StringField(rules: StringRules())))
    #expect(form.fields[0].defaultValue == nil)
  }

  @Test func aMalformedInt64IsAnError() {
    #expect(throws: DecodingError.self) {
      try FormFixtures.form(#"{"fields":[{"name":"n","int64Field":{"rules":{"gt":"ten"}}}]}"#)
    }
  }
}
