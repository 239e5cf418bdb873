import ConeShellBase

/// One finding of `cone-shell doctor`: what was checked, how it went, and what to do.
public struct DoctorCheck: Sendable, Equatable {
  public enum Status: String, Sendable, CaseIterable {
    /// Nothing to do.
    case ok
    /// Works, but may bite later, or doctor cannot tell.
    case warning
    /// Broken: cone-shell or the shell integration will not work until it is fixed.
    case error
    /// Not checked (`--offline`, or an earlier check already failed).
    case skipped
  }

  /// A stable identifier for scripts: `binary`, `path`, `config`, `c1`, `aws-sso`,
  /// `aws-cli`, `aws-config`, `profiles-index`, `state-dir`, `shell-hook`.
  public var name: String
  public var status: Status
  public var message: String
  /// A command or step that fixes it; nil when there is nothing to fix.
  public var fix: String?

  public init(_ name: String, _ status: Status, _ message: String, fix: String? = nil) {
    self.name = name
    self.status = status
    self.message = message
    self.fix = fix
  }
}

/// The checks of one doctor run, as text for people or JSON for scripts.
public struct DoctorReport: Sendable, Equatable {
  public var checks: [DoctorCheck]

  public init(checks: [DoctorCheck]) {
    self.checks = checks
  }

  /// True when no check failed; warnings do not count. The exit status is 0 then, 1
  /// otherwise.
  public var isHealthy: Bool {
    !checks.contains { $0.status == .error }
  }

  public func count(_ status: DoctorCheck.Status) -> Int {
    checks.filter { $0.status == status }.count
  }

  public struct Style: Sendable, Equatable {
    /// ✓ ! ✗ – rather than ok/warn/FAIL/skip.
    public var unicode: Bool
    /// SGR colours on the marks.
    public var color: Bool

    public init(unicode: Bool, color: Bool) {
      self.unicode = unicode
      self.color = color
    }

    /// Unicode marks in a UTF-8 locale, colour on a terminal; `plain` (--no-color)
    /// turns both off, and so does NO_COLOR for colour and TERM=dumb for both.
    public init(environment: Environment, isTerminal: Bool, plain: Bool) {
      let dumb = environment["TERM"] == "dumb"
      unicode = !plain && !dumb && Self.isUTF8Locale(environment)
      color = !plain && !dumb && isTerminal && environment["NO_COLOR"] == nil
    }

    /// The locale POSIX picks for characters (LC_ALL, else LC_CTYPE, else LANG) names
    /// UTF-8.
    static func isUTF8Locale(_ environment: Environment) -> Bool {
      let locale = (environment["LC_ALL"] ?? environment["LC_CTYPE"] ?? environment["LANG"] ?? "").lowercased()
      return locale.contains("utf-8") || locale.contains("utf8")
    }
  }

  /// One line per check (the mark, the check's name, the message), the fix indented
  /// below it, and a summary line.
  public func text(style: Style) -> String {
    let width = checks.map(\.name.count).max() ?? 0
    var lines: [String] = []
    for check in checks {
      let name = check.name + String(repeating: " ", count: width - check.name.count)
      // Messages may quote a server or a file; only the marks carry escapes.
      lines.append("\(mark(check.status, style: style)) \(name)  \(TerminalText.safe(check.message))")
      if let fix = check.fix, check.status != .ok {
        let indent = String(repeating: " ", count: (style.unicode ? 1 : 4) + 1 + width + 2)
        lines.append(indent + (style.unicode ? "→ " : "-> ") + TerminalText.safe(fix))
      }
    }
    lines.append("")
    lines.append(summary)
    return lines.joined(separator: "\n")
  }

  /// `All 9 checks passed.`, or the counts of what needs a look.
  public var summary: String {
    let errors = count(.error)
    let warnings = count(.warning)
    let skipped = count(.skipped)
    let skippedPart = skipped == 0 ? "" : " (\(skipped) skipped)"
    if errors == 0 && warnings == 0 {
      return "All \(checks.count - skipped) checks passed\(skippedPart)."
    }
    var parts: [String] = []
    if errors > 0 { parts.append(errors == 1 ? "1 problem" : "\(errors) problems") }
    if warnings > 0 { parts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
    return parts.joined(separator: " and ") + skippedPart + ": see the fixes above."
  }

  private func mark(_ status: DoctorCheck.Status, style: Style) -> String {
    let (symbol, word, sgr): (String, String, String) =
      switch status {
      case .ok: ("✓", "ok  ", "32")
      case .warning: ("!", "warn", "33")
      case .error: ("✗", "FAIL", "31")
      case .skipped: ("–", "skip", "2")
      }
    let text = style.unicode ? symbol : word
    return style.color ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
  }

  /// `{"schema": 1, "healthy": …, "summary": {…}, "checks": [{name, status, message, fix}]}`.
  public var json: JSONDocument {
    .object([
      "schema": .integer(1), "healthy": .bool(isHealthy),
      "summary": .object(DoctorCheck.Status.allCases.map { .init($0.rawValue, .integer(count($0))) }),
      "checks": .array(checks.map { check in
        .object([
          "name": .string(check.name), "status": .string(check.status.rawValue), "message": .string(check.message),
          "fix": .nullable(check.fix),
        ])
      }),
    ])
  }
}
