import Crypto
import Foundation

/// The compiled scenario: every object with its ID, and the indexes requests need. Immutable;
/// what changes (tasks, grants, tokens) lives in `Tenant`.
struct Catalog: Sendable {
  /// Catalog objects carry a fixed creation time so that responses are reproducible.
  static let epoch = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z

  let settings: Scenario.Settings
  let tenantId: String
  /// `ssoins-…` of the IAM Identity Center instance, in permission set ARNs.
  private let ssoInstance: String
  private(set) var users: [CatalogUser] = []
  private(set) var clients: [ScenarioClient] = []
  private(set) var apps: [CatalogApp] = []
  private(set) var resourceTypes: [String: CatalogResourceType] = [:]
  private(set) var resources: [String: CatalogResource] = [:]
  private(set) var entitlements: [CatalogEntitlement] = []
  private(set) var forms: [String: RequestForm] = [:]
  private(set) var policies: [String: GrantPolicy] = [:]
  private(set) var accounts: [AWSAccount] = []
  private var userIndex: [String: Int] = [:]
  private var emailIndex: [String: Int] = [:]
  private var appIndex: [String: Int] = [:]
  private var entitlementIndex: [String: Int] = [:]
  private var roleIndex: [String: Int] = [:]
  /// IDs already derived, by kind and name: deriving is the costly part of a large catalog.
  private var idsByName: [String: String] = [:]

  init(scenario: Scenario) throws(ScenarioError) {
    settings = scenario.settings
    tenantId = Identifier.ksuid("tenant:\(scenario.settings.tenant)")
    ssoInstance = Identifier.hex("sso-instance:\(scenario.settings.tenant)", count: 8)
    try addUsers(scenario.users)
    try addAccounts(scenario.accounts)
    var permissionSets: [String: Scenario.PermissionSet] = [:]
    for set in scenario.permissionSets {
      guard permissionSets.updateValue(set, forKey: set.name) == nil else {
        throw ScenarioError("permission set \"\(set.name)\" is listed twice")
      }
    }
    var definitions = scenario.entitlements
    if let generator = scenario.generate {
      definitions += generate(generator, permissionSets: &permissionSets)
    }
    for definition in definitions {
      try addEntitlement(definition, permissionSets: permissionSets)
    }
  }

  // MARK: Lookups

  func user(id: String) -> CatalogUser? { userIndex[id].map { users[$0] } }
  func user(email: String) -> CatalogUser? { emailIndex[email.lowercased()].map { users[$0] } }
  func app(id: String) -> CatalogApp? { appIndex[id].map { apps[$0] } }
  func entitlement(id: String) -> CatalogEntitlement? { entitlementIndex[id].map { entitlements[$0] } }

  /// The AWS entitlement behind `role_name` in `account_id` (the permission set's name).
  func awsEntitlement(accountId: String, permissionSet: String) -> CatalogEntitlement? {
    roleIndex["\(accountId)/\(permissionSet)"].map { entitlements[$0] }
  }

  /// The user's account in an app (one per app and user, as a directory sync creates).
  func appUserId(appId: String, userId: String) -> String {
    Identifier.ksuid("app-user:\(appId):\(userId)")
  }

  // MARK: Building

  private mutating func addUsers(_ definitions: [Scenario.User]) throws(ScenarioError) {
    var clientNames: Set<String> = []
    for definition in definitions {
      let email = definition.email.lowercased()
      guard !email.isEmpty else { throw ScenarioError("a user has no e-mail") }
      guard emailIndex[email] == nil else { throw ScenarioError("user \(definition.email) is listed twice") }
      let user = CatalogUser(
        id: Identifier.ksuid("user:\(email)"), email: definition.email, displayName: definition.displayName)
      userIndex[user.id] = users.count
      emailIndex[email] = users.count
      users.append(user)
      if let name = definition.client {
        guard !name.isEmpty, !name.contains("@"), !name.contains("/") else {
          throw ScenarioError("client name \"\(name)\" of \(definition.email) must be non-empty, without @ or /")
        }
        guard clientNames.insert(name).inserted else { throw ScenarioError("client \"\(name)\" is listed twice") }
        let seed = SHA256.hash(data: Data("cone-sandbox client\u{0}\(name)\u{0}\(email)".utf8))
        clients.append(ScenarioClient(name: name, userId: user.id, seed: Data(seed)))
      }
    }
  }

