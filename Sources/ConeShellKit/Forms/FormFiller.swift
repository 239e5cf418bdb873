/// How a form filling ended.
public enum FormFillResult: Sendable, Hashable {
  /// The person confirmed the summary: send this as the request's requestData.
  case submitted(requestData: JSONValue)
  /// Ctrl-C or "cancel": nothing is to be sent.
  case cancelled
  /// A required field cannot be filled in at a terminal; the message says so and
  /// where to go instead.
  case needsWebApp(message: String)
}

/// Fills a request form at a terminal, one field at a time: defaults offered, select
/// options listed and completed with Tab, every rule checked as a value is entered
/// (the message, then the question again), Ctrl-D on an empty line back one field,
/// Ctrl-C to cancel, and a summary to submit, change a field or cancel.
///
/// Everything it shows goes to `output` (the terminal, through stderr), never stdout.
public struct FormFiller<Editor: LineEditor, Output: TextOutputStream> {
  public let form: RequestForm
  public var editor: Editor
  public var output: Output
  /// Where the person can fill the form instead (the task or request page).
  public var webURL: String?
  public private(set) var answers: FormAnswers
  /// Fields answered before the filler started (from flags): not asked, but shown in
  /// the summary, where they can be changed.
  private let givenNames: Set<String>

  /// - Parameter answers: values already given, e.g. with `--field`; their fields are
  ///   not asked unless a value breaks a rule.
  public init(
    form: RequestForm, editor: Editor, output: Output, answers: FormAnswers? = nil,
    webURL: String? = nil
  ) {
    self.form = form
    self.editor = editor
    self.output = output
    self.webURL = webURL
    self.answers = answers ?? FormAnswers(form: form)
    givenNames = Set(self.answers.values.keys)
  }

  private enum Step { case answered, back, cancel }
  private enum Choice {
    case submit
    case edit(FormField)
    case back, cancel
  }

  public mutating func fill() -> FormFillResult {
    let fields = form.orderedFields
    if let message = untypeableRequiredFieldsMessage(fields) {
      say(message)
      return .needsWebApp(message: message)
    }
    for field in fields where field.isReadOnly && answers[field.name] == nil {
      answers[field.name] = field.defaultValue
    }
    say(form.title)
    if !form.description.isEmpty { say(form.description) }
    say("(Tab completes choices, Ctrl-D on an empty line goes back a field, Ctrl-C cancels.)\n")

    let groups = groupsByField()
    var shownGroup: FormFieldGroup?
    var index = 0
    while true {
      while index < fields.count {
        let field = fields[index]
        if let group = groups[field.name], group != shownGroup {
          say("\n" + group.title + (group.helpText.isEmpty ? "" : "\n  " + group.helpText))
          shownGroup = group
        }
        guard isAskable(field), !isSettled(field) else {
          showUnasked(field)
          index += 1
          continue
        }
        switch ask(field) {
        case .answered: index += 1
        case .back:
          guard let previous = previousAskable(fields, before: index) else {
            say("  (This is the first field.)")
            continue
          }
          index = previous
        case .cancel: return cancel()
        }
      }
      switch summaryChoice(fields) {
      case .submit:
        return .submitted(requestData: answers.requestData)
      case .edit(let field):
        if case .cancel = ask(field) { return cancel() }
      case .back:
        index = previousAskable(fields, before: fields.count) ?? 0
        shownGroup = nil
      case .cancel:
        return cancel()
      }
    }
  }

  // MARK: - Asking

  private mutating func ask(_ field: FormField) -> Step {
    introduce(field)
    if case .stringSlice = field.kind { return askList(field) }
    let current = answers[field.name]
    while true {
      switch editor.readLine(prompt(for: field, current: current)) {
      case .interrupted:
        return .cancel
      case .endOfFile:
        return .back
      case .line(let text):
        var value: FormValue?
        do {
          value = try field.value(parsing: text)
        } catch {
          warn(["\(error)"])
          continue
        }
        if value == nil { value = emptyAnswer(for: field, current: current) }
        if accept(value, for: field) { return .answered }
      }
    }
  }

