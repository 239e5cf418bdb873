import Testing

@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct FormFillerTests {
  let form: RequestForm

  init() throws {
    form = try FormFixtures.databaseAdministratorForm()
  }

  func filler(_ inputs: [LineInput], answers: FormAnswers? = nil) -> FormFiller<
    ScriptedLineEditor, String
  > {
    FormFiller(
      form: form, editor: ScriptedLineEditor(inputs), output: "", answers: answers,
      webURL: "https://c1.example/task/7")
  }

  @Test func fillingTheDatabaseAdministratorForm() throws {
    var filler = filler([
      .line("ops-12"), .line("OPS-12"),  // ticket: the pattern refuses lower case
      .line("nope"), .line("incident"),  // reason: not an option, then one
      .line(""),  // hours: Enter takes the default, 1
      .endOfFile,  // notify: Ctrl-D on an empty line goes back to hours
      .line("7"), .line("2"),  // hours again: out of bounds, then 2
      .line("bob"), .line("a@example.com"), .line("b@example.com"), .line("c@example.com"),
      .line("d@example.com"),  // a fourth item is refused
      .endOfFile, .endOfFile,  // Ctrl-D with items takes back the last one
      .line(""),  // an empty line ends the list
      .line(""), .line("maybe"), .line("y"),  // acknowledge: no is refused, so is maybe
      .line(""),  // the summary: Enter submits
    ])
    let result = filler.fill()
    guard case .submitted(let requestData) = result else {
      Issue.record("not submitted: \(result)\n\(filler.output)")
      return
    }
    #expect(
      try encodedRequestData(requestData)
        == #"{"acknowledge":true,"hours":2,"notify":["a@example.com"],"reason":"incident","ticket":"OPS-12"}"#
    )
    #expect(
      requestData
        == .object([
          "ticket": .string("OPS-12"), "reason": .string("incident"), "hours": .integer(2),
          "notify": .array([.string("a@example.com")]), "acknowledge": .bool(true),
        ]))
    #expect(filler.editor.remaining.isEmpty)

    let prompts = filler.editor.prompts.map(\.text)
    #expect(
      prompts == [
        "Ticket (OPS-123): ", "Ticket (OPS-123): ",
        "Reason: ", "Reason: ",
        "Hours [1]: ",
        "Notify 1/3: ",
        "Hours: ", "Hours: ",
        "Notify 1/3: ", "Notify 1/3: ", "Notify 2/3: ", "Notify 3/3: ",
        "Notify (3/3 given; Enter to finish): ", "Notify (3/3 given; Enter to finish): ",
        "Notify 3/3: ",
        "Notify 2/3: ",
        "I acknowledge the production access policy [y/N]: ",
        "I acknowledge the production access policy [y/N]: ",
        "I acknowledge the production access policy [y/N]: ",
        "Submit? [Y]es, [n]o to cancel, or a number or name to change a field: ",
      ])
    // Going back offers the earlier answer for editing.
    #expect(filler.editor.prompts[6].initialText == "1")

    let output = filler.output
    for message in [
      "  Ticket must match ^[A-Z]+-[0-9]+$, e.g. OPS-123\n",
      "  Reason must be one of: incident, change, audit\n",
      "  Hours must be between 1 and 4\n",
      #"  Notify item "bob" must be an e-mail address, e.g. name@example.com"# + "\n",
      "  Notify takes at most 3 items\n",
      "  (took back c@example.com)\n  (took back b@example.com)\n",
      "  You must accept: I acknowledge the production access policy\n",
      #"  I acknowledge the production access policy takes yes or no, not "maybe""# + "\n",
    ] {
      #expect(output.contains(message), "missing: \(message)")
    }
    #expect(
      output.contains(
        """
        Summary:
          1. Ticket: OPS-12
          2. Reason: incident (Incident response)
          3. Hours: 2
          4. Notify: a@example.com
          5. I acknowledge the production access policy: yes

        """))
    #expect(
      output.contains(
        "  1) incident (Incident response)\n  2) change (Planned change)\n  3) audit (Audit)\n"))
  }

  @Test func tabCompletesTheReasonFromValuesAndDisplayNames() throws {
    var filler = filler([.line("OPS-1")])
    _ = filler.fill()
    let reason = try #require(filler.editor.prompts.last)
    #expect(reason.text == "Reason: ")
    #expect(reason.completions(for: "") == ["incident", "change", "audit"])
    #expect(reason.completions(for: "a") == ["audit"])
    #expect(reason.completions(for: "Plan") == ["change"])
    #expect(reason.completions(for: "INC") == ["incident"])
    #expect(reason.completions(for: "response") == ["incident"])
    #expect(reason.completions(for: "x") == [])
    #expect(reason.historyKey == "reason")
  }

  @Test func ctrlCCancelsWithNothingReturned() {
    var filler = filler([.line("OPS-12"), .line("incident"), .interrupted])
    #expect(filler.fill() == .cancelled)
    #expect(filler.editor.prompts.count == 3)
    #expect(filler.output.hasSuffix("Cancelled; nothing was sent.\n"))
  }

  @Test func ctrlDOnTheFirstFieldStaysThere() {
    var filler = filler([.endOfFile, .interrupted])
    #expect(filler.fill() == .cancelled)
    #expect(filler.editor.prompts.map(\.text) == ["Ticket (OPS-123): ", "Ticket (OPS-123): "])
  }

  @Test func theSummaryCanChangeAFieldByNumberOrNameOrCancel() throws {
    var filler = filler([
      .line("OPS-12"), .line("audit"), .line("3"), .line(""), .line("yes"),
      .line("3"), .line("4"),  // change Hours by number
      .line("reason"), .line("2"),  // change Reason by name, picking the second option by number
      .line("huh"),  // not an answer
      .line("y"),
    ])
    guard case .submitted(let requestData) = filler.fill() else {
      Issue.record("not submitted\n\(filler.output)")
      return
    }
    #expect(
      try encodedRequestData(requestData)
        == #"{"acknowledge":true,"hours":4,"reason":"change","ticket":"OPS-12"}"#)
    #expect(
      filler.output.contains(
        "  Answer y to submit, n to cancel, or a field's number (1–5) or name.\n"))
    #expect(filler.editor.prompts[6].text == "Hours: ")
    #expect(filler.editor.prompts[6].initialText == "3")
  }

  @Test func noAtTheSummaryCancels() {
    var filler = filler([
      .line("OPS-12"), .line("audit"), .line(""), .line(""), .line("y"), .line("n"),
    ])
    #expect(filler.fill() == .cancelled)
  }

  @Test func ctrlDAtTheSummaryGoesBackToTheLastField() throws {
    var filler = filler([
      .line("OPS-12"), .line("audit"), .line(""), .line(""), .line("y"), .endOfFile, .line("y"),
      .line(""),
    ])
    guard case .submitted = filler.fill() else {
      Issue.record("not submitted\n\(filler.output)")
      return
    }
    #expect(filler.editor.prompts[6].text == "I acknowledge the production access policy [Y/n]: ")
  }

  @Test func givenValuesAreNotAskedButAreSummarised() throws {
    let given = try FormAnswers(form: form, fieldArguments: ["ticket=OPS-5", "hours=9"])
    var filler = filler(
      [.line("change"), .line("3"), .line(""), .line("y"), .line("y")], answers: given)
    guard case .submitted(let requestData) = filler.fill() else {
      Issue.record("not submitted\n\(filler.output)")
      return
    }
    // hours=9 breaks a rule, so it is asked again.
    #expect(filler.editor.prompts.map(\.text).prefix(2) == ["Reason: ", "Hours: "])
    #expect(filler.output.contains("Ticket: OPS-5\n"))
    #expect(requestData["hours"] == .integer(3))
    #expect(requestData["ticket"] == .string("OPS-5"))
  }

  @Test func groupsReadOnlyAndUntypeableFieldsAreShownNotAsked() throws {
    let form = RequestForm(
      displayName: "Grouped",
      fields: [
        FormField(
          name: "env", displayName: "Environment", isReadOnly: true,
          kind: .string(StringField(defaultValue: "production"))),
        FormField(name: "why", displayName: "Why", kind: .string(StringField())),
        FormField(name: "doc", displayName: "Document", kind: .unsupported(.file)),
      ],
      fieldGroups: [
        FormFieldGroup(
          name: "g", displayName: "Details", helpText: "Tell us more.",
          fieldNames: ["env", "why", "doc"])
      ])
    var filler = FormFiller(
      form: form, editor: ScriptedLineEditor([.line("because"), .line("")]), output: "")
    guard case .submitted(let requestData) = filler.fill() else {
      Issue.record("not submitted\n\(filler.output)")
      return
    }
    #expect(requestData == .object(["env": .string("production"), "why": .string("because")]))
    #expect(
      filler.editor.prompts.map(\.text) == [
        "Why (optional): ",
        "Submit? [Y]es, [n]o to cancel, or a number or name to change a field: ",
      ])
    #expect(
      filler.output.contains("\nDetails\n  Tell us more.\nEnvironment: production (read-only)\n"))
    #expect(
      filler.output.contains(
        "Document is a file upload, which cannot be filled in here; skipped.\n"))
  }

  @Test func aRequiredUntypeableFieldStopsBeforeAsking() {
    let form = RequestForm(fields: [
      FormField(name: "why", kind: .string(StringField())),
      FormField(
        name: "doc", displayName: "Document", isMarkedRequired: true, kind: .unsupported(.file)),
    ])
    var filler = FormFiller(
      form: form, editor: ScriptedLineEditor([]), output: "", webURL: "https://c1.example/task/7")
    let message =
      "This form needs Document (a file upload), which cannot be filled in at a terminal. "
      + "Fill it in the ConductorOne web app: https://c1.example/task/7"
    #expect(filler.fill() == .needsWebApp(message: message))
    #expect(filler.editor.prompts.isEmpty)
  }

  @Test func relationshipsAreCheckedAtTheSummary() {
    let form = RequestForm(
      fields: [
        FormField(name: "a", displayName: "A", kind: .string(StringField())),
        FormField(name: "b", displayName: "B", kind: .string(StringField())),
      ],
      fieldRelationships: [FormFieldRelationship(fieldNames: ["a", "b"], kind: .atLeastOne)])
    var filler = FormFiller(
      form: form,
      editor: ScriptedLineEditor([
        .line(""), .line(""), .line("y"), .line("b"), .line("x"), .line("y"),
      ]), output: "")
    #expect(filler.fill() == .submitted(requestData: .object(["b": .string("x")])))
    #expect(filler.output.contains("  Fill in at least one of A or B\n"))
    #expect(filler.output.contains("  Fix the answers above first.\n"))
    #expect(filler.editor.prompts[2].text == "Change a field (number or name), or [n]o to cancel: ")
  }

  @Test func aSecretIsNeitherShownNorKept() {
    let form = RequestForm(fields: [
      FormField(
        name: "pin", displayName: "PIN", isMarkedRequired: true,
        kind: .string(StringField(view: .password)))
    ])
    var filler = FormFiller(
      form: form, editor: ScriptedLineEditor([.line(" 12 34 "), .line("")]), output: "")
    #expect(filler.fill() == .submitted(requestData: .object(["pin": .string(" 12 34 ")])))
    #expect(filler.editor.prompts[0].isSecret)
    #expect(filler.editor.prompts[0].historyKey == nil)
    #expect(filler.output.contains("1. PIN: (hidden)\n"))
    #expect(!filler.editor.transcript.contains("12 34"))
  }
}
