import Foundation
import NIOConcurrencyHelpers

/// The admin operations, in process. `SandboxServer.admin` hands one out; the admin API
/// under `/_sandbox/` calls the same methods.
public struct SandboxAdmin: SandboxAdministering {
  let tenant: Tenant
  let faultPlan: FaultPlan
  let log: RequestLog
  let exports: ExportsBox

  public func decideTask(
    _ number: Int, _ decision: ApprovalDecision, as email: String?
  ) async throws(SandboxAdminError) -> TaskSummary {
    do {
      let task = try await tenant.task(String(number))
      let userId: String
      if let email {
        guard let user = tenant.catalog.user(email: email) else {
          throw SandboxAdminError(status: 404, "no user \(email) in the scenario")
        }
        userId = user.id
      } else {
        guard let approver = task.stepApproverIds.first else {
          throw SandboxAdminError(status: 409, "task \(number) is not waiting for an approval (\(describe(task)))")
        }
        userId = approver
      }
      let decided = try await tenant.decide(
        String(number), decision, policyStepId: nil, userId: userId, requireStep: false)
      return summary(decided)
    } catch let error as C1Error {
      throw SandboxAdminError(status: Int(error.status.code), error.message)
    } catch let error as SandboxAdminError {
      throw error
    } catch {
      throw SandboxAdminError(status: 500, "\(error)")
    }
  }

  private func describe(_ task: AccessTask) -> String {
    guard task.isOpen else { return "it is closed" }
    switch task.current?.kind {
    case .form: return "it waits for its request form"
    case .provision: return "it is being provisioned"
    default: return "it is open"
    }
  }

  func summary(_ task: AccessTask) -> TaskSummary {
    let presenter = C1Presenter(catalog: tenant.catalog, viewerId: "")
    let wire = presenter.wireTask(task)
    let outcome = task.isOpen ? nil : (wire.type.grant?.outcome ?? wire.type.revoke?.outcome)
    return TaskSummary(
      number: task.numericId, id: task.id, displayName: wire.displayName, state: wire.state, outcome: outcome)
  }

  public func decideDevice(_ codeOrURL: String, as user: String?, approve: Bool) async throws -> DeviceDecision {
    let catalog = tenant.catalog
    guard let person = user.map({ catalog.user(email: $0) }) ?? catalog.defaultUser else {
      throw SandboxAdminError(status: 404, "no user \(user ?? "") in the scenario")
    }
    if AuthorizePage.isAuthorizeURL(codeOrURL) {
      return try await tenant.decideAuthorization(url: codeOrURL, userId: person.id, approve: approve)
    }
    return try await tenant.decideDevice(codeOrURL: codeOrURL, userId: person.id, approve: approve)
  }

  public func advanceClock(by seconds: TimeInterval) async throws -> ClockReading {
    guard seconds >= 0, seconds.isFinite else { throw SandboxAdminError("the clock only moves forward") }
    return await tenant.advanceClock(by: seconds)
  }

  public func clock() async throws -> ClockReading {
    await tenant.clockReading()
  }

  public func addFault(_ fault: Fault) async throws -> Fault {
    try faultPlan.add(fault)
  }

  public func faults() async throws -> [Fault] {
    faultPlan.all
  }

  public func clearFaults() async throws {
    faultPlan.clear()
  }

  public func requestLog() async throws -> RequestLogSnapshot {
    log.snapshot
  }

  public func resetRequestLog() async throws {
    log.reset()
  }

  public func environment() async throws -> [EnvironmentVariable] {
    exports.value
  }
}

/// The exports, known once the server has a port.
final class ExportsBox: Sendable {
  private let box = NIOLockedValueBox<[EnvironmentVariable]>([])

  var value: [EnvironmentVariable] {
    get { box.withLockedValue { $0 } }
    set { box.withLockedValue { $0 = newValue } }
  }
}

extension Catalog {
  /// Who `approve-device` signs in without `--as`: the first user with a client credential.
  var defaultUser: CatalogUser? {
    clients.first.flatMap { user(id: $0.userId) } ?? users.first
  }

  /// The exports of `cone-sandbox env` for a server at `baseURL` (`http://127.0.0.1:PORT`).
  /// With TLS, clients are also told to trust the sandbox's certificate (with
  /// `exportsSSLCertFile`, the throwaway CA of `serve --tls`, as SSL_CERT_FILE too), and
  /// CONE_API_ENDPOINT is `host:port`: cone puts it in a URL's host and fails on
  /// `https://…`, while cone-shell takes both (and https for `host:port`).
  func exports(baseURL: String, certificatePath: String? = nil, exportsSSLCertFile: Bool = false) -> [EnvironmentVariable] {
    let authority = baseURL.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
    var variables = [EnvironmentVariable(name: "CONE_API_ENDPOINT", value: certificatePath == nil ? baseURL : authority)]
    if let client = clients.first {
      variables.append(EnvironmentVariable(name: "CONE_CLIENT_ID", value: "\(client.name)@\(authority)/pcc"))
      variables.append(EnvironmentVariable(name: "CONE_CLIENT_SECRET", value: ClientSecret.encode(client.privateKey)))
    }
    variables += [
      EnvironmentVariable(name: "AWS_ENDPOINT_URL_SSO", value: baseURL),
      EnvironmentVariable(name: "AWS_ENDPOINT_URL_SSO_OIDC", value: baseURL),
      EnvironmentVariable(name: "AWS_ENDPOINT_URL_STS", value: baseURL),
      // The console's federation endpoint (`cone-shell console`); AWS has no variable for it.
      EnvironmentVariable(name: "CONE_SHELL_FEDERATION_ENDPOINT", value: baseURL + "/federation"),
      EnvironmentVariable(name: "CONE_SANDBOX_SSO_REGION", value: settings.ssoRegion),
    ]
    if let certificatePath {
      if exportsSSLCertFile { variables.append(EnvironmentVariable(name: "SSL_CERT_FILE", value: certificatePath)) }
      variables += [
        EnvironmentVariable(name: "AWS_CA_BUNDLE", value: certificatePath),
        EnvironmentVariable(name: "CONE_SANDBOX_CA_CERT", value: certificatePath),
      ]
    }
    variables += [
      EnvironmentVariable(name: "CONE_SANDBOX_URL", value: baseURL),
      // Last: readers may stop at the first line that completes what they need.
      EnvironmentVariable(name: "CONE_SANDBOX_SSO_START_URL", value: settings.ssoStartURL),
    ]
    return variables
  }
}
