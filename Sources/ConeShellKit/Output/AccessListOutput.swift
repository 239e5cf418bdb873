import ConeShellBase

/// What `profiles` and `status` show: every profile's access as a table (or a hint when
/// there is none yet), and for `status` when it asked ConductorOne and which pending
/// requests are being watched.
public struct AccessListOutput: CommandOutput {
  /// What only `status` knows.
  public struct Refresh: Sendable {
    public var at: Double
    public var watching: [TaskWatcher.Record]

    public init(at: Double, watching: [TaskWatcher.Record]) {
      self.at = at
      self.watching = watching
    }
  }

  public var profiles: [ProfileAccess]
  public var now: Double
  public var refresh: Refresh?

  public init(_ profiles: [ProfileAccess], now: Double, refresh: Refresh? = nil) {
    self.profiles = profiles
    self.now = now
    self.refresh = refresh
  }

  public var text: String {
    guard !profiles.isEmpty else { return "No cone-shell profiles yet: run `cone-shell setup`." }
    var lines = Self.table(
      header: ["PROFILE", "ACCOUNT", "ROLE", "STATE", "LEFT"],
      rows: profiles.map { [$0.profile, $0.accountID ?? "", $0.roleName ?? "", $0.state.rawValue, $0.timeLeft(now: now)] })
    if let watching = refresh?.watching, !watching.isEmpty {
      lines.append("")
      for record in watching {
        lines.append("Watching task \(record.taskNumber) for \(record.profile): the prompt changes when it is decided.")
      }
    }
    return lines.joined(separator: "\n")
  }

  public var json: JSONDocument {
    var members: [JSONDocument.Member] = [.init("schema", .integer(1))]
    if let refresh {
      members.append(.init("refreshed_at", .time(refresh.at)))
      members.append(.init("watching", .array(refresh.watching.map { record in
        .object([
          "profile": .string(record.profile), "task": .string(record.taskNumber),
          "since": .time(Double(record.started)),
        ])
      })))
    }
    members.append(.init("profiles", .array(profiles.map { .object($0.jsonMembers(now: now)) })))
    return .object(members)
  }

  /// Left-aligned columns separated by two spaces.
  private static func table(header: [String], rows: [[String]]) -> [String] {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
      }.joined(separator: "  ")
    }
  }
}
