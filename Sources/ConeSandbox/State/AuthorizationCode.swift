import Crypto
import Foundation

/// A sign-in begun at `GET /authorize`: OAuth's authorization code grant with PKCE
/// (RFC 7636), as AWS SSO OIDC serves it to the AWS CLI v2 (docs/aws-sso.md §2). The
/// person approves it on the page or with `cone-sandbox approve-device URL`; the browser
/// then goes to the client's loopback `redirect_uri` with a code or an error.
struct AuthorizationRequest: Sendable {
  let id: String
  let clientId: String
  /// As the client sent it, with its port: the code is bound to it.
  let redirectURI: String
  let state: String
  let codeChallenge: String
  let scopes: [String]
  let expiresAt: Date
  var answered = false

  /// Where the browser goes: the redirect URI with `code` and `state`, or `error`.
  func redirect(code: String?) -> String {
    var items: [(String, String)] = code.map { [("code", $0)] } ?? [
      ("error", "access_denied"), ("error_description", "The sign-in was denied"),
    ]
    items.append(("state", state))
    let query = items.map { "\($0.0)=\(Self.percentEncoded($0.1))" }.joined(separator: "&")
    return redirectURI + (redirectURI.contains("?") ? "&" : "?") + query
  }

  static func percentEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }

  /// What `GET /authorize` must carry, checked against the client's registration.
  static func validate(_ query: [String: String], client: OIDCClient) throws(AWSError) -> (
    redirectURI: String, state: String, challenge: String, scopes: [String]
  ) {
    guard query["response_type"] == "code" else {
      throw .oidc("UnsupportedResponseTypeException", "unsupported_response_type", "response_type must be code")
    }
    guard client.allows(grant: "authorization_code") else {
      throw .oidc(
        "UnauthorizedClientException", "unauthorized_client",
        "The client was not registered for the authorization_code grant")
    }
    guard let redirectURI = query["redirect_uri"], client.redirectURIs.contains(where: { Self.matches(redirectURI, registered: $0) })
    else { throw .oidc("InvalidRedirectUriException", "invalid_redirect_uri", "redirect_uri is not one the client registered") }
    guard let state = query["state"], !state.isEmpty else { throw .invalidOIDCRequest("state is required") }
    guard query["code_challenge_method"] == "S256" else {
      throw .invalidOIDCRequest("code_challenge_method must be S256")
    }
    guard let challenge = query["code_challenge"], challenge.count == 43, WireBase64URL.decode(challenge)?.count == 32 else {
      throw .invalidOIDCRequest("code_challenge must be the base64url SHA-256 of the code verifier")
    }
    // Space-separated, encoded as %20 (the AWS CLI) or + (a form).
    let scopes = (query["scopes"] ?? "").split(whereSeparator: { $0 == " " || $0 == "+" }).map(String.init)
    if let unknown = scopes.first(where: { !client.scopes.contains($0) }) {
      throw .oidc("InvalidScopeException", "invalid_scope", "The client was not registered for the scope \(unknown)")
    }
    return (redirectURI, state, challenge, scopes)
  }

  /// A loopback redirect URI the client may use: `http`, a loopback host, no fragment.
  static func isLoopback(_ uri: String) -> Bool {
    guard let parts = URLComponents(string: uri), parts.scheme == "http", parts.fragment == nil,
      let host = parts.host
    else { return false }
    return ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
  }

  /// RFC 8252 §7.3: a loopback redirect URI matches the registered one whatever its port,
  /// when the registered one names none.
  static func matches(_ uri: String, registered: String) -> Bool {
    guard isLoopback(uri), let given = URLComponents(string: uri), let expected = URLComponents(string: registered)
    else { return false }
    return given.host == expected.host && given.path == expected.path && given.query == expected.query
      && (expected.port == nil || expected.port == given.port)
  }
}

/// An authorization code: bound to its client, redirect URI and challenge, used once.
struct AuthorizationCode: Sendable {
  let clientId: String
  let redirectURI: String
  let codeChallenge: String
  let userId: String
  let expiresAt: Date

  /// RFC 7636 §4.1 and §4.6: 43 to 128 unreserved characters whose SHA-256, base64url,
  /// is the challenge.
  func verifies(_ verifier: String) -> Bool {
    let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    guard (43...128).contains(verifier.count), verifier.allSatisfy(unreserved.contains) else { return false }
    return WireBase64URL.encode(SHA256.hash(data: Array(verifier.utf8))) == codeChallenge
  }
}
