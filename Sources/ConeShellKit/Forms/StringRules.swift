/// protoc-gen-validate's StringRules, as C1 puts them on a string field or on each item
/// of a list. Lengths count Unicode code points; the byte rules count UTF-8 bytes.
public struct StringRules: Sendable, Hashable, Decodable {
  public var const: String?
  public var length: Int64?
  public var minLength: Int64?
  public var maxLength: Int64?
  public var lengthInBytes: Int64?
  public var minBytes: Int64?
  public var maxBytes: Int64?
  /// An RE2 expression that must match somewhere in the value (no implicit anchors).
  public var pattern: String?
  public var prefix: String?
  public var suffix: String?
  public var contains: String?
  public var notContains: String?
  public var allowedValues: [String]
  public var forbiddenValues: [String]
  /// The rules apply only to a value that is not empty.
  public var ignoreEmpty: Bool
  public var format: StringFormat?

  public init(
    const: String? = nil, length: Int64? = nil, minLength: Int64? = nil,
    maxLength: Int64? = nil, lengthInBytes: Int64? = nil, minBytes: Int64? = nil,
    maxBytes: Int64? = nil, pattern: String? = nil, prefix: String? = nil,
    suffix: String? = nil, contains: String? = nil, notContains: String? = nil,
    allowedValues: [String] = [], forbiddenValues: [String] = [], ignoreEmpty: Bool = false,
    format: StringFormat? = nil
  ) {
    self.const = const
    self.length = length
    self.minLength = minLength
    self.maxLength = maxLength
    self.lengthInBytes = lengthInBytes
    self.minBytes = minBytes
    self.maxBytes = maxBytes
    self.pattern = pattern
    self.prefix = prefix
    self.suffix = suffix
    self.contains = contains
    self.notContains = notContains
    self.allowedValues = allowedValues
    self.forbiddenValues = forbiddenValues
    self.ignoreEmpty = ignoreEmpty
    self.format = format
  }

  private enum CodingKeys: String, CodingKey {
    case const, len, minLen, maxLen, lenBytes, minBytes, maxBytes, pattern, prefix, suffix
    case contains, notContains, `in`, notIn, ignoreEmpty
    case email, hostname, ip, ipv4, ipv6, uri, uriRef, address, uuid, wellKnownRegex, strict
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    // proto3 cannot tell "" from unset, so an empty literal is no rule.
    const = try container.decodeNonEmptyStringIfPresent(forKey: .const)
    length = try container.decodeInt64IfPresent(forKey: .len)
    minLength = try container.decodeInt64IfPresent(forKey: .minLen)
    maxLength = try container.decodeInt64IfPresent(forKey: .maxLen)
    lengthInBytes = try container.decodeInt64IfPresent(forKey: .lenBytes)
    minBytes = try container.decodeInt64IfPresent(forKey: .minBytes)
    maxBytes = try container.decodeInt64IfPresent(forKey: .maxBytes)
    pattern = try container.decodeNonEmptyStringIfPresent(forKey: .pattern)
    prefix = try container.decodeNonEmptyStringIfPresent(forKey: .prefix)
    suffix = try container.decodeNonEmptyStringIfPresent(forKey: .suffix)
    contains = try container.decodeNonEmptyStringIfPresent(forKey: .contains)
    notContains = try container.decodeNonEmptyStringIfPresent(forKey: .notContains)
    allowedValues = try container.decodeArrayIfPresent([String].self, forKey: .in)
    forbiddenValues = try container.decodeArrayIfPresent([String].self, forKey: .notIn)
    ignoreEmpty = try container.decodeIfPresent(Bool.self, forKey: .ignoreEmpty) ?? false
    let flags: [(CodingKeys, StringFormat)] = [
      (.email, .email), (.hostname, .hostname), (.ip, .ip), (.ipv4, .ipv4), (.ipv6, .ipv6),
      (.uri, .uri), (.uriRef, .uriReference), (.address, .address), (.uuid, .uuid),
    ]
    format = nil
    for (key, candidate) in flags
    where try container.decodeIfPresent(Bool.self, forKey: key) == true {
      format = candidate
      break
    }
    if format == nil {
      // Unknown enum values (and UNKNOWN) are no rule.
      let strict = try container.decodeIfPresent(Bool.self, forKey: .strict) ?? true
      switch try container.decodeIfPresent(String.self, forKey: .wellKnownRegex) {
      case "HTTP_HEADER_NAME": format = .httpHeaderName(strict: strict)
      case "HTTP_HEADER_VALUE": format = .httpHeaderValue(strict: strict)
      default: break
      }
    }
  }

