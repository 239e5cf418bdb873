/// The prompt segment that `cone-shell prompt` prints and that the shell
/// functions (`cone_shell_prompt`, CONE_SHELL_PROMPT) compute with builtins. The
/// two must agree byte for byte: the end-to-end tests compare them.
///
///     aws:production-admin 42m +2     the current profile's grant and 42 minutes
///                                     left, plus two other active grants
///     aws:production-admin ⚠4m        its grant ends within the warning time
///     aws:production-admin ⧗#1042     its request is pending (task 1042)
///     aws +2                          nothing for this profile, two others active
///
/// The current profile is AWS_PROFILE, else AWS_DEFAULT_PROFILE, else
/// CONE_SHELL_LAST_PROFILE (which the `aws` wrapper sets to the cone-managed
/// profile it last ran).
public struct PromptSegment: Sendable, Equatable {
  /// How each part is written. A set but empty variable hides its part.
  public struct Style: Sendable, Equatable {
    public static let defaultActive = "aws:{profile} {left}"
    public static let defaultExpiring = "aws:{profile} ⚠{left}"
    public static let defaultWarnMinutes = 10
    public static let defaultPending = "aws:{profile} ⧗#{task}"
    public static let defaultOthers = "+{count}"
    public static let defaultNone = "aws"

    /// CONE_SHELL_PROMPT_ACTIVE: the current profile has an active grant.
    public var active = Self.defaultActive
    /// CONE_SHELL_PROMPT_EXPIRING: it ends within `warnMinutes`.
    public var expiring = Self.defaultExpiring
    /// CONE_SHELL_PROMPT_WARN: minutes (1 to 9 digits; 0 never warns).
    public var warnMinutes = Self.defaultWarnMinutes
    /// CONE_SHELL_PROMPT_PENDING: its request waits for approval.
    public var pending = Self.defaultPending
    /// CONE_SHELL_PROMPT_OTHERS: the number of other active grants.
    public var others = Self.defaultOthers
    /// CONE_SHELL_PROMPT_NONE: stands in for the profile part when only other
    /// grants are active.
    public var none = Self.defaultNone
    /// CONE_SHELL_PROMPT_COLOR: colour the profile part (SGR parameters
    /// CONE_SHELL_PROMPT_COLOR_ACTIVE, default 32, _EXPIRING, default 31, and
    /// _PENDING, default 33).
    public var color = false
    public var activeColor = "32"
    public var expiringColor = "31"
    public var pendingColor = "33"

    public init() {}

    public init(environment: Environment) {
      let variables = environment.variables
      active = variables["CONE_SHELL_PROMPT_ACTIVE"] ?? Self.defaultActive
      expiring = variables["CONE_SHELL_PROMPT_EXPIRING"] ?? Self.defaultExpiring
      warnMinutes = Self.minutes(variables["CONE_SHELL_PROMPT_WARN"]) ?? Self.defaultWarnMinutes
      pending = variables["CONE_SHELL_PROMPT_PENDING"] ?? Self.defaultPending
      others = variables["CONE_SHELL_PROMPT_OTHERS"] ?? Self.defaultOthers
      none = variables["CONE_SHELL_PROMPT_NONE"] ?? Self.defaultNone
      color = environment.flag("CONE_SHELL_PROMPT_COLOR")
      activeColor = environment["CONE_SHELL_PROMPT_COLOR_ACTIVE"] ?? "32"
      expiringColor = environment["CONE_SHELL_PROMPT_COLOR_EXPIRING"] ?? "31"
      pendingColor = environment["CONE_SHELL_PROMPT_COLOR_PENDING"] ?? "33"
    }