  private mutating func addAccounts(_ definitions: [Scenario.Account]) throws(ScenarioError) {
    for account in definitions {
      guard account.id.count == 12, account.id.allSatisfy(\.isASCIIDigit) else {
        throw ScenarioError("account \"\(account.name)\": id must be 12 digits, not \"\(account.id)\"")
      }
      guard !accounts.contains(where: { $0.id == account.id || $0.name == account.name }) else {
        throw ScenarioError("account \"\(account.name)\" (\(account.id)) is listed twice")
      }
      accounts.append(AWSAccount(
        id: account.id, name: account.name, email: account.email ?? "aws-\(account.id)@example.com"))
    }
  }

  private func generate(
    _ generator: Scenario.Generator, permissionSets: inout [String: Scenario.PermissionSet]
  ) -> [Scenario.Entitlement] {
    let setNames = (1...max(1, generator.permissionSets)).map { String(format: "GeneratedRole%04d", $0) }
    for name in setNames where permissionSets[name] == nil {
      permissionSets[name] = Scenario.PermissionSet(name: name)
    }
    var result: [Scenario.Entitlement] = []
    for number in 1...max(1, generator.accounts) {
      let accountName = String(format: "Generated%04d", number)
      for setName in setNames {
        result.append(Scenario.Entitlement(
          target: .aws(account: accountName, permissionSet: setName), policy: generator.policy,
          maxGrant: generator.maxGrant))
      }
    }
    return result
  }

  private mutating func addEntitlement(
    _ definition: Scenario.Entitlement, permissionSets: [String: Scenario.PermissionSet]
  ) throws(ScenarioError) {
    let app: CatalogApp
    let resourceType: CatalogResourceType
    let resource: CatalogResource
    let displayName: String
    let aws: AWSRole?
    var sessionLength: TimeInterval = 3600
    switch definition.target {
    case .aws(let accountName, let setName):
      let account = try awsAccount(named: accountName)
      guard let set = permissionSets[setName] else {
        throw ScenarioError("entitlement \(accountName)/\(setName): no permission set \"\(setName)\"")
      }
      sessionLength = set.sessionLength
      app = ensureApp("AWS", description: "Amazon Web Services (IAM Identity Center), synced by baton-aws.")
      resourceType = ensureResourceType("Account", app: app)
      resource = ensureResource(account.name, description: "AWS account \(account.id)", type: resourceType)
      displayName = "\(set.name) Permission Set"
      let instance = ssoInstance
      aws = AWSRole(
        accountId: account.id, accountName: account.name, permissionSetName: set.name,
        permissionSetARN: "arn:aws:sso:::permissionSet/ssoins-\(instance)/ps-\(Identifier.hex("permission-set:\(set.name)", count: 8))",
        roleId: "AROA" + Identifier.upperAlphanumeric("role:\(account.id):\(set.name)", count: 17),
        roleSuffix: Identifier.hex("role-suffix:\(account.id):\(set.name)", count: 8))
    case .app(let appName, let typeName, let resourceName, let entitlementName):
      app = ensureApp(appName, description: appName)
      resourceType = ensureResourceType(typeName, app: app)
      resource = ensureResource(resourceName, description: nil, type: resourceType)
      displayName = entitlementName
      aws = nil
    }
    let id = Identifier.ksuid("entitlement:\(resource.id):\(displayName)")
    guard entitlementIndex[id] == nil else {
      throw ScenarioError("entitlement \"\(displayName)\" on \"\(resource.displayName)\" is listed twice")
    }
    let (policyId, approverId) = try ensurePolicy(definition.policy)
    var requestSchemaId: String?
    if let form = definition.form {
      let formId = Identifier.ksuid("request-schema:\(id)")
      forms[formId] = RequestForm(id: formId, form: form)
      requestSchemaId = formId
    }
    let defaultProcessing: TimeInterval = definition.policy == .auto ? 0.5 : 0
    let sourceValue = aws.map { "\($0.accountId)|\($0.permissionSetARN)" } ?? "\(resource.displayName)|\(displayName)"
    let entitlement = CatalogEntitlement(
      id: id, appId: app.id, resourceTypeId: resourceType.id, resourceId: resource.id,
      displayName: displayName,
      description: definition.description ?? "\(displayName) on \(resource.displayName)",
      alias: definition.alias, policy: definition.policy, policyId: policyId, approverId: approverId,
      requestSchemaId: requestSchemaId, maxGrant: definition.maxGrant,
      provisioningDelay: definition.provisioningDelay,
      processingDelay: definition.processingDelay ?? defaultProcessing,
      sessionLength: definition.sessionLength ?? sessionLength,
      sourceConnectorIds: [app.connectorId: sourceValue], aws: aws,
      searchText: "\(app.displayName) \(resource.displayName) \(displayName)".lowercased())
    entitlementIndex[id] = entitlements.count
    if let aws {
      roleIndex["\(aws.accountId)/\(aws.permissionSetName)"] = entitlements.count
    }
    entitlements.append(entitlement)
  }