  /// Keeps `value` as the field's answer when it breaks none of its rules; otherwise
  /// says which rules it breaks, and the question is asked again.
  private mutating func accept(_ value: FormValue?, for field: FormField) -> Bool {
    let problems = field.violations(of: value)
    guard problems.isEmpty else {
      warn(problems)
      return false
    }
    answers[field.name] = value
    return true
  }

  /// What Enter on an empty line means: the default while there is no answer yet; a
  /// bool's current or default answer (no when it has none); a secret's current value.
  private func emptyAnswer(for field: FormField, current: FormValue?) -> FormValue? {
    switch field.kind {
    case .bool: current ?? field.defaultValue ?? .bool(false)
    case .string where field.isSecret: current ?? field.defaultValue
    default: current == nil ? field.defaultValue : nil
    }
  }

  private func prompt(for field: FormField, current: FormValue?) -> LinePrompt {
    var text = field.title
    if case .bool = field.kind {
      let yes = emptyAnswer(for: field, current: current) == .bool(true)
      return LinePrompt(text + (yes ? " [Y/n]: " : " [y/N]: "))
    }
    if !field.isRequired && field.defaultValue == nil { text += " (optional)" }
    if let placeholder = field.placeholder { text += " (\(placeholder))" }
    if field.isSecret, current != nil {
      text += " [unchanged]"
    } else if current == nil, let value = field.defaultValue {
      text += " [\(value.text)]"
    }
    return LinePrompt(
      text + ": ", initialText: field.isSecret ? "" : current?.text ?? "",
      completion: field.lineCompletion,
      historyKey: field.name, isSecret: field.isSecret)
  }

  /// A list, one item a line until an empty line; Ctrl-D takes back the last item, or
  /// goes back a field when there is none.
  private mutating func askList(_ field: FormField) -> Step {
    guard case .stringSlice(let slice) = field.kind else { return .answered }
    let offered = answers[field.name] ?? field.defaultValue
    let maxItems = slice.rules?.maxItems
    var items: [String] = []
    while true {
      var text = "\(field.title) \(items.count + 1)" + (maxItems.map { "/\($0)" } ?? "")
      if let maxItems, items.count >= maxItems {
        text = "\(field.title) (\(items.count)/\(maxItems) given; Enter to finish)"
      }
      if items.isEmpty, let offered { text += " [\(offered.text)]" }
      switch editor.readLine(LinePrompt(text + ": ", historyKey: field.name)) {
      case .interrupted:
        return .cancel
      case .endOfFile:
        guard let removed = items.popLast() else { return .back }
        say("  (took back \(removed))")
      case .line(let line) where line.trimmingWhitespace.isEmpty:
        if accept(items.isEmpty ? offered : .strings(items), for: field) { return .answered }
      case .line(let line):
        // A paste of several lines gives several items.
        for item in line.split(whereSeparator: \.isNewline).map({ $0.trimmingWhitespace })
        where !item.isEmpty {
          var problems = field.itemViolations(item)
          if let maxItems, items.count >= maxItems {
            problems.append("\(field.title) takes at most \(FormText.counted(maxItems, "item"))")
          }
          if slice.rules?.unique == true, items.contains(item) {
            problems.append("\(field.title) already has \(FormText.quoted(item))")
          }
          guard problems.isEmpty else {
            warn(problems)
            break
          }
          items.append(item)
        }
      }
    }
  }

  /// The field's description, a select's options, a list's instructions.
  private mutating func introduce(_ field: FormField) {
    var lines: [String] = []
    if !field.description.isEmpty {
      lines.append("\(field.title) — \(field.description)")
    } else if field.selectOptions != nil {
      lines.append("\(field.title) — one of:")
    }
    if let options = field.selectOptions {
      for (number, option) in options.enumerated() {
        lines.append(
          "  \(number + 1)) \(option.label)"
            + (option.description.isEmpty ? "" : " — \(option.description)"))
      }
    }
    if case .stringSlice(let slice) = field.kind {
      var hint = "  One item a line, an empty line to finish"
      if let maxItems = slice.rules?.maxItems {
        hint += "; at most \(FormText.counted(maxItems, "item"))"
      }
      lines.append(hint + (field.isRequired ? "." : " (optional)."))
    }
    if !lines.isEmpty { say(lines.joined(separator: "\n")) }
  }

