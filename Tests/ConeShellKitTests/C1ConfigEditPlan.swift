import Yams
@testable import ConeShellKit

/// One change through C1Config's API, as `login` and `setup` make them.
enum C1ConfigEdit: CustomStringConvertible {
  case credential(profile: String, clientID: String, clientSecret: String, apiEndpoint: String?)
  case aws(key: String, value: String?)

  static let names = C1ConfigGrammar.profileNames + ["new-one", "a b: c", "#x"]
  static let awsKeys = ["aws_sso_start_url", "aws_sso_region", "aws_default_region"]
  /// Values that would break the file written as they are, and some already in it.
  static let values = [
    "plain", "new\nline", "# hash", "a: b", "'q'", "\"dq\"", "&a", "*a", "- dash", "{x}", "[y]", "tab\there", "ünï",
    "back\\slash", "  spaced  ", "nel\u{85}ls\u{2028}", "bell\u{7}", "strange-hydra-68836@acme.conductor.one/pcc",
    "us-east-1", "---", "...",
  ]

  static func random(using random: inout SplitMix) -> C1ConfigEdit {
    func value() -> String { values.randomElement(using: &random)! }
    if random.chance(0.6) {
      return .credential(
        profile: names.randomElement(using: &random)!, clientID: value(), clientSecret: value(),
        apiEndpoint: random.chance(0.5) ? value() : nil)
    }
    return .aws(key: awsKeys.randomElement(using: &random)!, value: random.chance(0.7) ? value() : nil)
  }

  func apply(to config: inout C1Config) {
    switch self {
    case .credential(let profile, let clientID, let clientSecret, let apiEndpoint):
      config.setCredential(profile: profile, clientID: clientID, clientSecret: clientSecret, apiEndpoint: apiEndpoint)
    case .aws("aws_sso_start_url", let value): config.awsSSOStartURL = value
    case .aws("aws_sso_region", let value): config.awsSSORegion = value
    case .aws(_, let value): config.awsDefaultRegion = value
    }
  }

  /// The keys this edit may change, as paths.
  var leaves: [[String]] {
    switch self {
    case .credential(let profile, _, _, _): ["client-id", "client-secret", "api-endpoint"].map { ["profiles", profile, $0] }
    case .aws(let key, _): [[key]]
    }
  }

  /// Whether the edit removes a key (when it is there).
  var removes: Bool {
    switch self {
    case .credential(_, _, _, let endpoint): endpoint == nil
    case .aws(_, let value): value == nil
    }
  }

  var description: String {
    switch self {
    case .credential(let profile, let id, let secret, let endpoint):
      "setCredential(\(String(reflecting: profile)), \(String(reflecting: id)), \(String(reflecting: secret)), \(String(reflecting: endpoint)))"
    case .aws(let key, let value): "\(key) = \(String(reflecting: value))"
    }
  }

  /// What is wrong with making `edits` on `sample`: an empty list when every line no
  /// edited key owns survives byte for byte and in order, the final line break stays as
  /// it was, the text reads back as the edits and the rest of the document as it was,
  /// and making the last edit again changes nothing.
  static func problems(making edits: [C1ConfigEdit], on sample: C1ConfigSample) throws -> [String] {
    var problems: [String] = []
    let original = try C1Config(parsing: sample.text)
    var config = original
    for edit in edits { edit.apply(to: &config) }
    if let failure = config.failure { return ["refused: \(failure)"] }
    let text = config.text

    // Every line no edited key owns is still there, in order.
    let leaves = edits.flatMap(\.leaves)
    let kept = sample.lines.enumerated().filter { _, line in
      !line.owners.contains { owner in leaves.contains { $0.starts(with: owner) } }
    }
    let lines = splitLines(text)
    var position = 0
    for (number, line) in kept where !line.text.isEmpty {
      // The last line may have gained the line break a new key after it needed.
      let isLast = number == sample.lines.count - 1
      guard
        let found = lines[position...].firstIndex(where: {
          $0 == line.text || (isLast && $0.unicodeScalars.starts(with: line.text.unicodeScalars))
        })
      else {
        problems.append("line \(number + 1) \(String(reflecting: line.text)) is gone")
        break
      }
      position = found + 1
    }
    // A file that ends without a line break still does. (Where a key is removed, the
    // line before it may end the file now, and it keeps its line break.)
    if let last = sample.lines.last(where: { !$0.text.isEmpty }), !endsWithBreak(sample.text),
      kept.contains(where: { $0.element.text == last.text }), !edits.contains(where: \.removes), endsWithBreak(text)
    {
      problems.append("the final line break changed")
    }

    // The text reads back as the edits made on what was read.
    let reread = try C1Config(parsing: text)
    var profiles: [String: C1Profile?] = [:]
    var aws: [String: String?] = [:]
    for edit in edits {
      switch edit {
      case .credential(let name, let id, let secret, let endpoint):
        profiles[name] = C1Profile(name: name, clientID: id, clientSecret: secret, apiEndpoint: endpoint)
      case .aws(let key, let value):
        aws[key] = value
      }
    }
    for name in Set(original.profileNames + Array(profiles.keys)) {
      let expected = profiles[name] ?? original.profile(named: name)
      if reread.profile(named: name) != expected { problems.append("profile \(name) reads back wrong") }
    }
    let awsValues = { (config: C1Config) in
      [config.awsSSOStartURL, config.awsSSORegion, config.awsDefaultRegion]
    }
    let expectedAWS = zip(awsKeys, awsValues(original)).map { key, value in aws[key] ?? value }
    if awsValues(reread) != expectedAWS { problems.append("the aws_* keys read back wrong") }

    // Everything else is the same document: the other top-level keys, the other
    // profiles and the other keys of the edited ones.
    let before = try Yams.compose(yaml: sample.text)?.mapping ?? [:]
    let after = try Yams.compose(yaml: text)?.mapping ?? [:]
    for (key, value) in before {
      guard let name = key.string, name != "profiles", !aws.keys.contains(name) else { continue }
      if after[name] != value { problems.append("top-level \(name) changed") }
    }
    for (key, value) in before["profiles"]?.mapping ?? [:] {
      guard let name = key.string else { continue }
      guard profiles[name] != nil else {
        if after["profiles"]?[name] != value { problems.append("profile \(name) changed") }
        continue
      }
      for (inner, innerValue) in value.mapping ?? [:] {
        guard let innerName = inner.string, !["client-id", "client-secret", "api-endpoint"].contains(innerName) else {
          continue
        }
        if after["profiles"]?[name]?[innerName] != innerValue { problems.append("\(name).\(innerName) changed") }
      }
    }

    // Nothing changes when nothing has to.
    var again = reread
    edits.last!.apply(to: &again)
    if Array(again.text.utf8) != Array(text.utf8) { problems.append("making the last edit again changed the text") }
    return problems
  }

  /// The lines of `text`, each with its line break.
  static func splitLines(_ text: String) -> [String] {
    var lines: [String] = []
    var current = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      current.append(scalars[index])
      if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
        current.append("\n")
        index += 1
      }
      if C1ConfigText.isBreak(scalars[index]) {
        lines.append(String(current))
        current = String.UnicodeScalarView()
      }
      index += 1
    }
    if !current.isEmpty { lines.append(String(current)) }
    return lines
  }

  private static func endsWithBreak(_ text: String) -> Bool {
    text.unicodeScalars.last.map(C1ConfigText.isBreak) ?? false
  }
}
