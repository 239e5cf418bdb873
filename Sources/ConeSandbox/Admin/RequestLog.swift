import NIOConcurrencyHelpers

/// Which part of the sandbox answered a request.
public enum SandboxService: String, Sendable, Codable, CaseIterable {
  case c1
  case sso
  case ssoOIDC = "sso-oidc"
  case sts
  case admin
  case page

  /// The service a path belongs to; decided before routing, so faults and unmatched
  /// paths get the right error shape.
  init(path: String) {
    if path.hasPrefix("/_sandbox/") || path == "/_sandbox" {
      self = .admin
    } else if path.hasPrefix("/api/") || path.hasPrefix("/auth/") {
      self = .c1
    } else if path == "/client/register" || path == "/device_authorization" || path == "/token" {
      self = .ssoOIDC
    } else if path.hasPrefix("/federation/") || path.hasPrefix("/assignment/") || path == "/logout" {
      self = .sso
    } else if path == "/device" || path.hasPrefix("/device/") {
      self = .page
    } else if path == "/" {
      self = .sts
    } else {
      // grpc-gateway answers unknown paths, so they count as C1's.
      self = .c1
    }
  }
}

/// The requests the sandbox has answered, with counts per route. Admin requests are listed
/// but not counted, so that tests count only what clients did.
public struct RequestLogSnapshot: Sendable, Equatable, Codable {
  public struct Entry: Sendable, Equatable, Codable {
    public let method: String
    public let path: String
    /// `<METHOD> <route pattern>`'s pattern, e.g. `/api/v1/tasks/{id}`.
    public let route: String
    /// 0 when the connection was dropped without an answer.
    public let status: Int
    public let service: SandboxService
  }

  /// Requests other than admin ones.
  public let total: Int
  /// `"<METHOD> <route>"` → requests, admin ones left out.
  public let counts: [String: Int]
  /// Requests per service, admin included.
  public let services: [String: Int]
  /// Every request in order (the most recent 10,000).
  public let requests: [Entry]

  public func count(_ method: String, _ route: String) -> Int {
    counts["\(method) \(route)"] ?? 0
  }
}

final class RequestLog: Sendable {
  private static let keptEntries = 10_000

  private struct State {
    var entries: [RequestLogSnapshot.Entry] = []
    var counts: [String: Int] = [:]
    var services: [String: Int] = [:]
    var total = 0
  }

  private let state = NIOLockedValueBox(State())

  func record(_ entry: RequestLogSnapshot.Entry) {
    state.withLockedValue { state in
      state.entries.append(entry)
      if state.entries.count > Self.keptEntries {
        state.entries.removeFirst(state.entries.count - Self.keptEntries)
      }
      state.services[entry.service.rawValue, default: 0] += 1
      guard entry.service != .admin else { return }
      state.total += 1
      state.counts["\(entry.method) \(entry.route)", default: 0] += 1
    }
  }

  var snapshot: RequestLogSnapshot {
    state.withLockedValue { state in
      RequestLogSnapshot(total: state.total, counts: state.counts, services: state.services, requests: state.entries)
    }
  }

  func reset() {
    state.withLockedValue { $0 = State() }
  }
}
