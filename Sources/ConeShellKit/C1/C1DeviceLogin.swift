#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `cone login`'s device-code flow (c1-api.md §1.5), with `slow_down` handled by
/// slowing down (cone aborts on it).
public struct C1DeviceLogin: Sendable {
  /// cone's public OAuth client id; the device flow is the same one cone uses.
  public static let oauthClientID = "2RGdOS94VDferT9e80mdgntl36K"

  public struct Authorization: Sendable {
    public var deviceCode: String
    public var userCode: String
    public var verificationURL: String
    public var expiresIn: Double
    public var interval: Double
  }

  public let server: C1Server
  let transport: HTTPTransport

  public init(server: C1Server, transport: HTTPTransport) {
    self.server = server
    self.transport = transport
  }

  public func start() async throws -> Authorization {
    let request = HTTPRequest(
      .post, server.baseURL + "/auth/v1/device_authorization",
      headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
      body: FormURLEncoding.encode([("client_id", Self.oauthClientID)]), isIdempotent: true)
    let response = try await transport.send(request)
    struct Body: Decodable {
      var device_code: String?, user_code: String?, verification_uri_complete: String?, verification_uri: String?
      var expires_in: Double?, interval: Double?
    }
    guard response.isSuccess, let body = try? JSONDecoder().decode(Body.self, from: Data(response.body)),
      let deviceCode = body.device_code, let url = body.verification_uri_complete ?? body.verification_uri
    else {
      throw C1Error.deviceLogin(
        "\(server.baseURL) did not start a device sign-in (HTTP \(response.status)); check the tenant address")
    }
    return Authorization(
      deviceCode: deviceCode, userCode: body.user_code ?? "", verificationURL: url,
      expiresIn: body.expires_in ?? 600, interval: max(body.interval ?? 5, 1))
  }

  /// Polls until the person approves; returns the device access token.
  /// `waiting` is called before each poll with the seconds elapsed.
  public func token(
    for authorization: Authorization, waiting: @Sendable (Double) -> Void = { _ in }
  ) async throws -> String {
    let started = ContinuousClock.now
    var interval = authorization.interval
    while true {
      let elapsed = ContinuousClock.now - started
      let seconds = Double(elapsed.components.seconds)
      guard seconds < authorization.expiresIn else {
        throw C1Error.deviceLogin("the sign-in code expired before it was approved: run `cone-shell login` again")
      }
      waiting(seconds)
      try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
      let request = HTTPRequest(
        .post, server.tokenURL,
        headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
        body: FormURLEncoding.encode([
          ("client_id", Self.oauthClientID), ("device_code", authorization.deviceCode),
          ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
        ]), isIdempotent: true)
      let response = try await transport.send(request)
      struct Body: Decodable { var access_token: String?, error: String?, error_description: String? }
      let body = try? JSONDecoder().decode(Body.self, from: Data(response.body))
      if response.isSuccess, let token = body?.access_token, !token.isEmpty { return token }
      switch body?.error {
      case "authorization_pending": continue
      case "slow_down": interval += 5
      case "access_denied":
        throw C1Error.deviceLogin("the sign-in was denied in the browser")
      case "expired_token":
        throw C1Error.deviceLogin("the sign-in code expired before it was approved: run `cone-shell login` again")
      default:
        throw C1Error.deviceLogin(
          "ConductorOne refused the sign-in: \(body?.error_description ?? body?.error ?? "HTTP \(response.status)")")
      }
    }
  }
}
