import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// A running sandbox: the C1 API, AWS SSO OIDC, the SSO portal, STS and the admin API on
/// one listener.
///
/// ```swift
/// let sandbox = try await SandboxServer.start(SandboxConfiguration(scenario: .default))
/// defer { Task { await sandbox.stop() } }
/// print(sandbox.baseURL)             // http://127.0.0.1:PORT
/// try await sandbox.admin.approveTask(1001, as: nil)
/// ```
public final class SandboxServer: Sendable {
  /// `http://127.0.0.1:PORT` (or `https://…` with TLS).
  public let baseURL: String
  public let port: Int
  /// What `cone-sandbox env` prints, in order.
  public let exports: [EnvironmentVariable]
  /// Admin operations: approve and deny tasks and device logins, the clock, faults, the log.
  public let admin: SandboxAdmin

  private let services: ServiceGroup
  private let running: Task<Void, any Error>

  private init(
    baseURL: String, port: Int, exports: [EnvironmentVariable], admin: SandboxAdmin, services: ServiceGroup,
    running: Task<Void, any Error>
  ) {
    self.baseURL = baseURL
    self.port = port
    self.exports = exports
    self.admin = admin
    self.services = services
    self.running = running
  }

  /// Starts listening and returns once the port is bound.
  public static func start(_ configuration: SandboxConfiguration) async throws -> SandboxServer {
    let catalog = try Catalog(scenario: configuration.scenario)
    var logger = Logger(label: "cone-sandbox")
    logger.logLevel = configuration.logsRequests ? .info : .warning
    let scheme = configuration.tls == nil ? "http" : "https"
    let tenant = Tenant(catalog: catalog)
    let admin = SandboxAdmin(tenant: tenant, faultPlan: FaultPlan(), log: RequestLog(), exports: ExportsBox())

    let router = Router(context: SandboxRequestContext.self)
    router.add(middleware: RequestLogMiddleware(log: admin.log, logger: logger))
    AdminRoutes(admin: admin).register(on: router)
    let services = router.group().add(middleware: FaultMiddleware(faults: admin.faultPlan))
    C1Routes(tenant: tenant, scheme: scheme, listenHost: configuration.host).register(on: services)
    AWSRoutes(tenant: tenant, scheme: scheme, listenHost: configuration.host).register(on: services)
    DevicePage(tenant: tenant).register(on: services)
    AuthorizePage(tenant: tenant).register(on: services)

    let (ports, bound) = AsyncStream<Int>.makeStream()
    let application = Application(
      router: router, server: try serverBuilder(configuration.tls),
      configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
      onServerRunning: { channel in
        bound.yield(channel.localAddress?.port ?? 0)
        bound.finish()
      },
      logger: logger)
    let group = ServiceGroup(configuration: .init(
      services: [application], gracefulShutdownSignals: configuration.handlesSignals ? [.sigterm, .sigint] : [],
      logger: logger))
    let running = Task {
      defer { bound.finish() }
      try await group.run()
    }
    var port: Int?
    for await value in ports { port = value }
    guard let port, port > 0 else {
      try await running.value
      throw SandboxStartError(message: "the server stopped before it was listening")
    }
    let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
    let baseURL = "\(scheme)://\(host):\(port)"
    let certificate = configuration.tls.map { URL(fileURLWithPath: $0.caPath ?? $0.certificatePath).standardizedFileURL.path }
    admin.exports.value = catalog.exports(
      baseURL: baseURL, certificatePath: certificate, exportsSSLCertFile: configuration.tls?.caPath != nil)
    return SandboxServer(
      baseURL: baseURL, port: port, exports: admin.exports.value, admin: admin, services: group, running: running)
  }

  private static func serverBuilder(_ tls: SandboxConfiguration.TLSFiles?) throws -> HTTPServerBuilder {
    guard let tls else { return .http1() }
    do {
      let certificates = try NIOSSLCertificate.fromPEMFile(tls.certificatePath)
      let key = try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem)
      let configuration = TLSConfiguration.makeServerConfiguration(
        certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
      return try .tls(.http1(), tlsConfiguration: configuration)
    } catch {
      throw SandboxStartError(message: "cannot use the TLS certificate or key: \(error)")
    }
  }

  /// Stops accepting connections, finishes what is in flight, and returns when stopped.
  public func stop() async {
    await services.triggerGracefulShutdown()
    _ = try? await running.value
  }

  /// Waits until the server stops (after `stop()` or, with `handlesSignals`, a signal).
  public func waitUntilStopped() async throws {
    try await running.value
  }
}

/// The sandbox could not start.
public struct SandboxStartError: Error, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}
