import PropertyBased

/// Generates AWS config files from botocore's grammar, covering every construct the
/// model must keep: comments (`#`, `;`, indented, inside values), blank lines, CRLF, LF
/// and lone CR line ends, a missing final newline, `[default]`, `[profile x]` with odd
/// spacing and quoting, `[sso-session]`, `[services]`, `[DEFAULT]`, unknown sections,
/// `key: value`, continuation lines, nested blocks (`s3 =`), indented keys and headers.
/// Every generated file is one botocore accepts.
struct AWSConfigGrammar {
  var random: SplitMix

  static let generator = Generator<String, Shrink.None<String>> { rng in
    var grammar = AWSConfigGrammar(random: SplitMix(seed: rng.next()))
    return grammar.document()
  }

  static let profileNames = ["a", "prod-admin", "x.y_z", "ünï", "a@b+c/d", "e]f", "default", "dev", "b"]
  static let keys = [
    "region", "output", "credential_process", "sso_session", "Region_Case", "REGION", "cone_app_id",
    "key with space", "ключ", "sso_start_url", "x",
  ]
  static let values = [
    "us-west-2", "json", "a # not a comment", "b ; not either", "x=y:z", "ünïcödé ✓", "", "  spaced  ",
    "/usr/bin/cone-shell creds \"a b\"", "[bracketed]", "tab\there", "https://d-1.awsapps.com/start#/",
    "\u{00A0}nbsp\u{00A0}",
  ]
  static let comments = ["# comment", "; semicolon", "#", "  # indented", "\t; tabbed", "# [profile fake]"]

  private var lines: [String] = []
  private var headers: Set<[Unicode.Scalar]> = []
  private var defaultKeys: Set<String> = []
  /// The indentation of the last key line, or nil right after a header.
  private var keyIndent: Int?

  init(random: SplitMix) {
    self.random = random
  }

  mutating func document() -> String {
    let ending = pick(["\n", "\n", "\n", "\r\n", "\r\n", "\r"])
    for _ in 0..<int(0...2) { lines.append(random.chance(0.5) ? pick(Self.comments) : blank()) }
    for _ in 0..<int(0...6) { section() }
    for _ in 0..<int(0...2) { lines.append(random.chance(0.5) ? pick(Self.comments) : blank()) }
    var text = ""
    for (number, line) in lines.enumerated() {
      text += line
      if number < lines.count - 1 || random.chance(0.7) {
        text += random.chance(0.05) ? pick(["\n", "\r\n", "\r"]) : ending
      }
    }
    return text
  }

  private mutating func section() {
    var header = ""
    for _ in 0..<10 {
      header = headerText()
      if header == "DEFAULT" || headers.insert(Array(header.unicodeScalars)).inserted { break }
      header = ""
    }
    guard !header.isEmpty else { return }
    // A header indented deeper than the last key would continue that key's value.
    let indent = min(int(0...2) == 0 ? int(1...3) : 0, keyIndent ?? 3)
    lines.append(String(repeating: " ", count: indent) + "[" + header + "]" + pick(["", "", " ; trailing", "  "]))
    keyIndent = nil
    var used: Set<String> = []
    for _ in 0..<int(0...5) {
      switch int(0...9) {
      case 0: lines.append(pick(Self.comments))
      case 1: lines.append(blank())
      default:
        let key = pick(Self.keys)
        let lowered = key.lowercased()
        guard !used.contains(lowered), header != "DEFAULT" || !defaultKeys.contains(lowered) else { continue }
        used.insert(lowered)
        if header == "DEFAULT" { defaultKeys.insert(lowered) }
        setting(key)
      }
    }
  }

  private mutating func headerText() -> String {
    let name = pick(Self.profileNames)
    switch int(0...15) {
    case 0: return "default"
    case 1: return "profile " + name
    case 2: return "profile   " + name
    case 3: return "profile\t" + name
    case 4: return "profile \"" + name + " q\""
    case 5: return "profile '" + name + " s'"
    case 6: return " profile " + name + " "
    case 7: return "Profile " + name
    case 8: return "profile " + name + " extra"
    case 9: return "sso-session " + name
    case 10: return "services " + name
    case 11: return "preview"
    case 12: return "plugins"
    case 13: return "DEFAULT"
    case 14: return "profile default"
    default: return "profile " + name
    }
  }

  private mutating func setting(_ key: String) {
    // Keys after the first are never deeper than the one before, else they continue it.
    let indent = min(int(0...2) == 0 ? int(1...2) : 0, keyIndent ?? 2)
    keyIndent = indent
    let prefix = String(repeating: " ", count: indent) + key + pick([" = ", "=", ": ", " : ", " =  ", ":"])
    let deeper = String(repeating: " ", count: indent + int(1...4))
    if random.chance(0.15) {
      // A nested block: every non-blank line inside has `=`.
      lines.append(prefix.trimmingTrailingSpaces())
      for _ in 0..<int(1...3) {
        switch int(0...5) {
        case 0: lines.append(pick(Self.comments))
        case 1: lines.append(blank())
        default:
          lines.append(deeper + pick(["addressing_style = path", "Max_Attempts=3", "k = v # kept", "a = b = c"]))
        }
      }
      return
    }
    var value = pick(Self.values)
    if value.isEmpty { value = "v" }
    lines.append(prefix + value)
    if random.chance(0.25) {
      for _ in 0..<int(1...3) {
        switch int(0...4) {
        case 0: lines.append(pick(Self.comments))
        case 1: lines.append(blank())
        default: lines.append(deeper + pick(["second line", "[not a header]", "k = v", "third: x"]))
        }
      }
    }
  }

  private mutating func blank() -> String {
    pick(["", "", "  ", "\t"])
  }

  private mutating func int(_ range: ClosedRange<Int>) -> Int {
    Int.random(in: range, using: &random)
  }

  private mutating func pick<T>(_ options: [T]) -> T {
    options.randomElement(using: &random)!
  }
}

/// A small seeded generator, so that one seed from PropertyBased gives one document.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func chance(_ probability: Double) -> Bool {
    Double.random(in: 0..<1, using: &self) < probability
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
