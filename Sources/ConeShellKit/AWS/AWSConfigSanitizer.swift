import ConeShellBase

/// Makes names and values that come from an API (C1 account and entitlement names)
/// safe to write into the AWS config file: they can then create no section or key, and
/// every AWS tool (botocore, the Go SDK) reads them the same way.
public enum AWSConfigSanitizer {
  /// `<account>-<role>`, lower-cased, as cone names profiles (`Production` and
  /// `DatabaseAdministrator` give `production-databaseadministrator`). Spaces become
  /// `-`; only `a-z 0-9 . _ @ + / -` are kept. An account or role with nothing left
  /// becomes `aws` or `role`, so the name is never empty. The name never starts with
  /// `-` (an account named `-` must not give `--debug`, which a command would read as an
  /// option), and one longer than `maximumNameLength` is cut and ends in a hash of the
  /// whole, so it stays unique and the same on every run.
  public static func profileName(account: String, role: String) -> String {
    let account = nameComponent(account)
    let role = nameComponent(role)
    var name = Substring((account.isEmpty ? "aws" : account) + "-" + (role.isEmpty ? "role" : role))
    name = name.drop { $0 == "-" || $0 == "." }
    if name.isEmpty { name = "aws-role" }
    guard name.utf8.count > maximumNameLength else { return String(name) }
    let suffix = "-" + StableHash.hex(String(name))
    // Every character kept is ASCII, so cutting bytes cuts characters.
    return String(name.prefix(maximumNameLength - suffix.count)) + suffix
  }

  /// The longest profile name setup writes: file names made from it stay within
  /// every file system's limit, and it still reads as a name.
  public static let maximumNameLength = 100

  /// `text` without line breaks, control characters, `[`, `]`, `"`, `\`, `#` and `;`,
  /// and without the surrounding whitespace the AWS CLI would strip.
  public static func value(_ text: String) -> String {
    let removed = "[]\"\\#;".unicodeScalars
    var kept = String.UnicodeScalarView()
    for scalar in text.unicodeScalars where !isControlOrLineBreak(scalar) && !removed.contains(scalar) {
      kept.append(scalar)
    }
    return String(AWSConfigSyntax.stripped(String(kept)[...]))
  }

  static func nameComponent(_ text: String) -> String {
    var name = String.UnicodeScalarView()
    for scalar in text.lowercased().unicodeScalars {
      if scalar == " " {
        name.append("-")
      } else if AWSConfigSyntax.isLowercaseASCIIAlphanumeric(scalar) || "._@+/-".unicodeScalars.contains(scalar) {
        name.append(scalar)
      }
    }
    return String(name)
  }

  /// C0 and C1 controls (newline, `\r`, NUL, tab, …) and the Unicode line and
  /// paragraph separators.
  static func isControlOrLineBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
    default: false
    }
  }
}
