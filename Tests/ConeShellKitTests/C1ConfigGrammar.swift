import PropertyBased

/// Generates cone config files as people leave them: comments and blank lines anywhere,
/// LF or CRLF, with or without a final line break, keys cone-shell does not know at
/// every level (scalars, flow and block lists, block scalars, nested mappings), anchors
/// and aliases (merge keys too) on what cone-shell never edits, plain, quoted and
/// commented values, profiles written in block or flow style, null or missing.
///
/// Each line records the keys it belongs to, so that a test can tell which lines an
/// edit may touch: every other line must survive byte for byte.
struct C1ConfigGrammar {
  var random: SplitMix

  static let generator = Generator<C1ConfigSample, Shrink.None<C1ConfigSample>> { rng in
    var grammar = C1ConfigGrammar(random: SplitMix(seed: rng.next()))
    return grammar.sample()
  }

  static let profileNames = ["default", "work", "a-b", "x_y.z", "123"]
  static let plainValues = [
    "strange-hydra-68836@acme.conductor.one/pcc", "secret-token:conductorone.com:v1:eyJrdHkiOiJPS1AifQ",
    "https://acme.conductor.one", "us-east-1", "it's", "a#b", "ünï",
  ]
  static let quotedValues = ["\"quoted # not a comment\"", "'single ''quoted'''", "\"esc\\tape\"", "''"]
  static let comments = ["# comment", "#", "  # indented", "# profiles:", "#\tclient-id: fake"]

  private var lines: [C1ConfigSample.Line] = []
  private var ending = "\n"
  /// Whether `&shared` is defined yet: an alias may only follow its anchor.
  private var anchored = false
  private var anchoredX = false

  init(random: SplitMix) {
    self.random = random
  }

  mutating func sample() -> C1ConfigSample {
    ending = random.chance(0.3) ? "\r\n" : "\n"
    filler()
    if random.chance(0.3) {
      line("anchors: [&x 1]", [])
      anchoredX = true
    }
    var keys = ["profiles", "aws_sso_start_url", "aws_sso_region", "aws_default_region", "debug", "custom", "list"]
    keys.shuffle(using: &random)
    for key in keys where random.chance(0.75) {
      switch key {
      case "profiles": profiles()
      case "debug": line("debug: false" + comment(), [])
      case "custom":
        line("custom: &shared", [])
        line("  nested: [1, \"*x\", \"]\"" + (anchoredX ? ", *x]" : "]"), [])
        line("  notes: |", [])
        line("    a block scalar", [])
        line("    # that is text, not a comment", [])
        // A block scalar at the very end of a file without a final line break would
        // gain one (and its value a newline) when a key is added after it.
        line("  end: true", [])
        anchored = true
      case "list":
        line("list:", [])
        for item in ["- a", "- {b: c}", "-   'd'"] where random.chance(0.7) { line(item, []) }
        if anchored && random.chance(0.5) { line("- *shared", []) }
      default:
        if random.chance(0.2) {
          line(key + ":" + comment(), [[key]])
        } else {
          line(key + ": " + value() + comment(), [[key]])
        }
      }
      filler()
    }
    let text = lines.enumerated().map { number, line in
      number == lines.count - 1 && random.chance(0.3) ? line.text : line.text + ending
    }
    return C1ConfigSample(
      lines: zip(lines, text).map { C1ConfigSample.Line(text: $1, owners: $0.owners) })
  }

  private mutating func profiles() {
    switch int(0...9) {
    case 0:
      line("profiles:" + comment(), [["profiles"]])
    case 1:
      // One flow line: an edit inside it may rewrite the line.
      let names = Self.profileNames.shuffled(using: &random).prefix(int(0...2))
      let written = names.map { name in
        "\(name): {client-id: \(pick(Self.plainValues.filter { !$0.contains("#") && !$0.contains("'") })), output: json}"
      }
      line("profiles: {" + written.joined(separator: ", ") + "}" + comment(), [["profiles"]])
    default:
      line("profiles:" + (random.chance(0.3) ? " &profiles" : "") + comment(), [])
      let names = Self.profileNames.shuffled(using: &random).prefix(int(1...3))
      for name in names {
        filler(indent: "  ")
        profile(name)
      }
    }
  }

  private mutating func profile(_ name: String) {
    let path = ["profiles", name]
    switch int(0...7) {
    case 0:
      line("  \(name):" + comment(), [path])
    case 1:
      line("  \(name): {client-id: x, output: json}", [path])
    default:
      line("  \(name):" + (random.chance(0.2) ? " &p-" + name.replacing(".", with: "_") : "") + comment(), [])
      var keys = ["client-id", "client-secret", "api-endpoint", "output", "tags", "<<"].shuffled(using: &random)
      keys = keys.filter { _ in random.chance(0.6) }
      if keys.isEmpty { keys = ["output"] }
      for key in keys {
        switch key {
        case "output": line("    output: json" + comment(), [])
        case "tags": line("    tags: [a, 'b, c', {d: e}]" + comment(), [])
        case "<<":
          line(anchored ? "    <<: *shared" : "    <<: {extra: 1}", [])
        default:
          if random.chance(0.15) {
            line("    \(key): >-", [path + [key]])
            line("      folded", [path + [key]])
            line("      text", [path + [key]])
            // What follows, indented into it, is its text.
            while random.chance(0.3) { line("      # text", [path + [key]]) }
            continue
          }
          line("    \(key): " + value() + comment(), [path + [key]])
        }
        filler(indent: "    ")
      }
    }
  }

  private mutating func value() -> String {
    random.chance(0.7) ? pick(Self.plainValues) : pick(Self.quotedValues)
  }

  private mutating func comment() -> String {
    random.chance(0.3) ? pick(["  # why", " # ünï", "\t# tab"]) : ""
  }

  private mutating func filler(indent: String = "") {
    while random.chance(0.3) {
      line(random.chance(0.5) ? indent + pick(Self.comments) : pick(["", "  "]), [])
    }
  }

  private mutating func line(_ text: String, _ owners: [[String]]) {
    lines.append(C1ConfigSample.Line(text: text, owners: owners))
  }

  private mutating func pick<T>(_ choices: [T]) -> T {
    choices.randomElement(using: &random)!
  }

  private mutating func int(_ range: ClosedRange<Int>) -> Int {
    Int.random(in: range, using: &random)
  }
}

/// A generated config, line by line (each line with its line break, if any).
struct C1ConfigSample: CustomStringConvertible, Sendable {
  struct Line: Sendable {
    var text: String
    /// The keys (as paths) whose change may rewrite this line.
    var owners: [[String]]
  }

  var lines: [Line]

  var text: String { lines.map(\.text).joined() }

  var description: String { String(reflecting: text) }
}
