import ConeShellKit

/// A request form's answers for `cone-shell request` (and so for the shell's `aws`
/// wrapper): from --field/--form-data, checked against the form's rules before anything
/// is sent, completed by a person on a terminal, or, without one, a listing of what is
/// needed and exit status 5.
enum RequestFormInput {
  static func requestData(
    form json: JSONValue, profile: String, fields: [String], formData: String?, context: ConeContext,
    webURL: String?
  ) throws -> JSONValue {
    let form = try RequestForm(json: json)
    let fromFlags = try FormAnswers(form: form, fieldArguments: fields, formData: formData)
    var answers = fromFlags
    answers.applyDefaults()
    let violations = answers.violations()
    if violations.isEmpty { return try answers.validatedRequestData() }

    guard context.isInteractive else {
      let description = FormDescription(form: form, profile: profile).text
      let given = !fields.isEmpty || formData != nil
      let problems = given ? violations.map { "  - \($0)" }.joined(separator: "\n") + "\n\n" : ""
      throw AccessStop(
        .formRequired,
        "\"\(profile)\" needs a request form" + (given ? "; these values are missing or break its rules:\n" + problems : ".\n\n")
          + description)
    }
    // Only the values from flags are settled: a default is offered at its field's question.
    var filler = FormFiller(
      form: form, editor: ReadlineLineEditor(store: context.store), output: FileDescriptorOutput(), answers: fromFlags,
      webURL: webURL)
    switch filler.fill() {
    case .submitted(let requestData):
      return requestData
    case .cancelled:
      // The filler has said so.
      throw AccessStop(.interrupted, "")
    case .needsWebApp(let message):
      throw AccessStop(.formRequired, message)
    }
  }
}
