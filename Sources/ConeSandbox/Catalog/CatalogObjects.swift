import Crypto
import Foundation

/// A person in the tenant.
struct CatalogUser: Sendable {
  let id: String
  let email: String
  let displayName: String
}

/// A personal client credential from the scenario: its key is derived from its name and its
/// user's e-mail, so a scenario file always yields the same secret.
struct ScenarioClient: Sendable {
  let name: String
  let userId: String
  /// The Ed25519 seed (keys themselves are not Sendable).
  let seed: Data

  var privateKey: Curve25519.Signing.PrivateKey {
    // A 32-byte seed is always a valid Ed25519 private key.
    try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
  }
}

/// An app (AWS, GitHub…) as C1 lists it.
struct CatalogApp: Sendable {
  let id: String
  let displayName: String
  let description: String
  let connectorId: String
}

struct CatalogResourceType: Sendable {
  let id: String
  let appId: String
  let displayName: String
}

struct CatalogResource: Sendable {
  let id: String
  let appId: String
  let resourceTypeId: String
  let displayName: String
  let description: String?
}

/// A request policy shared by the entitlements that use it.
struct GrantPolicy: Sendable {
  let id: String
  let displayName: String
  let description: String
}

/// A request form as C1 stores it: a request schema with an ID.
struct RequestForm: Sendable {
  let id: String
  let form: Scenario.Form
}

/// An AWS account in IAM Identity Center.
struct AWSAccount: Sendable {
  let id: String
  let name: String
  let email: String
}

/// What an AWS entitlement assigns: a permission set in an account, and the role
/// IAM Identity Center creates for it (`AWSReservedSSO_<PermissionSet>_<suffix>`).
struct AWSRole: Sendable {
  let accountId: String
  let accountName: String
  let permissionSetName: String
  let permissionSetARN: String
  let roleId: String
  let roleSuffix: String

  var roleName: String { "AWSReservedSSO_\(permissionSetName)_\(roleSuffix)" }
}

/// A requestable entitlement with everything its requests need.
struct CatalogEntitlement: Sendable {
  let id: String
  let appId: String
  let resourceTypeId: String
  let resourceId: String
  let displayName: String
  let description: String
  let alias: String?
  let policy: Scenario.Policy
  let policyId: String
  let approverId: String?
  let requestSchemaId: String?
  let maxGrant: TimeInterval?
  let provisioningDelay: TimeInterval
  let processingDelay: TimeInterval
  let sessionLength: TimeInterval
  let sourceConnectorIds: [String: String]
  let aws: AWSRole?
  /// Lower-cased app, resource and entitlement names, for the catalog's fuzzy query.
  let searchText: String
}
