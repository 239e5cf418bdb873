import Testing

@testable import ConeShellBase
@testable import ConeShellKit

/// The commands' output values: one value gives the text and the `--json` document, and
/// the document is JSON whatever the fields hold.
struct CommandOutputTests {
  @Test func aDocumentKeepsItsKeyOrderAndEscapesEveryString() throws {
    let document: JSONDocument = .object([
      "schema": .integer(1), "name": .string("a\"b\\c\n\u{1B}]52;x\u{07}"), "none": .nullable(nil),
      "items": .array([.bool(true), .object([:]), .array([])]),
    ])
    #expect(document.rendered == """
      {
        "schema": 1,
        "name": "a\\"b\\\\c\\n\\u001b]52;x\\u0007",
        "none": null,
        "items": [
          true,
          {},
          []
        ]
      }
      """)
    // What a JSON reader makes of it is what went in.
    let read = try JSONValue.decoded(from: Array(document.rendered.utf8))
    #expect(read.objectValue?["name"] == .string("a\"b\\c\n\u{1B}]52;x\u{07}"))
  }

  @Test func checkSaysWhatToDoAndItsDocumentCarriesTheSameAccess() throws {
    let now = 1_800_000_000.0
    var access = ProfileAccess(profile: "prod", accountID: "111111111111", roleName: "Admin", state: .none)
    #expect(CheckOutput(.init(access: access, source: "c1"), now: now).text
      == "prod: no access (request it with `cone-shell request prod`)")
    access.state = .active
    access.expiresAt = now + 3600
    let output = CheckOutput(.init(access: access, source: "cache"), now: now)
    #expect(output.text == "prod: active, 1h00m left")
    let read = try #require(try JSONValue.decoded(from: Array(output.json.rendered.utf8)).objectValue)
    #expect(read["state"] == .string("active") && read["minutes_left"] == .integer(60))
    #expect(read["source"] == .string("cache") && read["schema"] == .integer(1))
  }

  @Test func aSignOutReportCountsInWords() {
    var report = SignOutFlow.Report()
    report.c1TokensRemoved = 2
    report.credentialsRemoved = 1
    let text = SignOutOutput(report, aws: true, c1: true).text
    #expect(text.hasPrefix("Not signed in to AWS IAM Identity Center.\nForgot 2 cached ConductorOne access tokens.\n"))
    #expect(text.contains("Removed the cached role credentials of 1 profile."))
    #expect(SignOutOutput(report, aws: false, c1: false).text.contains("role credentials of 1 profile."))
    #expect(SignOutOutput.textStream == .error && CheckOutput.textStream == .output)
  }

  @Test func anEmptyListSaysHowToStart() {
    let output = AccessListOutput([], now: 0)
    #expect(output.text == "No cone-shell profiles yet: run `cone-shell setup`.")
    #expect(output.json == .object(["schema": .integer(1), "profiles": .array([])]))
  }
}
