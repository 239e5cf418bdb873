#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `cone login`'s device-code flow (docs/c1-api.md §2.4), with `slow_down` handled by
/// slowing down (cone aborts on it).
public struct C1DeviceLogin: Sendable {
  /// cone's public OAuth client id; the device flow is the same one cone uses.
  public static let oauthClientID = "2RGdOS94VDferT9e80mdgntl36K"

  public struct Authorization: Sendable {
    public var deviceCode: String
    public var userCode: String
    public var verificationURL: String
    /// The pace and the lifetime the server asked for, within bounds.
    public var polling: DevicePolling
    public var expiresIn: Double { polling.lifetime }
    public var interval: Double { polling.interval }
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
    // Read as free JSON, so that a number no Double holds is "absent", not a failure.
    let body = try? JSONValue.decoded(from: response.body)
    guard response.isSuccess, let body, let deviceCode = body["device_code"]?.stringValue,
      let url = body["verification_uri_complete"]?.stringValue ?? body["verification_uri"]?.stringValue
    else {
      throw C1Error.deviceLogin(
        "\(server.baseURL) did not start a device sign-in (HTTP \(response.status)); check the tenant address")
    }
    return Authorization(
      deviceCode: deviceCode, userCode: body["user_code"]?.stringValue ?? "", verificationURL: url,
      polling: DevicePolling(interval: body["interval"]?.doubleValue, expiresIn: body["expires_in"]?.doubleValue))
  }

  /// Polls until the person approves; returns the device access token.
  /// `waiting` is called before each poll with the seconds elapsed.
  public func token(
    for authorization: Authorization, waiting: @Sendable (Double) -> Void = { _ in }
  ) async throws -> String {
    let started = ContinuousClock.now
    var polling = authorization.polling
    while true {
      let elapsed = (ContinuousClock.now - started).inSeconds
      guard let pause = polling.pause(elapsed: elapsed) else {
        throw C1Error.deviceLogin(Self.expired(polling))
      }
      waiting(elapsed.rounded(.down))
      try await Task.sleep(for: pause)
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
      case "slow_down": polling.slowDown()
      case "access_denied":
        throw C1Error.deviceLogin("the sign-in was denied in the browser")
      case "expired_token":
        throw C1Error.deviceLogin(Self.expired(polling))
      default:
        throw C1Error.deviceLogin(
          "ConductorOne refused the sign-in: \(body?.error_description ?? body?.error ?? "HTTP \(response.status)")")
      }
    }
  }

  static func expired(_ polling: DevicePolling) -> String {
    "the sign-in code expired before it was approved (it was valid for \(Duration.seconds(Int(polling.lifetime)).spelled)): "
      + "run `cone-shell login` again and approve it in the browser"
  }
}
