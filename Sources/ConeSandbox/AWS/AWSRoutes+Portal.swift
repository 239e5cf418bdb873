import Foundation
import HTTPTypes
import Hummingbird

extension AWSRoutes {
  private static let bearerHeader = HTTPField.Name("x-amz-sso_bearer_token")!

  private struct RoleCredentialsResponse: Encodable {
    struct Credentials: Encodable {
      let accessKeyId: String
      let secretAccessKey: String
      let sessionToken: String
      /// Epoch milliseconds.
      let expiration: Int64
    }

    let roleCredentials: Credentials
  }

  @Sendable func getRoleCredentials(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    guard let roleName = request.query("role_name"), let accountId = request.query("account_id") else {
      throw AWSError.invalidRequest("role_name and account_id are required")
    }
    let credential = try await tenant.issueRoleCredentials(
      token: request.headers[Self.bearerHeader], accountId: accountId, roleName: roleName)
    return try respond(RoleCredentialsResponse(roleCredentials: .init(
      accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey,
      sessionToken: credential.sessionToken,
      expiration: Int64((credential.expiresAt.timeIntervalSince1970 * 1000).rounded(.down)))))
  }

  /// `max_result` (1–100, default 20) and the `next_token` position.
  private func page(_ request: Request) throws(AWSError) -> (start: Int, size: Int) {
    var size = 20
    if let text = request.query("max_result") {
      guard let value = Int(text), (1...100).contains(value) else {
        throw .invalidRequest("max_result must be between 1 and 100")
      }
      size = value
    }
    var start = 0
    if let token = request.query("next_token"), !token.isEmpty {
      guard let position = PageToken.decode(token) else { throw .invalidRequest("Invalid next token") }
      start = position
    }
    return (start, size)
  }

  private struct AccountsResponse: Encodable {
    struct Account: Encodable {
      let accountId: String
      let accountName: String
      let emailAddress: String
    }

    let accountList: [Account]
    let nextToken: String?
  }

  @Sendable func listAccounts(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    let (start, size) = try page(request)
    let accounts = try await tenant.accounts(token: request.headers[Self.bearerHeader])
    let slice = accounts.dropFirst(start).prefix(size)
    return try respond(AccountsResponse(
      accountList: slice.map { .init(accountId: $0.id, accountName: $0.name, emailAddress: $0.email) },
      nextToken: start + size < accounts.count ? PageToken.encode(start + size) : nil))
  }

  private struct RolesResponse: Encodable {
    struct Role: Encodable {
      let roleName: String
      let accountId: String
    }

    let roleList: [Role]
    let nextToken: String?
  }

  @Sendable func listAccountRoles(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    guard let accountId = request.query("account_id") else { throw AWSError.invalidRequest("account_id is required") }
    let (start, size) = try page(request)
    let roles = try await tenant.roles(token: request.headers[Self.bearerHeader], accountId: accountId)
    let slice = roles.dropFirst(start).prefix(size)
    return try respond(RolesResponse(
      roleList: slice.map { .init(roleName: $0.permissionSetName, accountId: $0.accountId) },
      nextToken: start + size < roles.count ? PageToken.encode(start + size) : nil))
  }

  @Sendable func logout(_ request: Request, context: SandboxRequestContext) async throws -> Response {
    try await tenant.logout(token: request.headers[Self.bearerHeader])
    var headers = HTTPFields()
    headers[.init("x-amzn-RequestId")!] = UUID().uuidString.lowercased()
    return SandboxResponse.bytes([], contentType: "application/json", headers: headers)
  }
}
