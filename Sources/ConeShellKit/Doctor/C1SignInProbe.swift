import ConeShellBase

/// The C1 credential signs in and names a user: the one probe that uses the network.
struct C1SignInProbe: DoctorProbe {
  /// From `ConfigProbe`; nil when the config has no usable credential.
  var account: C1Account?

  func check(in doctor: DoctorScope) async -> DoctorCheck {
    if doctor.options.offline { return DoctorCheck("c1", .skipped, "ConductorOne sign-in not checked (--offline)") }
    guard let account else {
      return DoctorCheck("c1", .skipped, "ConductorOne sign-in not checked: no usable credential (see config)")
    }
    // One attempt with a short connect timeout: an unreachable tenant should make a
    // quick answer, not the commands' patient retries.
    var configuration = HTTPTransport.Configuration(environment: doctor.environment)
    configuration.retry = RetryPolicy(maxAttempts: 1)
    configuration.connectTimeout = .seconds(5)
    let transport = HTTPTransport(configuration: configuration, log: doctor.context.log)
    let check = await check(account: account, transport: transport, context: doctor.context)
    await transport.shutdown()
    return check
  }

  private func check(account: C1Account, transport: HTTPTransport, context: ConeContext) async -> DoctorCheck {
    let client = C1Client(
      authenticator: C1Authenticator(
        account: account, transport: transport, store: context.store, redactor: context.redactor, now: context.now),
      transport: transport)
    do {
      let user = try await client.user(id: try await client.currentUserID())
      return DoctorCheck("c1", .ok, "signed in to \(account.server.baseURL) as \(user.email ?? user.id)")
    } catch {
      let message = context.redactor.redact("\(error)")
      switch error {
      case let error as C1Error:
        switch error {
        case .unauthenticated, .invalidClientID, .invalidClientSecret, .notSignedIn:
          return DoctorCheck("c1", .error, message, fix: "cone-shell login \(account.server.baseURL)")
        default:
          return DoctorCheck("c1", .error, message)
        }
      case is TransportError:
        return DoctorCheck(
          "c1", .error, message, fix: "check the network and proxy settings, or run `cone-shell doctor --offline`")
      default:
        return DoctorCheck("c1", .error, message)
      }
    }
  }
}
