import Foundation
import Testing

@testable import ConeSandbox

@Suite struct ScenarioTests {
  @Test func builtInDefaultMirrorsTheSeed() throws {
    let scenario = Scenario.default
    #expect(scenario.users.map(\.email) == ["alice@example.com", "bob@example.com"])
    #expect(scenario.users[0].client != nil && scenario.users[1].client == nil)
    #expect(scenario.accounts.map(\.id) == ["111111111111", "222222222222"])
    let catalog = try Catalog(scenario: scenario)
    let profiles = catalog.entitlements.compactMap { entitlement -> String? in
      guard let role = entitlement.aws else { return nil }
      return "\(role.accountName)-\(role.permissionSetName)".lowercased()
    }
    #expect(profiles == [
      "production-readonlyaccess", "production-administratoraccess", "production-databaseadministrator",
      "staging-poweruseraccess", "staging-billingaccess",
    ])
    let byProfile = Dictionary(uniqueKeysWithValues: zip(profiles, catalog.entitlements))
    #expect(byProfile["production-readonlyaccess"]?.policy == .auto)
    #expect(byProfile["production-readonlyaccess"]?.maxGrant == 28_800)
    #expect(byProfile["production-administratoraccess"]?.policy == .approval(approver: "bob@example.com"))
    #expect(byProfile["production-administratoraccess"]?.maxGrant == 7_200)
    #expect(byProfile["production-databaseadministrator"]?.requestSchemaId != nil)
    #expect(byProfile["production-databaseadministrator"]?.maxGrant == 14_400)
    #expect(byProfile["staging-poweruseraccess"]?.provisioningDelay == 5)
    #expect(byProfile["staging-billingaccess"]?.policy == .deny)
    #expect(byProfile["staging-billingaccess"]?.maxGrant == 3_600)
    #expect(catalog.entitlements.contains { $0.aws == nil && $0.displayName == "Maintainer" })
  }

  @Test func builtInDefaultIsTheShippedFile() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Sources/ConeSandbox/Scenario/default.yaml").standardizedFileURL
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text == Scenario.defaultYAML)
    #expect(try Scenario(yaml: text) == Scenario.default)
  }

  @Test func formFieldsOfTheDatabaseEntitlement() throws {
    let form = try #require(Scenario.default.entitlements.first { $0.form != nil }?.form)
    #expect(form.fields.map(\.name) == ["ticket", "reason", "hours", "notify", "acknowledge"])
    #expect(form.fields[0].required)
    #expect(form.fields[0].kind == .text(.init(placeholder: "OPS-123", pattern: "^[A-Z]+-[0-9]+$")))
    #expect(form.fields[1].kind == .select(options: ["incident", "change", "audit"], default: nil))
    #expect(form.fields[2].kind == .integer(.init(defaultValue: 1, min: 1, max: 4)))
    #expect(form.fields[3].kind == .list(.init(maxItems: 3, itemFormat: .email)))
    #expect(form.fields[4].kind == .boolean(default: nil, mustBe: true))
  }

  @Test func idsAndClientKeysAreStableForAScenario() throws {
    let first = try Catalog(scenario: .default)
    let second = try Catalog(scenario: try Scenario(yaml: Scenario.defaultYAML))
    #expect(first.entitlements.map(\.id) == second.entitlements.map(\.id))
    #expect(first.users.map(\.id) == second.users.map(\.id))
    #expect(first.clients[0].seed == second.clients[0].seed)
    #expect(first.entitlements.allSatisfy { $0.id.count == 27 })
    #expect(Set(first.entitlements.map(\.id)).count == first.entitlements.count)
  }

  @Test func generatorMakesEveryPair() throws {
    let scenario = try Scenario(yaml: "generate: {accounts: 100, permissionSets: 100, policy: auto}\n")
    let catalog = try Catalog(scenario: scenario)
    #expect(catalog.entitlements.count == 10_000)
    #expect(catalog.accounts.count == 100)
    #expect(catalog.awsEntitlement(accountId: "900000000100", permissionSet: "GeneratedRole0100") != nil)
  }

  @Test(arguments: [
    ("entitlements: [{account: Nowhere, permissionSet: X}]", "no such account"),
    ("accounts: [{id: '1', name: A}]", "must be 12 digits"),
    ("accounts: [{id: '111111111111', name: A}]\nentitlements: [{account: A, permissionSet: X}]", "no permission set"),
    (
      "accounts: [{id: '111111111111', name: A}]\npermissionSets: [{name: X}]\n"
        + "entitlements: [{account: A, permissionSet: X, policy: approval, approver: who@example.com}]",
      "approver who@example.com is not a user"
    ),
    ("entitlements: [{app: G, resource: r, name: n, policy: maybe}]", "unknown policy \"maybe\""),
    ("entitlements: [{app: G, resource: r, name: n, policy: approval}]", "needs an approver"),
    ("entitlements: [{app: G, resource: r, name: n, maxGrant: soon}]", "invalid duration \"soon\""),
    ("entitlements: [{app: G, resource: r, name: n, form: {displayName: F, fields: [{name: a, type: colour}]}}]", "unknown field type"),
    ("entitlements: [{app: G, resource: r, name: n, form: {displayName: F, fields: [{name: a, pattern: '('}]}}]", "invalid regular expression"),
    ("users: [{email: a@example.com}, {email: A@example.com}]", "listed twice"),
    ("entitlements: [{resource: r}]", "an entitlement needs account"),
    ("users: [", "invalid YAML"),
  ])
  func badScenariosAreExplained(yaml: String, message: String) {
    #expect {
      try Scenario(yaml: yaml)
    } throws: { error in
      (error as? ScenarioError)?.message.contains(message) == true
    }
  }

  @Test func hostileNamesAreKeptVerbatim() throws {
    let yaml = """
      accounts: [{id: "333333333333", name: "Prod [eu]\\n=#1; \\"x\\""}]
      permissionSets: [{name: "Read\\"Only=[x];#\\\\"}]
      entitlements: [{account: "333333333333", permissionSet: "Read\\"Only=[x];#\\\\"}]
      """
    let catalog = try Catalog(scenario: try Scenario(yaml: yaml))
    #expect(catalog.entitlements[0].displayName == "Read\"Only=[x];#\\ Permission Set")
    #expect(catalog.accounts[0].name == "Prod [eu]\n=#1; \"x\"")
  }
}