  /// The pattern compiled, or why it cannot be. RE2's common syntax is also Swift
  /// Regex syntax; RE2 matches code points, so this does too.
  func compiledPattern() -> Result<Regex<AnyRegexOutput>, FormPatternError>? {
    guard let pattern else { return nil }
    do {
      return .success(try Regex(pattern).matchingSemantics(.unicodeScalar))
    } catch {
      return .failure(FormPatternError(pattern: pattern, reason: "\(error)"))
    }
  }

  /// Rules this tool cannot check (a pattern it cannot read), in words, so that a
  /// person knows C1 will check them instead.
  public var uncheckedRules: [String] {
    guard case .failure(let error) = compiledPattern() else { return [] }
    return [error.description]
  }

  /// The rules as checks. `example` (the field's placeholder or default) is shown with
  /// the pattern when it matches, because a pattern alone is hard to read.
  func checks(example: String? = nil) -> [RuleCheck<String>] {
    var checks: [RuleCheck<String>] = []
    func add(_ requirement: String, _ test: @escaping (String) -> Bool) {
      checks.append(
        RuleCheck(requirement) { value in
          value.isEmpty && self.ignoreEmpty ? true : test(value)
        })
    }
    if let const { add("must be \(FormText.quoted(const))") { $0 == const } }
    if let length {
      add("must be exactly \(FormText.counted(length, "character")) long") {
        $0.unicodeScalars.count == length
      }
    }
    if let minLength, minLength > 0 {
      add("must be at least \(FormText.counted(minLength, "character")) long") {
        $0.unicodeScalars.count >= minLength
      }
    }
    if let maxLength {
      add("must be at most \(FormText.counted(maxLength, "character")) long") {
        $0.unicodeScalars.count <= maxLength
      }
    }
    if let lengthInBytes {
      add("must be exactly \(FormText.counted(lengthInBytes, "byte")) long") {
        $0.utf8.count == lengthInBytes
      }
    }
    if let minBytes, minBytes > 0 {
      add("must be at least \(FormText.counted(minBytes, "byte")) long") {
        $0.utf8.count >= minBytes
      }
    }
    if let maxBytes {
      add("must be at most \(FormText.counted(maxBytes, "byte")) long") {
        $0.utf8.count <= maxBytes
      }
    }
    if case .success(let regex) = compiledPattern(), let pattern {
      let matches = { (value: String) in (try? regex.firstMatch(in: value)) != nil }
      let shown = example.map { matches($0) ? "\(pattern), e.g. \($0)" : pattern } ?? pattern
      add("must match \(shown)", matches)
    }
    if let prefix { add("must start with \(FormText.quoted(prefix))") { $0.hasPrefix(prefix) } }
    if let suffix { add("must end with \(FormText.quoted(suffix))") { $0.hasSuffix(suffix) } }
    if let contains { add("must contain \(FormText.quoted(contains))") { $0.contains(contains) } }
    if let notContains {
      add("must not contain \(FormText.quoted(notContains))") { !$0.contains(notContains) }
    }
    if !allowedValues.isEmpty {
      add("must be one of: \(allowedValues.joined(separator: ", "))") { allowedValues.contains($0) }
    }
    if !forbiddenValues.isEmpty {
      add("cannot be \(FormText.listed(forbiddenValues.map(FormText.quoted)))") {
        !forbiddenValues.contains($0)
      }
    }
    if let format { add("must be \(format.requirement)", format.matches) }
    return checks
  }
}

/// A pattern in a form that Swift's Regex cannot read.
public struct FormPatternError: Error, Sendable, Hashable, CustomStringConvertible {
  public var pattern: String
  public var reason: String

  public var description: String {
    "the pattern \(pattern) cannot be checked here (\(reason)); ConductorOne checks it when the request is sent"
  }
}
