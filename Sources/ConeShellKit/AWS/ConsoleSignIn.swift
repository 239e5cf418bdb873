import ConeShellBase

/// An AWS console sign-in link from role credentials, through the federation endpoint:
/// `getSigninToken` with the credentials, then the `login` URL that carries the token.
/// The link signs anyone who has it in for 15 minutes, so it is a secret: never logged.
public struct ConsoleSignIn: Sendable {
  public let transport: HTTPTransport
  public let redactor: Redactor
  /// The federation endpoint: the partition's, or `CONE_SHELL_FEDERATION_ENDPOINT`.
  public let endpoint: String

  public static let endpointVariable = "CONE_SHELL_FEDERATION_ENDPOINT"

  public init(partition: AWSPartition, environment: Environment, transport: HTTPTransport, redactor: Redactor) {
    endpoint = environment[Self.endpointVariable] ?? partition.federationEndpoint
    self.transport = transport
    self.redactor = redactor
  }

  /// The sign-in URL for `credentials`, landing on `destination`.
  public func link(credentials: CredentialCache.Entry, destination: String) async throws -> String {
    redactor.register(credentials.secretAccessKey)
    redactor.register(credentials.sessionToken)
    let session = JSONText.object([
      ("sessionId", JSONText.quote(credentials.accessKeyID)), ("sessionKey", JSONText.quote(credentials.secretAccessKey)),
      ("sessionToken", JSONText.quote(credentials.sessionToken ?? "")),
    ])
    let request = HTTPRequest(
      .get, endpoint + "?Action=getSigninToken&Session=" + FormURLEncoding.escape(session))
    let response = try await transport.send(request)
    guard response.isSuccess else {
      throw ConsoleSignInError.refused(endpoint: endpoint, status: response.status, message: String(response.text.prefix(200)))
    }
    guard let token = (try? JSONValue.decoded(from: response.body))?["SigninToken"]?.stringValue, !token.isEmpty else {
      throw ConsoleSignInError.malformed(endpoint: endpoint)
    }
    redactor.register(token)
    return endpoint + "?Action=login&Issuer=cone-shell&Destination=" + FormURLEncoding.escape(destination)
      + "&SigninToken=" + FormURLEncoding.escape(token)
  }
}

/// The federation endpoint did not give a sign-in token.
public enum ConsoleSignInError: Error, CustomStringConvertible, Equatable {
  case refused(endpoint: String, status: Int, message: String)
  case malformed(endpoint: String)

  public var description: String {
    switch self {
    case .refused(let endpoint, let status, let message):
      "the AWS console sign-in at \(endpoint) refused the role's credentials (HTTP \(status)"
        + (message.isEmpty ? "" : ": \(message)") + "); try again, or check the profile with `cone-shell check`"
    case .malformed(let endpoint):
      "the AWS console sign-in at \(endpoint) answered without a sign-in token; try again later"
    }
  }
}
