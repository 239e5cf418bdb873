#if canImport(FoundationEssentials)
import ConeShellBase
import FoundationEssentials
#else
import Foundation
#endif

/// Hands out C1 access tokens: from the disk cache while they last, else by the
/// client-credential exchange (an Ed25519 client assertion, docs/c1-api.md §2.3). One per
/// process; concurrent callers share one exchange.
public actor C1Authenticator {
  nonisolated public let account: C1Account
  private let transport: HTTPTransport
  private let cache: C1TokenCache?
  private let redactor: Redactor
  private let now: @Sendable () -> Double
  private var current: C1TokenCache.Entry?
  /// The user id of a token the server refused: it stays true for the next token.
  private var refusedUserID: String?
  private var pending: Task<C1TokenCache.Entry, any Error>?

  public init(
    account: C1Account, transport: HTTPTransport, store: StateStore?, redactor: Redactor,
    now: @escaping @Sendable () -> Double = Timestamp.now
  ) {
    self.account = account
    self.transport = transport
    self.cache = store.map { C1TokenCache(store: $0, account: account) }
    self.redactor = redactor
    self.now = now
  }

  /// The `Authorization` header value for an API call.
  public func authorization() async throws -> String {
    let entry = try await validEntry()
    return "\(entry.tokenType) \(entry.accessToken)"
  }

  /// Forgets the token (after the server refused it), so the next call gets a new one.
  public func invalidate() {
    refusedUserID = current?.userID ?? refusedUserID
    current = nil
    cache?.remove()
  }

  /// The user id cached with the token, if introspect has been asked for this token.
  public func cachedUserID() async throws -> String? {
    try await validEntry().userID
  }

  /// Remembers the user id beside the token.
  public func remember(userID: String) {
    guard var entry = current, entry.userID != userID else { return }
    entry.userID = userID
    current = entry
    try? cache?.write(entry)
  }

  /// True when the token comes from CONDUCTORONE_ACCESS_TOKEN and cannot be renewed.
  public var isStatic: Bool {
    if case .accessToken = account.authentication { return true }
    return false
  }

  private func validEntry() async throws -> C1TokenCache.Entry {
    if let current, current.expiresAt - 60 > now() { return current }
    if case .accessToken(let token) = account.authentication {
      let entry = C1TokenCache.Entry(
        server: account.server.baseURL, accessToken: token, tokenType: "Bearer", expiresAt: .infinity,
        userID: current?.userID)
      current = entry
      return entry
    }
    if let cached = cache?.read(now: now()) {
      redactor.register(cached.accessToken)
      current = cached
      return cached
    }
    if let pending { return try await pending.value }
    let exchange = Task { try await self.exchange() }
    pending = exchange
    defer { pending = nil }
    var entry = try await exchange.value
    // The user behind a client credential never changes, so a new token keeps the
    // user id learnt with an older one: one introspect per credential, not per token.
    entry.userID = current?.userID ?? refusedUserID ?? cache?.readAny()?.userID
    current = entry
    try? cache?.write(entry)
    return entry
  }

  private func exchange() async throws -> C1TokenCache.Entry {
    guard case .clientCredential(let credential) = account.authentication else {
      throw C1Error.notSignedIn(profile: account.profileName)
    }
    let assertion = try credential.clientAssertion(audience: account.server.audience, now: now())
    let body = FormURLEncoding.encode([
      ("client_id", credential.clientID.rawValue),
      ("grant_type", "client_credentials"),
      ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
      ("client_assertion", assertion),
    ])
    // Asking for a token twice is harmless, so the exchange may be retried.
    let request = HTTPRequest(
      .post, account.server.tokenURL, headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
      body: body, isIdempotent: true)
    let response = try await transport.send(request)
    // Read as free JSON, so that an odd number is "absent" rather than a failed sign-in.
    let token = try? JSONValue.decoded(from: response.body)
    guard response.isSuccess, let accessToken = token?["access_token"]?.stringValue, !accessToken.isEmpty else {
      let detail = token?["error_description"]?.stringValue ?? token?["error"]?.stringValue ?? "HTTP \(response.status)"
      if response.status == 400 || response.status == 401 || response.status == 403 {
        throw C1Error.unauthenticated(server: account.server.baseURL, detail: detail)
      }
      throw C1Error.server(request: request.summary, status: response.status, message: detail)
    }
    redactor.register(accessToken)
    var type = token?["token_type"]?.stringValue ?? "Bearer"
    if type.lowercased() == "bearer" || type.isEmpty { type = "Bearer" }
    return C1TokenCache.Entry(
      server: account.server.baseURL, accessToken: accessToken, tokenType: type,
      expiresAt: now() + Self.lifetime(token?["expires_in"]?.doubleValue), userID: nil)
  }

  /// A token's life in seconds: as the server says, but at most a day (a longer claim
  /// would keep a token cached past any real lifetime; the server refusing it earlier
  /// is handled anyway) and never negative.
  static func lifetime(_ expiresIn: Double?) -> Double {
    min(max(expiresIn ?? 3600, 0), 86400)
  }
}
