import Foundation
import Hummingbird

/// AWS IAM Identity Center as botocore speaks it: SSO OIDC (`sso-oidc`), the SSO portal
/// (`sso`) and STS `GetCallerIdentity` (docs/aws-sso.md §1, §2, §6).
struct AWSRoutes {
  let tenant: Tenant
  let scheme: String
  let listenHost: String

  var catalog: Catalog { tenant.catalog }

  func register(on router: RouterGroup<SandboxRequestContext>) {
    router.post("/client/register", use: registerClient)
    router.post("/device_authorization", use: startDeviceAuthorization)
    router.post("/token", use: createToken)
    router.get("/federation/credentials", use: getRoleCredentials)
    router.get("/assignment/accounts", use: listAccounts)
    router.get("/assignment/roles", use: listAccountRoles)
    router.post("/logout", use: logout)
    router.get("/federation", use: federation)
    router.post("/", use: sts)
    router.get("/", use: sts)
  }

  /// A JSON response with the request ID header AWS always sends.
  func respond(_ value: some Encodable) throws -> Response {
    var headers = HTTPFields()
    headers[.init("x-amzn-RequestId")!] = UUID().uuidString.lowercased()
    return try SandboxResponse.json(value, headers: headers)
  }

  /// A restJson1 body; members are camelCase only.
  func body(_ request: Request) async throws -> [String: WireJSON] {
    let bytes = try await request.bodyBytes()
    guard !bytes.isEmpty else { return [:] }
    guard let object = try? SandboxJSON.decoder.decode(WireJSON.self, from: Data(bytes)).objectValue else {
      throw AWSError.invalidOIDCRequest("The request body is not a JSON object")
    }
    return object
  }
}
