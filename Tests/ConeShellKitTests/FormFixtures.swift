@testable import ConeShellBase
@testable import ConeShellKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Request forms in C1's wire format (int64 as strings, flattened oneofs such as
/// `stringField`/`selectField`, `rules`), for the Form* tests.
enum FormFixtures {
  /// The form the sandbox serves for `production-databaseadministrator`.
  static let databaseAdministrator = """
    {
      "id": "2fYbDBAdminForm",
      "displayName": "Production database access",
      "description": "Tell the approvers why you need administrator access to the production databases.",
      "fields": [
        {
          "name": "ticket",
          "displayName": "Ticket",
          "description": "The incident or change ticket this access is for.",
          "required": true,
          "stringField": {
            "placeholder": "OPS-123",
            "rules": { "pattern": "^[A-Z]+-[0-9]+$" },
            "textField": {}
          }
        },
        {
          "name": "reason",
          "displayName": "Reason",
          "required": true,
          "stringField": {
            "selectField": {
              "type": "SELECT_TYPE_DROPDOWN",
              "options": [
                { "value": "incident", "displayName": "Incident response" },
                { "value": "change", "displayName": "Planned change" },
                { "value": "audit", "displayName": "Audit" }
              ]
            }
          }
        },
        {
          "name": "hours",
          "displayName": "Hours",
          "description": "How long you need the access.",
          "int64Field": {
            "defaultValue": "1",
            "rules": { "gte": "1", "lte": "4" },
            "numberField": { "minValue": "1", "maxValue": "4", "step": "1" }
          }
        },
        {
          "name": "notify",
          "displayName": "Notify",
          "description": "Who else should hear about this access.",
          "stringSliceField": {
            "placeholder": "name@example.com",
            "rules": { "maxItems": "3", "unique": true, "items": { "string": { "email": true } } },
            "chipsField": {}
          }
        },
        {
          "name": "acknowledge",
          "displayName": "I acknowledge the production access policy",
          "required": true,
          "boolField": { "defaultValue": false, "rules": { "const": true }, "checkboxField": {} }
        }
      ],
      "fieldGroups": [],
      "fieldRelationships": []
    }
    """

  /// Every field kind, rule and relationship, int64s both as strings and as numbers,
  /// and keys and enum values this version does not know.
  static let everything = """
    {
      "id": "everything",
      "displayName": "",
      "tenantId": "t-1",
      "futureKey": { "anything": [1, 2] },
      "fields": [
        {
          "name": "text",
          "displayName": "Text",
          "readOnly": false,
          "userConfig": {},
          "stringField": {
            "defaultValue": "",
            "placeholder": "",
            "rules": {
              "const": "", "len": "5", "minLen": 2, "maxLen": "9", "lenBytes": null,
              "minBytes": "1", "maxBytes": 40, "pattern": "^a", "prefix": "ab", "suffix": "de",
              "contains": "c", "notContains": "x", "in": ["abcde"], "notIn": [], "ignoreEmpty": true,
              "email": false, "wellKnownRegex": "SOMETHING_NEW"
            },
            "textField": { "multiline": true, "suffix": "chars" }
          }
        },
        { "name": "secret", "stringField": { "passwordField": {} } },
        { "name": "owner", "stringField": { "pickerField": { "c1UserPicker": {} } } },
        { "name": "header", "stringField": { "rules": { "wellKnownRegex": "HTTP_HEADER_NAME", "strict": false } } },
        { "name": "host", "stringField": { "rules": { "hostname": true } } },
        { "name": "count", "int64Field": { "defaultValue": 3, "placeholder": "3",
            "rules": { "const": null, "lt": 10, "gt": "0", "in": ["1", 2, "3"], "notIn": [4] } } },
        { "name": "tags", "stringSliceField": { "defaultValues": ["a"],
            "rules": { "minItems": 1, "maxItems": "2", "ignoreEmpty": false } } },
        { "name": "on", "boolField": { "defaultValue": true, "toggleField": {} } },
        { "name": "upload", "fileField": { "acceptedFileTypes": [".pdf"], "maxFileSize": "1024" } },
        { "name": "login", "oauth2Field": {} },
        { "name": "labels", "stringMapField": { "defaultValue": {} } },
        { "name": "future", "hologramField": {} },
        { "name": "", "displayName": "no name", "stringField": {} },
        { "name": "env", "displayName": "Environment", "readOnly": true,
          "stringField": { "defaultValue": "production" } }
      ],
      "fieldGroups": [
        { "name": "basics", "displayName": "Basics", "helpText": "Start here.", "fields": ["text", "count", "missing"] },
        { "name": "rest", "default": true, "fields": null }
      ],
      "fieldRelationships": [
        { "fieldNames": ["text", "secret"], "requiredTogether": {} },
        { "fieldNames": ["owner", "host"], "atLeastOne": {} },
        { "fieldNames": ["text", "header"], "mutuallyExclusive": {} },
        { "fieldNames": ["owner"], "dependentOn": { "dependencyFieldNames": ["host"] } },
        { "fieldNames": ["text"], "somedayRelationship": {} }
      ]
    }
    """

  static func form(_ json: String) throws -> RequestForm {
    try JSONDecoder().decode(RequestForm.self, from: Data(json.utf8))
  }

  static func databaseAdministratorForm() throws -> RequestForm {
    try form(databaseAdministrator)
  }
}