    /// A count of minutes as the shells accept it: 1 to 9 ASCII digits.
    static func minutes(_ text: String?) -> Int? {
      guard let text, (1...9).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
        return nil
      }
      return Int(text)
    }
  }

  /// How colour escapes are marked as taking no room, for each shell's prompt.
  public enum Markup: String, Sendable, CaseIterable {
    /// Raw escapes: fish, starship, a terminal.
    case plain
    /// Between \001 and \002, which readline skips when measuring PS1.
    case bash
    /// Between %{ and %}.
    case zsh
  }

  public var profile: String?
  public var style: Style

  public init(profile: String?, style: Style = Style()) {
    self.profile = profile
    self.style = style
  }

  /// The current profile as the shells pick it: AWS_PROFILE, AWS_DEFAULT_PROFILE,
  /// then CONE_SHELL_LAST_PROFILE. (For the request itself the wrapper follows
  /// the AWS CLI v2, where AWS_PROFILE also wins.)
  public static func currentProfile(environment: Environment) -> String? {
    environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"]
      ?? environment["CONE_SHELL_LAST_PROFILE"]
  }

  /// The segment for `grants` at `now` (seconds since the epoch); "" when there
  /// is nothing to show. The shells compute the same, byte for byte:
  ///
  /// - the current profile's grant is its first entry (names compared byte for
  ///   byte), and the others are the active entries of every other profile;
  /// - a grant that ends more than ten years on shows ∞ as one without an end
  ///   (fish's `math`, which works in doubles, cannot count such minutes exactly);
  /// - the profile name, which comes from the environment or the command line,
  ///   shows each control character as U+FFFD, and in zsh markup each `%` as `%%`
  ///   (a prompt escape otherwise). The formats are the user's and stay as they are.
  public func render(_ grants: GrantsFile?, now: Int, markup: Markup = .plain) -> String {
    let entries = (grants?.entries ?? []).filter { $0.state != .none }
    func isActive(_ entry: GrantsFile.Entry) -> Bool {
      entry.state == .active && (entry.expires.map { $0 > now } ?? true)
    }
    let name = profile ?? ""
    let current = profile.flatMap { name in entries.first { GrantsFile.same($0.profile, name) } }
    let others = entries.filter { !GrantsFile.same($0.profile, name) && isActive($0) }.count
    var shown = Self.printable(name)
    if markup == .zsh { shown = Self.replacing("%", with: "%%", in: shown) }
    var values = [
      "profile": shown, "minutes": "∞", "left": "∞", "task": "?", "count": String(others),
    ]

    var main = ""
    if let current, isActive(current) {
      var expiring = false
      if let expires = current.expires, expires - now <= Self.longestCountedGrant {
        let minutes = (expires - now + 59) / 60
        values["minutes"] = String(minutes)
        values["left"] = TimeLeft.text(minutes: minutes)
        expiring = minutes <= style.warnMinutes
      }
      main =
        expiring
        ? colored(expand(style.expiring, values), code: style.expiringColor, markup: markup)
        : colored(expand(style.active, values), code: style.activeColor, markup: markup)
    } else if let current, current.state == .pending {
      values["task"] = current.task ?? "?"
      main = colored(expand(style.pending, values), code: style.pendingColor, markup: markup)
    }
    var rest = ""
    if others > 0 {
      if main.isEmpty { main = expand(style.none, values) }
      rest = expand(style.others, values)
    }
    return !main.isEmpty && !rest.isEmpty ? main + " " + rest : main + rest
  }

  /// Ten years, in seconds: a grant that ends later shows ∞.
  public static let longestCountedGrant = 315_360_000

  /// `text` with each control character (C0, DEL, C1) replaced by U+FFFD.
  public static func printable(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x00..<0x20, 0x7F...0x9F: scalars.append("\u{FFFD}")
      default: scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  private func expand(_ format: String, _ values: [String: String]) -> String {
    var result = format
    // The shells replace in this order; a value that contains a later
    // placeholder is expanded again, identically everywhere.
    for key in ["profile", "minutes", "left", "task", "count"] {
      result = Self.replacing("{\(key)}", with: values[key] ?? "", in: result)
    }
    return result
  }

  /// `text` with each `target` replaced, left to right, Unicode scalar by scalar as
  /// the shells replace (Swift's own `replacing` matches whole characters, and would
  /// miss a `%` that a combining mark follows).
  static func replacing(_ target: String, with replacement: String, in text: String) -> String {
    let target = Array(target.unicodeScalars)
    let scalars = Array(text.unicodeScalars)
    guard !target.isEmpty, scalars.count >= target.count else { return text }
    var result = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
      if index + target.count <= scalars.count, scalars[index..<index + target.count].elementsEqual(target) {
        result.append(contentsOf: replacement.unicodeScalars)
        index += target.count
      } else {
        result.append(scalars[index])
        index += 1
      }
    }
    return String(result)
  }

  private func colored(_ text: String, code: String, markup: Markup) -> String {
    guard style.color, !text.isEmpty else { return text }
    let on = "\u{1B}[\(code)m"
    let off = "\u{1B}[0m"
    switch markup {
    case .plain: return on + text + off
    case .bash: return "\u{01}" + on + "\u{02}" + text + "\u{01}" + off + "\u{02}"
    case .zsh: return "%{" + on + "%}" + text + "%{" + off + "%}"
    }
  }
}

extension PromptSegment {
  /// The segment for this environment's current profile, from the grants file in its
  /// state directory: what `cone-shell prompt` prints. Any problem gives "".
  public static func renderForCurrentShell(
    environment: Environment, now: Int, profile: String? = nil, style: Style? = nil, markup: Markup = .plain
  ) -> String {
    let segment = PromptSegment(
      profile: profile ?? currentProfile(environment: environment), style: style ?? Style(environment: environment))
    let store = StateStore(paths: Paths(environment: environment))
    let grants = ((try? store.read(GrantsFile.fileName)) ?? nil).map {
      GrantsFile(parsing: String(decoding: $0, as: UTF8.self))
    }
    return segment.render(grants, now: now, markup: markup)
  }
}
