import AsyncHTTPClient
import Foundation
import NIOCore

/// What a browser does after an `/authorize` answer: it goes to the client's loopback
/// redirect URI, where the client (the AWS CLI v2, cone-shell) waits for the code.
/// `cone-sandbox approve-device` does the same, so a scripted browser is one line.
public enum BrowserRedirect {
  /// GETs `url`, which must be plain http on a loopback address (the sandbox accepts no
  /// other redirect URI); returns the status the client answered with.
  public static func follow(_ url: String, timeout: Duration = .seconds(30)) async throws -> Int {
    guard AuthorizationRequest.isLoopback(url) else {
      throw SandboxAdminError(status: 400, "not following a redirect off this machine: \(withoutQuery(url))")
    }
    var configuration = HTTPClient.Configuration()
    configuration.timeout = .init(connect: .seconds(5), read: .seconds(Int64(timeout.components.seconds)))
    configuration.redirectConfiguration = .disallow
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    do {
      let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(Int64(timeout.components.seconds)))
      _ = try await response.body.collect(upTo: 1 << 20)
      try? await client.shutdown()
      return Int(response.status.code)
    } catch {
      try? await client.shutdown()
      throw SandboxAdminError(
        status: 502, "the browser could not return to \(withoutQuery(url)): \(error); is the client still waiting?")
    }
  }

  /// The URL without its query (the code and state are not for printing).
  public static func withoutQuery(_ url: String) -> String {
    String(url.prefix { $0 != "?" && $0 != "#" })
  }
}
