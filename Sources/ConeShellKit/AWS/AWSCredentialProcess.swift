/// The `credential_process` setting: a command line that botocore splits with Python's
/// `shlex.split` and the Go SDK runs with `sh -c`.
public enum AWSCredentialProcess {
  /// `arguments` as a `credential_process` value that both readers turn back into
  /// exactly `arguments`: plain words stay bare, anything else is double-quoted
  /// (`"/Users/Jane Doe/bin/cone-shell" creds production-admin`).
  ///
  /// - Throws: `AWSConfigEditError.invalidArgument` for an empty command and for what
  ///   cannot be quoted the same way for both: `"`, `\`, `$`, a backquote, `#`, `;`
  ///   (Go cuts a value there), line breaks and control characters.
  public static func commandLine(_ arguments: [String]) throws(AWSConfigEditError) -> String {
    guard let command = arguments.first, !command.isEmpty else {
      throw .invalidArgument("", problem: "is empty, and credential_process needs a command")
    }
    var words: [String] = []
    for argument in arguments {
      try check(argument)
      words.append(isBare(argument) ? argument : "\"" + argument + "\"")
    }
    // The Go SDK drops the quotes around a value that starts and ends with one, so
    // then the first word's quote opens after its first character: `/"a b/x"`.
    if words[0].unicodeScalars.first == "\"", words[words.count - 1].unicodeScalars.last == "\"" {
      let first = command.unicodeScalars.first!
      guard isBare(String(first)) else {
        throw .invalidArgument(command, problem: "starts with a character that needs quoting")
      }
      words[0] = String(first) + "\"" + String(command.unicodeScalars.dropFirst()) + "\""
    }
    return words.joined(separator: " ")
  }

  /// The arguments botocore runs for a `credential_process` value, or nil when it
  /// cannot be split (an unclosed quote).
  public static func arguments(of commandLine: String) -> [String]? {
    AWSConfigShlex.split(commandLine)
  }

  /// Characters that shlex and `sh` read alike without quotes.
  static func isBare(_ argument: String) -> Bool {
    !argument.isEmpty
      && argument.unicodeScalars.allSatisfy {
        AWSConfigSyntax.isASCIIAlphanumeric($0) || "_./@+,:%-".unicodeScalars.contains($0)
      }
  }

  static func check(_ argument: String) throws(AWSConfigEditError) {
    for scalar in argument.unicodeScalars {
      if AWSConfigSanitizer.isControlOrLineBreak(scalar) {
        throw .invalidArgument(argument, problem: "contains a line break or a control character")
      }
      if scalar == "#" || scalar == ";" {
        throw .invalidArgument(argument, problem: "contains '#' or ';', where Go-based AWS tools cut the value")
      }
      if "\"\\$`".unicodeScalars.contains(scalar) {
        throw .invalidArgument(
          argument, problem: "contains '\"', '\\', '$' or '`', which sh and shlex read differently")
      }
    }
  }
}
