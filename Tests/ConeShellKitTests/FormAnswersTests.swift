import Testing

@testable import ConeShellBase
@testable import ConeShellKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// requestData as JSON text with sorted keys, to compare bytes.
func encodedRequestData(_ value: JSONValue) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}

@Suite struct FormAnswersTests {
  let form: RequestForm

  init() throws {
    form = try FormFixtures.databaseAdministratorForm()
  }

  @Test func fieldFlagsMakeRequestData() throws {
    var answers = try FormAnswers(
      form: form,
      fieldArguments: [
        "ticket=OPS-12", "Reason=Planned change", "hours=2", "notify=a@example.com, b@example.com",
        "notify=c@example.com", "acknowledge=yes",
      ])
    answers.applyDefaults()
    #expect(
      try encodedRequestData(answers.validatedRequestData())
        == #"{"acknowledge":true,"hours":2,"notify":["a@example.com","b@example.com","c@example.com"],"reason":"change","ticket":"OPS-12"}"#
    )
  }

  @Test func defaultsFillWhatIsNotGiven() throws {
    var answers = try FormAnswers(
      form: form, fieldArguments: ["ticket=OPS-1", "reason=audit", "acknowledge=y"])
    answers.applyDefaults()
    #expect(answers["hours"] == .int64(1))
    #expect(answers["notify"] == nil)
    #expect(
      try encodedRequestData(answers.validatedRequestData())
        == #"{"acknowledge":true,"hours":1,"reason":"audit","ticket":"OPS-1"}"#)
  }

  @Test func formDataIsTypeCheckedAndFieldFlagsWinOverIt() throws {
    let answers = try FormAnswers(
      form: form, fieldArguments: ["hours=4"],
      formData:
        #"{"ticket":"OPS-9","reason":"incident","hours":"3","notify":["a@example.com"],"acknowledge":true}"#
    )
    #expect(
      try encodedRequestData(answers.validatedRequestData())
        == #"{"acknowledge":true,"hours":4,"notify":["a@example.com"],"reason":"incident","ticket":"OPS-9"}"#
    )
    let numbers = try FormAnswers(
      form: form, fieldArguments: [], formData: #"{"hours":2,"notify":null}"#)
    #expect(numbers.values == ["hours": .int64(2)])
  }

  @Test(arguments: [
    (["ticket"], #"--field takes NAME=VALUE, not "ticket""#),
    (["=x"], #"--field takes NAME=VALUE, not "=x""#),
    (
      ["team=dba"],
      #"the form has no field "team"; its fields are: ticket, reason, hours, notify, acknowledge"#
    ),
    (["hours=two"], #"Hours takes a whole number, not "two""#),
    (
      ["acknowledge=maybe"],
      #"I acknowledge the production access policy takes yes or no, not "maybe""#
    ),
    (["ticket=A-1", "ticket=B-2"], "ticket was given more than once; it takes one value"),
  ])
  func badFieldFlagsAreRefused(_ arguments: [String], _ message: String) {
    #expect(throws: FormInputError.self) { try FormAnswers(form: form, fieldArguments: arguments) }
    do {
      _ = try FormAnswers(form: form, fieldArguments: arguments)
    } catch {
      #expect(error.description == message)
    }
  }

  @Test(arguments: [
    ("nope", "--form-data must be a JSON object of field names and values: it is not valid JSON"),
    ("[1]", "--form-data must be a JSON object of field names and values: it is not an object"),
    (
      #"{"team":"dba"}"#,
      #"the form has no field "team"; its fields are: ticket, reason, hours, notify, acknowledge"#
    ),
    (#"{"hours":"two"}"#, #"--form-data: "hours" takes a whole number, not "two""#),
    (#"{"hours":2.5}"#, #"--form-data: "hours" takes a whole number, not 2.5"#),
    (
      #"{"notify":"a@example.com"}"#,
      #"--form-data: "notify" takes an array of strings, not "a@example.com""#
    ),
    (#"{"acknowledge":"yes"}"#, #"--form-data: "acknowledge" takes true or false, not "yes""#),
    (#"{"ticket":12}"#, #"--form-data: "ticket" takes a string, not 12"#),
  ])
  func badFormDataIsRefused(_ formData: String, _ message: String) {
    do {
      _ = try FormAnswers(form: form, fieldArguments: [], formData: formData)
      Issue.record("accepted \(formData)")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func brokenRulesAreAllListed() throws {
    let answers = try FormAnswers(
      form: form, fieldArguments: ["ticket=ops-1", "hours=9", "reason=other"])
    #expect(throws: FormInputError.self) { try answers.validatedRequestData() }
    #expect(
      answers.violations().map(\.message) == [
        "Ticket must match ^[A-Z]+-[0-9]+$, e.g. OPS-123",
        "Reason must be one of: incident, change, audit",
        "Hours must be between 1 and 4",
        "You must accept: I acknowledge the production access policy",
      ])
  }

  @Test func readOnlyAndUntypeableFieldsCannotBeGiven() throws {
    let everything = try FormFixtures.form(FormFixtures.everything)
    #expect(throws: FormInputError.readOnlyField("env")) {
      try FormAnswers(form: everything, fieldArguments: ["env=staging"])
    }
    #expect(throws: FormInputError.unsupportedField("upload", .file)) {
      try FormAnswers(form: everything, fieldArguments: ["upload=x.pdf"])
    }
    var answers = FormAnswers(form: everything)
    answers.applyDefaults()
    #expect(answers["env"] == .string("production"))
  }

  @Test func relationshipsAreChecked() throws {
    let everything = try FormFixtures.form(FormFixtures.everything)
    func messages(_ values: [String: FormValue]) -> [String] {
      var answers = FormAnswers(form: everything)
      for (name, value) in values { answers[name] = value }
      return answers.relationshipViolations().map(\.message)
    }
    #expect(
      messages(["text": .string("abcde")]) == [
        "Fill in all of Text and secret, or none of them", "Fill in at least one of owner or host",
      ])
    #expect(
      messages([
        "text": .string("abcde"), "secret": .string("s"), "header": .string("X"),
        "host": .string("h"),
      ]) == [
        "Fill in only one of Text or header"
      ])
    #expect(messages(["owner": .string("u-1")]) == ["owner needs host filled in too"])
    #expect(messages(["owner": .string("u-1"), "host": .string("h")]) == [])
  }
}

@Suite struct FormDescriptionTests {
  @Test func theDatabaseAdministratorFormIsDescribedForAScript() throws {
    let text = FormDescription(
      form: try FormFixtures.databaseAdministratorForm(),
      profile: "production-databaseadministrator"
    ).text
    #expect(
      text == """
        Production database access
        Tell the approvers why you need administrator access to the production databases.

        ticket — Ticket: text, required
            The incident or change ticket this access is for.
            must match ^[A-Z]+-[0-9]+$, e.g. OPS-123
        reason — Reason: one of the options, required
            options: incident (Incident response), change (Planned change), audit (Audit)
        hours — Hours: a whole number, optional, default 1
            How long you need the access.
            must be between 1 and 4
        notify — Notify: a list of text items, optional
            Who else should hear about this access.
            takes at most 3 items
            cannot list the same item twice
            each item must be an e-mail address, e.g. name@example.com
        acknowledge — I acknowledge the production access policy: yes or no, required
            must be yes

        Fill it in on a terminal, or give the values:
          cone-shell request production-databaseadministrator --field ticket=TICKET --field reason=REASON --field acknowledge=yes
          optional: --field hours=1 --field notify=ITEM,ITEM

        """)
  }

  @Test func groupsReadOnlyFieldsAndUntypeableOnesAreDescribed() throws {
    let text = FormDescription(
      form: try FormFixtures.form(FormFixtures.everything), profile: "my profile"
    ).text
    #expect(text.contains("\nBasics:\n  Start here.\n  text — Text: text, optional\n"))
    #expect(text.contains("  env — Environment: text, read-only, production\n"))
    #expect(
      text.contains(
        "  upload — upload: a file upload, optional\n      cannot be filled in here; the ConductorOne web app can\n"
      ))
    #expect(
      text.contains(
        "  cone-shell request 'my profile'\n  optional: --field text=TEXT --field count=3 "))
  }

  @Test func aRequiredUntypeableFieldSendsToTheWebApp() {
    let form = RequestForm(fields: [
      FormField(
        name: "doc", displayName: "Approval letter", isMarkedRequired: true,
        kind: .unsupported(.file))
    ])
    #expect(
      FormDescription(form: form, profile: "p").commandLines == [
        "Approval letter cannot be filled in here; request this access in the ConductorOne web app."
      ])
  }
}