  private mutating func awsAccount(named name: String) throws(ScenarioError) -> AWSAccount {
    if let account = accounts.first(where: { $0.name == name || $0.id == name }) {
      return account
    }
    // Generated entitlements name accounts that the generator creates on the fly.
    guard name.hasPrefix("Generated"), let number = Int(name.dropFirst("Generated".count)) else {
      throw ScenarioError("entitlement on account \"\(name)\": no such account")
    }
    let account = AWSAccount(
      id: String(format: "9%011d", number), name: name, email: "aws-generated-\(number)@example.com")
    accounts.append(account)
    return account
  }

  private mutating func ensureApp(_ name: String, description: String) -> CatalogApp {
    if let id = idsByName["app\u{0}\(name)"], let app = app(id: id) { return app }
    let id = Identifier.ksuid("app:\(name)")
    idsByName["app\u{0}\(name)"] = id
    let app = CatalogApp(
      id: id, displayName: name, description: description, connectorId: Identifier.ksuid("connector:\(name)"))
    appIndex[id] = apps.count
    apps.append(app)
    return app
  }

  private mutating func ensureResourceType(_ name: String, app: CatalogApp) -> CatalogResourceType {
    if let id = idsByName["type\u{0}\(app.id)\u{0}\(name)"], let type = resourceTypes[id] { return type }
    let id = Identifier.ksuid("resource-type:\(app.id):\(name)")
    idsByName["type\u{0}\(app.id)\u{0}\(name)"] = id
    let type = CatalogResourceType(id: id, appId: app.id, displayName: name)
    resourceTypes[id] = type
    return type
  }

  private mutating func ensureResource(
    _ name: String, description: String?, type: CatalogResourceType
  ) -> CatalogResource {
    if let id = idsByName["resource\u{0}\(type.id)\u{0}\(name)"], let resource = resources[id] { return resource }
    let id = Identifier.ksuid("resource:\(type.id):\(name)")
    idsByName["resource\u{0}\(type.id)\u{0}\(name)"] = id
    let resource = CatalogResource(
      id: id, appId: type.appId, resourceTypeId: type.id, displayName: name, description: description)
    resources[id] = resource
    return resource
  }

  private mutating func ensurePolicy(_ policy: Scenario.Policy) throws(ScenarioError) -> (String, String?) {
    if policy == .auto, let id = idsByName["policy\u{0}auto"] { return (id, nil) }
    let grantPolicy: GrantPolicy
    var approverId: String?
    switch policy {
    case .auto:
      grantPolicy = GrantPolicy(
        id: Identifier.ksuid("policy:auto"), displayName: "Auto-approve",
        description: "Requests are approved and provisioned without review.")
    case .deny:
      grantPolicy = GrantPolicy(
        id: Identifier.ksuid("policy:deny"), displayName: "Deny",
        description: "Requests are denied by policy.")
    case .approval(let email):
      guard let approver = user(email: email) else {
        throw ScenarioError("approver \(email) is not a user of the scenario")
      }
      approverId = approver.id
      grantPolicy = GrantPolicy(
        id: Identifier.ksuid("policy:approval:\(approver.id)"), displayName: "Approval by \(approver.displayName)",
        description: "\(approver.displayName) approves or denies each request.")
    }
    policies[grantPolicy.id] = grantPolicy
    if policy == .auto { idsByName["policy\u{0}auto"] = grantPolicy.id }
    return (grantPolicy.id, approverId)
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
