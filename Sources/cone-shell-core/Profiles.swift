import ArgumentParser
import ConeShellKit

struct Profiles: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the cone-shell profiles with account, role and access state, from local files only.",
    discussion: "Never uses the network: the state comes from the last grants refresh and the credential cache.")

  @Flag(help: "Print one JSON document on stdout.")
  var json = false

  @Flag(help: "Print only the profile names, one a line.")
  var names = false

  func validate() throws {
    if json && names { throw ValidationError("--json and --names exclude each other") }
  }

  func run() async throws {
    let context = ConeContext()
    let index = ProfileDirectory(paths: context.paths, store: context.store).index()
    if names {
      for entry in index.entries { print(entry.name) }
      return
    }
    let now = context.now()
    let report = index.entries.map { LocalAccess.of($0, context: context, now: now) }
    if json {
      print(JSONText.object(
        [("schema", "1"), ("profiles", "[" + report.map { JSONText.object($0.jsonFields(now: now)) }.joined(separator: ", ") + "]")],
        pretty: true))
      return
    }
    if report.isEmpty {
      print("No cone-shell profiles yet: run `cone-shell setup`.")
      return
    }
    print(Table.render(
      header: ["PROFILE", "ACCOUNT", "ROLE", "STATE", "LEFT"],
      rows: report.map { [$0.profile, $0.accountID ?? "", $0.roleName ?? "", $0.state.rawValue, $0.timeLeft(now: now)] }))
  }
}

/// A profile's access from local files: the credential cache, then the grants file.
enum LocalAccess {
  static func of(_ entry: ProfilesIndex.Entry, context: ConeContext, now: Double) -> ProfileAccess {
    var access = ProfileAccess(profile: entry.name, accountID: entry.accountID, roleName: entry.roleName, state: .none)
    let grants = GrantsStore(store: context.store).read()
    if let cached = CredentialCache(store: context.store).read(entry.name), cached.expiration > now {
      access.state = .active
      access.expiresAt = cached.grantEnd
    } else if let grant = grants?.entry(for: entry.name) {
      switch grant.state {
      case .active where grant.expires.map({ Double($0) > now }) ?? true:
        access.state = .active
        access.expiresAt = grant.expires.map(Double.init)
      case .pending:
        access.state = .pending
        access.task = grant.task.map { .init(number: $0) }
      default:
        break
      }
    }
    return access
  }
}
