/// A line typed at the `cone-shell interactive` prompt, parsed: the commands of the
/// same names on the command line, with the arguments that make sense at a console.
public enum ConsoleCommand: Sendable, Hashable {
  case profiles
  case status
  /// Always waits for the decision, as `request --wait` does.
  case request(profile: String, duration: String? = nil, justification: String? = nil)
  case check(profile: String, refresh: Bool = false)
  case task(String)
  case help(topic: String? = nil)
  case quit

  /// The command a line holds; nil for a blank line.
  public init?(parsing line: String) throws(ConsoleError) {
    var words = try ConsoleWords.split(line)[...]
    // Commands pasted from cone-shell's own messages (`cone-shell task 12`) work too.
    if words.first == "cone-shell" { words = words.dropFirst() }
    guard let name = words.first else { return nil }
    guard let spec = ConsoleCommandSpec.named(name) else { throw .unknownCommand(name) }
    let arguments = try ConsoleArguments(words.dropFirst(), spec: spec)
    switch spec.name {
    case "profiles": self = .profiles
    case "status": self = .status
    case "request":
      let duration = arguments.values["duration"]
      if let duration, Duration.parse(spelled: duration) == nil {
        throw ConsoleError("\(AccessError.invalidDuration(duration))")
      }
      self = .request(
        profile: arguments.positional[0], duration: duration,
        justification: arguments.values["justification"])
    case "check": self = .check(profile: arguments.positional[0], refresh: arguments.flags.contains("refresh"))
    case "task": self = .task(arguments.positional[0])
    case "help":
      let topic = arguments.positional.first
      if let topic, ConsoleCommandSpec.named(topic) == nil { throw .unknownCommand(topic) }
      self = .help(topic: topic.flatMap(ConsoleCommandSpec.named)?.name)
    default: self = .quit
    }
  }
}

/// A line the console cannot run, with a message that says what would work.
public struct ConsoleError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }

  static func unknownCommand(_ name: String) -> ConsoleError {
    let guess = ConsoleCommandSpec.closest(to: name).map { " Did you mean \($0)?" } ?? ""
    return ConsoleError(
      "Unknown command \(FormText.quoted(name)).\(guess) Type help for the commands, or Tab to complete one.")
  }
}

/// What each console command takes, for parsing, completion and help.
struct ConsoleCommandSpec: Sendable, Hashable {
  struct Option: Sendable, Hashable {
    var name: String
    var short: Character?
    /// The value's name in help; nil for a flag.
    var valueName: String?
    var help: String
    /// Accepted but not offered (`--wait`: a console request always waits).
    var isHidden = false
  }

  var name: String
  var aliases: [String] = []
  /// The positional arguments' names, all required.
  var arguments: [String] = []
  /// One more positional argument that may be left out.
  var optionalArgument: String?
  var argumentsAreProfiles = false
  var options: [Option] = []
  var summary: String

  var usage: String {
    let optional = (optionalArgument.map { [$0] } ?? [])
      + options.filter { !$0.isHidden }.map { "--\($0.name)" + ($0.valueName.map { " \($0)" } ?? "") }
    return ([name] + arguments + optional.map { "[\($0)]" }).joined(separator: " ")
  }

  static let all: [ConsoleCommandSpec] = [
    ConsoleCommandSpec(
      name: "profiles", summary: "List the cone-shell profiles with their access, from local files."),
    ConsoleCommandSpec(
      name: "status", summary: "Every profile's grant and the time left, fresh from ConductorOne."),
    ConsoleCommandSpec(
      name: "request", arguments: ["PROFILE"], argumentsAreProfiles: true,
      options: [
        Option(
          name: "duration", short: "d", valueName: "D",
          help: "How long, e.g. 30m, 2h (default: the entitlement's maximum)."),
        Option(
          name: "justification", short: "j", valueName: "TEXT",
          help: "Why you need access (shown to approvers); quote it when it has spaces."),
        Option(name: "wait", help: "Always on here.", isHidden: true),
      ],
      summary: "Request access, filling its form if it has one, and wait for the decision."),
    ConsoleCommandSpec(
      name: "check", arguments: ["PROFILE"], argumentsAreProfiles: true,
      options: [Option(name: "refresh", help: "Ask ConductorOne instead of local files.")],
      summary: "Tell whether you have access for a profile."),
    ConsoleCommandSpec(
      name: "task", arguments: ["N"],
      summary: "Show a ConductorOne task: its state, current step, outcome and web address."),
    ConsoleCommandSpec(
      name: "help", optionalArgument: "COMMAND", summary: "List the commands, or explain one."),
    ConsoleCommandSpec(name: "quit", aliases: ["exit"], summary: "Leave the console (Ctrl-D too)."),
  ]

