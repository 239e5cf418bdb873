import ConeShellScripts

/// A form in plain text for when it must be filled and there is no terminal (exit code
/// 5): each field with its kind, whether it is required, its default, options and rules
/// in words, then the `cone-shell request` command line that fills it with flags.
public struct FormDescription: Sendable {
  public var form: RequestForm
  /// The AWS profile the request is for, as the command line hint names it.
  public var profile: String

  public init(form: RequestForm, profile: String) {
    self.form = form
    self.profile = profile
  }

  /// The whole description: title, fields, then the command line.
  public var text: String {
    var lines = [form.title]
    if !form.description.isEmpty { lines.append(form.description) }
    for section in form.sections {
      lines.append("")
      var indent = ""
      if let group = section.group {
        lines.append(group.title + ":")
        if !group.helpText.isEmpty { lines.append("  " + group.helpText) }
        indent = "  "
      }
      for field in section.fields {
        lines += fieldLines(field).enumerated().map {
          indent + ($0.offset == 0 ? "" : "    ") + $0.element
        }
      }
    }
    lines.append("")
    lines += commandLines
    return lines.joined(separator: "\n") + "\n"
  }

  /// `cone-shell request PROFILE --field …` with the fields that must be given, and a
  /// second line with the optional ones; or where to go when a field cannot be given.
  public var commandLines: [String] {
    let editable = form.orderedFields.filter { !$0.isReadOnly }
    let untypeable = editable.filter { $0.unsupportedKind != nil && $0.isRequired }
    if !untypeable.isEmpty {
      return [
        "\(FormText.listed(untypeable.map(\.title), conjunction: "and")) cannot be filled in here;"
          + " request this access in the ConductorOne web app."
      ]
    }
    let typeable = editable.filter { $0.unsupportedKind == nil }
    let needed = typeable.filter(Self.mustBeGiven)
    let optional = typeable.filter { !Self.mustBeGiven($0) }
    let command = ["cone-shell", "request", shellQuoted(profile)] + needed.map(flag)
    var lines = [
      "Fill it in on a terminal, or give the values:", "  " + command.joined(separator: " "),
    ]
    if !optional.isEmpty {
      lines.append("  optional: " + optional.map(flag).joined(separator: " "))
    }
    return lines
  }

  private func fieldLines(_ field: FormField) -> [String] {
    var summary = "\(field.name) — \(field.title): \(field.expectedValue)"
    if field.isReadOnly {
      summary += ", read-only" + (field.defaultValue.map { ", \($0.text)" } ?? "")
      return [summary]
    }
    if Self.mustBeGiven(field) {
      summary += ", required"
    } else {
      summary += ", optional" + (field.defaultValue.map { ", default \($0.text)" } ?? "")
    }
    var lines = [summary]
    if !field.description.isEmpty { lines.append(field.description) }
    if let options = field.selectOptions {
      lines.append("options: " + options.map(\.label).joined(separator: ", "))
    }
    if field.unsupportedKind != nil {
      lines.append("cannot be filled in here; the ConductorOne web app can")
    }
    return lines + field.requirements
  }

  /// Whether leaving the field out breaks a rule: required with no default, or a box
  /// that must be ticked and is not by default.
  private static func mustBeGiven(_ field: FormField) -> Bool {
    !field.violations(of: field.defaultValue).isEmpty
  }

  private func flag(_ field: FormField) -> String {
    let value: String =
      switch field.kind {
      case .bool(let bool): (bool.rules?.const ?? bool.defaultValue ?? true) ? "yes" : "no"
      case .stringSlice: "ITEM,ITEM"
      default: field.defaultValue?.text ?? field.name.uppercased()
      }
    return "--field " + shellQuoted("\(field.name)=\(value)")
  }
}

/// `text` as one word of a POSIX shell: unchanged when it is plain, else quoted as the
/// init scripts quote.
private func shellQuoted(_ text: String) -> String {
  let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/=@%+")
  if !text.isEmpty && text.allSatisfy(plain.contains) { return text }
  return ShellKind.bash.quote(text)
}
