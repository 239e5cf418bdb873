import ArgumentParser
import ConeShellBase
import ConeShellKit

struct Check: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Tell whether you have access for a profile: active, pending, none, or form required.",
    discussion: """
      Answers from the credential cache and the grants file when they are fresh (no
      network); --refresh asks ConductorOne. Exit status: 0 active, 3 none, 4 pending,
      5 a request form must be filled, 1 error.
      """)

  @Argument(help: "The AWS profile.", completion: .coneProfiles)
  var profile: String

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  @Flag(help: "Ask ConductorOne instead of answering from local files.")
  var refresh = false

  @OptionGroup var global: GlobalOptions

  /// The grants file answers for this long after it was written.
  static let freshness: Double = 5 * 60

  func run() async throws {
    let (access, source) = try await withContext(global) { context -> (ProfileAccess, String) in
      let directory = ProfileDirectory(paths: context.paths, store: context.store)
      let profile = try directory.profile(named: self.profile)
      let now = context.now()
      if !refresh {
        let index = ProfilesIndex.Entry(name: profile.name, accountID: profile.accountID, roleName: profile.roleName)
        let local = LocalAccess(store: context.store)
        let (access, source) = local.access(of: index, now: now)
        // The grants file answers only for the profiles it lists: one request records
        // one profile, and says nothing about the others.
        let written = local.grants?.entry(for: profile.name) == nil ? 0 : local.grants?.written ?? 0
        if access.state == .active || now - Double(written) < Self.freshness {
          return (access, source.rawValue)
        }
      }
      let service = try AccessService(context: context, c1Profile: global.c1Profile ?? profile.c1Profile)
      let server = service.c1.authenticator.account.server
      var access = ProfileAccess(profile: profile.name, accountID: profile.accountID, roleName: profile.roleName, state: .none)
      let state = try await service.state(of: profile)
      switch state {
      case .active(let end):
        access.state = .active
        access.expiresAt = end
      case .pending(let task):
        access.state = TaskPhase(task) == .waitingForForm ? .formRequired : .pending
        access.task = .init(task, server: server)
      case .none:
        let entitlement = try await service.c1.entitlement(appID: profile.appID, id: profile.entitlementID)
        if entitlement.entitlement.requestSchemaID != nil { access.state = .formRequired }
      }
      try? await service.record(profile.name, state)
      return (access, "c1")
    }
    let now = Timestamp.now()
    if json {
      StandardOutput.print(JSONText.object([("schema", "1")] + access.jsonFields(now: now) + [("source", JSONText.quote(source))], pretty: true))
    } else {
      switch access.state {
      case .active: StandardOutput.print("\(access.profile): active" + (access.expiresAt == nil ? " (no end)" : ", \(access.timeLeft(now: now)) left"))
      case .pending: StandardOutput.print("\(access.profile): pending" + (access.task.map { " (task \($0.number))" } ?? ""))
      case .none: StandardOutput.print("\(access.profile): no access (request it with `cone-shell request \(access.profile)`)")
      case .formRequired: StandardOutput.print("\(access.profile): no access; a request form must be filled (`cone-shell request \(access.profile)`)")
      }
    }
    switch access.state {
    case .active: return
    case .pending: throw ExitCode(ExitStatus.pending.rawValue)
    case .none: throw ExitCode(ExitStatus.noAccess.rawValue)
    case .formRequired: throw ExitCode(ExitStatus.formRequired.rawValue)
    }
  }
}