  /// Every name a command can be typed as, in help's order.
  static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }

  /// The option a word names: `--name`, `--name=value` or `-n`.
  func option(named word: String) -> Option? {
    if word.hasPrefix("--") {
      let name = word.dropFirst(2).prefix { $0 != "=" }
      return options.first { $0.name == name }
    }
    return word.count == 2 && word.hasPrefix("-") ? options.first { $0.short == word.last } : nil
  }

  static func named(_ name: String) -> ConsoleCommandSpec? {
    all.first { $0.name == name || $0.aliases.contains(name) }
  }

  /// The command a mistyped name most likely meant: the only one it starts, or one
  /// within two typing mistakes.
  static func closest(to typed: String) -> String? {
    let typed = typed.lowercased()
    if let named = named(typed) { return named.name }
    let starting = names.filter { typed.count >= 2 && $0.hasPrefix(typed) }
    if starting.count == 1 { return starting[0] }
    let near = names.map { ($0, editDistance(typed, $0)) }.filter { $0.1 <= 2 }
    return near.min { $0.1 < $1.1 }?.0
  }

  /// Levenshtein distance, for short words.
  private static func editDistance(_ a: String, _ b: String) -> Int {
    let b = Array(b)
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}

/// A command's words sorted into positional arguments, option values and flags.
struct ConsoleArguments {
  var positional: [String] = []
  var values: [String: String] = [:]
  var flags: Set<String> = []

  init(_ words: ArraySlice<String>, spec: ConsoleCommandSpec) throws(ConsoleError) {
    var words = words
    var optionsEnded = false
    while let word = words.popFirst() {
      guard !optionsEnded, word.hasPrefix("-"), word.count > 1 else {
        positional.append(word)
        continue
      }
      if word == "--" {
        optionsEnded = true
        continue
      }
      guard let option = spec.option(named: word) else {
        throw ConsoleError("\(spec.name) has no option \(word). Usage: \(spec.usage)")
      }
      let value = word.hasPrefix("--") ? word.firstIndex(of: "=").map { String(word[word.index(after: $0)...]) } : nil
      guard option.valueName != nil else {
        if value != nil { throw ConsoleError("--\(option.name) takes no value. Usage: \(spec.usage)") }
        flags.insert(option.name)
        continue
      }
      guard let given = value ?? words.popFirst() else {
        throw ConsoleError("--\(option.name) needs a value. Usage: \(spec.usage)")
      }
      values[option.name] = given
    }
    if positional.count < spec.arguments.count {
      let missing = spec.arguments[positional.count...].joined(separator: " ")
      throw ConsoleError("\(spec.name) needs \(missing). Usage: \(spec.usage)")
    }
    let most = spec.arguments.count + (spec.optionalArgument == nil ? 0 : 1)
    if positional.count > most {
      let extra = positional[most...].map(FormText.quoted).joined(separator: " ")
      throw ConsoleError("\(spec.name) does not take \(extra). Usage: \(spec.usage)")
    }
  }
}

/// Splits a line into words much as a shell does: spaces separate words, single quotes
/// keep everything as it is, double quotes keep spaces, and a backslash outside single
/// quotes keeps the next character as it is.
enum ConsoleWords {
  static func split(_ line: String) throws(ConsoleError) -> [String] {
    var words: [String] = []
    var word: String?
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        word = (word ?? "") + String(character)
        escaped = false
        continue
      }
      switch (quote, character) {
      case ("'", "'"), ("\"", "\""):
        quote = nil
      case ("'", _):
        word = (word ?? "") + String(character)
      case ("\"", "\\"), (nil, "\\"):
        escaped = true
      case ("\"", _):
        word = (word ?? "") + String(character)
      case (nil, "'"), (nil, "\""):
        quote = character
        word = word ?? ""
      case (nil, _) where character.isWhitespace:
        if let finished = word { words.append(finished) }
        word = nil
      default:
        word = (word ?? "") + String(character)
      }
    }
    if let quote { throw ConsoleError("A \(quote) quote is not closed.") }
    if let word { words.append(word) }
    return words
  }
}
