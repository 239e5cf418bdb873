import ConeShellBase
import ConeShellKit

/// How `profiles` and `status` print a list of profiles' access: one JSON document, or a
/// table, or a hint when there is nothing to list.
enum AccessReport {
  static func print(_ report: [ProfileAccess], now: Double, json: Bool, extraFields: [(String, String)] = []) {
    if json {
      let profiles = "[" + report.map { JSONText.object($0.jsonFields(now: now)) }.joined(separator: ", ") + "]"
      StandardOutput.print(JSONText.object([("schema", "1")] + extraFields + [("profiles", profiles)], pretty: true))
    } else if report.isEmpty {
      StandardOutput.print("No cone-shell profiles yet: run `cone-shell setup`.")
    } else {
      StandardOutput.print(table(
        header: ["PROFILE", "ACCOUNT", "ROLE", "STATE", "LEFT"],
        rows: report.map { [$0.profile, $0.accountID ?? "", $0.roleName ?? "", $0.state.rawValue, $0.timeLeft(now: now)] }))
    }
  }

  /// Left-aligned columns separated by two spaces.
  private static func table(header: [String], rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