  // MARK: - Summary

  private mutating func summaryChoice(_ fields: [FormField]) -> Choice {
    let editable = fields.filter(isAskable)
    while true {
      say("\nSummary:")
      for field in fields {
        let value = shown(field)
        if let number = editable.firstIndex(of: field) {
          say("  \(number + 1). \(field.title): \(value)")
        } else {
          say("     \(field.title): \(value)")
        }
      }
      let problems = answers.violations()
      if !problems.isEmpty { warn(problems.map(\.message)) }
      let question =
        problems.isEmpty
        ? "Submit? [Y]es, [n]o to cancel, or a number or name to change a field: "
        : "Change a field (number or name), or [n]o to cancel: "
      switch editor.readLine(LinePrompt(question)) {
      case .interrupted: return .cancel
      case .endOfFile: return .back
      case .line(let line):
        let answer = line.trimmingWhitespace
        switch answer.lowercased() {
        case "", "y", "yes":
          if problems.isEmpty { return .submit }
          warn(["Fix the answers above first."])
        case "n", "no", "c", "cancel":
          return .cancel
        default:
          if let number = Int(answer), editable.indices.contains(number - 1) {
            return .edit(editable[number - 1])
          }
          if let field = form.field(named: answer), editable.contains(field) { return .edit(field) }
          warn([
            "Answer y to submit, n to cancel, or a field's number (1–\(editable.count)) or name."
          ])
        }
      }
    }
  }

  private func shown(_ field: FormField) -> String {
    if let kind = field.unsupportedKind { return "not filled in here (\(kind.description))" }
    guard let value = answers[field.name] else { return "—" }
    var text = field.isSecret ? "(hidden)" : value.text
    if case .string(let chosen) = value,
      let option = field.selectOptions?.first(where: { $0.value == chosen })
    {
      text = option.label
    }
    return text + (field.isReadOnly ? " (read-only)" : "")
  }

  // MARK: - Helpers

  private func isAskable(_ field: FormField) -> Bool {
    field.unsupportedKind == nil && !field.isReadOnly
  }

  /// Given before the filler started, and good.
  private func isSettled(_ field: FormField) -> Bool {
    givenNames.contains(field.name) && field.violations(of: answers[field.name]).isEmpty
  }

  private mutating func showUnasked(_ field: FormField) {
    if let kind = field.unsupportedKind {
      say("\(field.title) is \(kind.description), which cannot be filled in here; skipped.")
    } else {
      say("\(field.title): \(shown(field))")
    }
  }

  private func previousAskable(_ fields: [FormField], before index: Int) -> Int? {
    fields[..<index].lastIndex { isAskable($0) && !isSettled($0) }
  }

  private func groupsByField() -> [String: FormFieldGroup] {
    var groups: [String: FormFieldGroup] = [:]
    for section in form.sections {
      for field in section.fields { groups[field.name] = section.group }
    }
    return groups
  }

  private func untypeableRequiredFieldsMessage(_ fields: [FormField]) -> String? {
    let what = fields.compactMap { field -> String? in
      guard let kind = field.unsupportedKind, field.isRequired, !field.isReadOnly else {
        return nil
      }
      return "\(field.title) (\(kind.description))"
    }
    guard !what.isEmpty else { return nil }
    return
      "This form needs \(FormText.listed(what, conjunction: "and")), which cannot be filled in at a terminal. "
      + "Fill it in the ConductorOne web app" + (webURL.map { ": \($0)" } ?? ".")
  }

  private mutating func cancel() -> FormFillResult {
    say("Cancelled; nothing was sent.")
    return .cancelled
  }

  private mutating func say(_ text: String) {
    output.write(text + "\n")
  }

  private mutating func warn(_ messages: [String]) {
    say(messages.map { "  " + $0 }.joined(separator: "\n"))
  }
}
