import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct PromptSegmentTests {
  let now = 1_800_000_000

  func grants(_ text: String) -> GrantsFile {
    GrantsFile(parsing: "written\t\(now)\n" + text)
  }

  @Test func activeGrantShowsMinutesLeftRoundedUp() {
    let file = grants("prod\tactive\t\(now + 42 * 60 - 30)\t-\n")
    #expect(PromptSegment(profile: "prod").render(file, now: now) == "aws:prod 42m")
  }

  @Test func longGrantsShowHoursAndMinutes() {
    #expect(TimeLeft.text(minutes: 59) == "59m")
    #expect(TimeLeft.text(minutes: 60) == "1h00m")
    #expect(TimeLeft.text(minutes: 125) == "2h05m")
    #expect(TimeLeft.text(minutes: 600) == "10h00m")
  }

  @Test func timeLeftIsRoundedUpSoAnActiveGrantNeverShowsZero() {
    #expect(TimeLeft.minutes(until: 1001, now: 1000) == 1)
    #expect(TimeLeft.minutes(until: 1060, now: 1000) == 1)
    #expect(TimeLeft.minutes(until: 1061, now: 1000) == 2)
    #expect(TimeLeft.minutes(until: 1000, now: 1000) == 0)
    #expect(TimeLeft.minutes(until: 900, now: 1000) == 0)
    #expect(TimeLeft.minutes(until: 1e300, now: 0) == 10_000_000_000_000)
    #expect(TimeLeft.text(until: 1000 + 8 * 3600 - 5, now: 1000) == "8h00m")
  }

  @Test func theWarningFormatShowsWithinTheWarningTime() {
    let file = grants("prod\tactive\t\(now + 10 * 60)\t-\n")
    #expect(PromptSegment(profile: "prod").render(file, now: now) == "aws:prod ⚠10m")
    #expect(PromptSegment(profile: "prod").render(file, now: now - 1) == "aws:prod 11m")
    var style = PromptSegment.Style(environment: Environment(["CONE_SHELL_PROMPT_WARN": "0"]))
    #expect(PromptSegment(profile: "prod", style: style).render(file, now: now) == "aws:prod 10m")
    style = PromptSegment.Style(environment: Environment(["CONE_SHELL_PROMPT_WARN": "99999999999"]))
    #expect(style.warnMinutes == PromptSegment.Style.defaultWarnMinutes)
  }

  @Test func activeWithoutExpiryShowsInfinity() {
    let file = grants("prod\tactive\t0\t-\n")
    #expect(PromptSegment(profile: "prod").render(file, now: now) == "aws:prod ∞")
  }

  @Test func pendingShowsTheTaskOrAQuestionMark() {
    let file = grants("prod\tpending\t0\t1042\ndev\tpending\t0\t-\n")
    #expect(PromptSegment(profile: "prod").render(file, now: now) == "aws:prod ⧗#1042")
    #expect(PromptSegment(profile: "dev").render(file, now: now) == "aws:dev ⧗#?")
  }

  @Test func otherActiveGrantsAreCounted() {
    let file = grants(
      """
      prod\tactive\t\(now + 1800)\t-
      dev\tactive\t0\t-
      stage\tactive\t\(now + 60)\t-
      old\tactive\t\(now)\t-
      qa\tnone\t0\t-

      """)
    #expect(PromptSegment(profile: "prod").render(file, now: now) == "aws:prod 30m +2")
    #expect(PromptSegment(profile: "qa").render(file, now: now) == "aws +3")
    #expect(PromptSegment(profile: nil).render(file, now: now) == "aws +3")
  }

  @Test func nothingRelevantPrintsNothing() {
    let file = grants("prod\tnone\t0\t-\nold\tactive\t\(now - 1)\t-\n")
    #expect(PromptSegment(profile: "prod").render(file, now: now) == "")
    #expect(PromptSegment(profile: "old").render(file, now: now) == "")
    #expect(PromptSegment(profile: "prod").render(nil, now: now) == "")
    #expect(PromptSegment(profile: "prod").render(GrantsFile(parsing: "\u{0}garbage\t\n"), now: now) == "")
  }

  @Test func formatsComeFromTheEnvironmentAndEmptyHidesAPart() {
    let style = PromptSegment.Style(
      environment: Environment([
        "CONE_SHELL_PROMPT_ACTIVE": "☁ {profile} ({minutes} min, {count} more)",
        "CONE_SHELL_PROMPT_OTHERS": "",
        "CONE_SHELL_PROMPT_NONE": "",
      ]))
    let file = grants("prod\tactive\t\(now + 1800)\t-\ndev\tactive\t0\t-\n")
    #expect(PromptSegment(profile: "prod", style: style).render(file, now: now) == "☁ prod (30 min, 1 more)")
    #expect(PromptSegment(profile: "qa", style: style).render(file, now: now) == "")
  }

  @Test func colourIsOffByDefaultAndMarkedPerShell() {
    #expect(PromptSegment.Style(environment: Environment([:])).color == false)
    let style = PromptSegment.Style(
      environment: Environment(["CONE_SHELL_PROMPT_COLOR": "yes", "CONE_SHELL_PROMPT_COLOR_PENDING": "1;35"]))
    let file = grants("prod\tactive\t0\t-\ndev\tpending\t0\t7\n")
    let active = PromptSegment(profile: "prod", style: style)
    #expect(active.render(file, now: now) == "\u{1B}[32maws:prod ∞\u{1B}[0m")
    #expect(active.render(file, now: now, markup: .bash) == "\u{01}\u{1B}[32m\u{02}aws:prod ∞\u{01}\u{1B}[0m\u{02}")
    #expect(active.render(file, now: now, markup: .zsh) == "%{\u{1B}[32m%}aws:prod ∞%{\u{1B}[0m%}")
    let pending = PromptSegment(profile: "dev", style: style)
    #expect(pending.render(file, now: now) == "\u{1B}[1;35maws:dev ⧗#7\u{1B}[0m +1")
  }

  @Test func currentProfilePrefersAWSProfileThenDefaultThenLastUsed() {
    let all = ["AWS_PROFILE": "a", "AWS_DEFAULT_PROFILE": "b", "CONE_SHELL_LAST_PROFILE": "c"]
    #expect(PromptSegment.currentProfile(environment: Environment(all)) == "a")
    #expect(
      PromptSegment.currentProfile(environment: Environment(all.merging(["AWS_PROFILE": ""]) { $1 })) == "b")
    #expect(PromptSegment.currentProfile(environment: Environment(["CONE_SHELL_LAST_PROFILE": "c"])) == "c")
    #expect(PromptSegment.currentProfile(environment: Environment([:])) == nil)
  }

  // MARK: The profile name and the zsh markup

  @Test func controlCharactersInTheProfileShowAsReplacementCharacters() {
    let style = PromptSegment.Style(environment: Environment(["CONE_SHELL_PROMPT_NONE": "aws:{profile}"]))
    let file = grants("dev\tactive\t0\t-\n")
    let hostile = "x\u{1B}]0;owned\u{07}\u{9B}2J\u{7F}\n"
    #expect(
      PromptSegment(profile: hostile, style: style).render(file, now: now)
        == "aws:x\u{FFFD}]0;owned\u{FFFD}\u{FFFD}2J\u{FFFD}\u{FFFD} +1")
    #expect(PromptSegment.printable("prod-admin é ⧗") == "prod-admin é ⧗")
  }

  @Test func zshMarkupEscapesPercentInTheProfileButNotInTheFormats() {
    let style = PromptSegment.Style(environment: Environment(["CONE_SHELL_PROMPT_ACTIVE": "%B{profile}%b {left}"]))
    let file = grants("50%off\tactive\t0\t-\n")
    let segment = PromptSegment(profile: "50%off", style: style)
    #expect(segment.render(file, now: now, markup: .zsh) == "%B50%%off%b ∞")
    #expect(segment.render(file, now: now, markup: .bash) == "%B50%off%b ∞")
    #expect(segment.render(file, now: now) == "%B50%off%b ∞")
    // A combining mark after the `%` is still a `%` to zsh.
    #expect(PromptSegment.replacing("%", with: "%%", in: "a%\u{301}") == "a%%\u{301}")
  }

  @Test func aGrantEndingMoreThanTenYearsOnShowsInfinity() {
    let tenYears = PromptSegment.longestCountedGrant
    let file = grants("near\tactive\t\(now + tenYears)\t-\nfar\tactive\t\(now + tenYears + 1)\t-\nhuge\tactive\t999999999999999999\t-\n")
    #expect(PromptSegment(profile: "near").render(file, now: now).hasPrefix("aws:near 87600h00m"))
    #expect(PromptSegment(profile: "far").render(file, now: now) == "aws:far ∞ +2")
    #expect(PromptSegment(profile: "huge").render(file, now: now) == "aws:huge ∞ +2")
  }

  @Test func profilesAreComparedByteForByte() {
    // "é" precomposed and decomposed: equal to Swift's ==, different bytes to a shell.
    let file = grants("caf\u{E9}\tactive\t0\t-\n")
    #expect(PromptSegment(profile: "caf\u{E9}").render(file, now: now) == "aws:caf\u{E9} ∞")
    #expect(PromptSegment(profile: "cafe\u{301}").render(file, now: now) == "aws +1")
  }

  // MARK: The grants file's rule, shared with the shells

  /// Each line after a valid header, and whether it counts.
  static let lines: [(String, Bool)] = [
    ("prod\tactive\t0\t-", true),
    ("prod\tpending\t0\t1042", true),
    ("prod\tactive\t000000000000000012\t-", true),
    ("prod\tactive\t1234567890123456789\t-", false),  // 19 digits
    ("prod\tnone\t0\t-", false),
    ("prod\tbogus\t0\t-", false),
    ("prod\tactive\t0", false),
    ("prod\tactive\t0\t-\textra", false),
    ("\tactive\t0\t-", false),
    ("prod\tactive\t\t-", false),
    ("prod\tactive\t-1\t-", false),
    ("prod\tactive\t1e9\t-", false),
    ("prod\tactive\t0\t", false),
    ("prod\tpending\t0\t12a", false),
    ("prod\tpending\t0\t-\r", false),
    ("pr\u{1B}od\tactive\t0\t-", false),
    ("pr\u{85}od\tactive\t0\t-", false),
    ("pr\u{7F}od\tactive\t0\t-", false),
    ("prod\u{A0}\tactive\t0\t-", true),  // NO-BREAK SPACE is no control
    ("prod\tactive\t0\t-\u{0}garbage", true),  // the line ends at the NUL
    ("prod\tactive\t0\u{0}\t-", false),
    ("\u{0}prod\tactive\t0\t-", false),  // an empty line
  ]

  @Test func aLineCountsOnlyWhenItFollowsTheRule() {
    for (line, counts) in Self.lines {
      let file = GrantsFile(parsing: "written\t1\n\(line)\n")
      #expect(file.entries.count == (counts ? 1 : 0), "\(line.debugDescription)")
    }
  }

  @Test func theHeaderIsTheFirstNonEmptyLine() {
    #expect(GrantsFile(parsing: "\n\nwritten\t42\n").written == 42)
    #expect(GrantsFile(parsing: "written\t1234567890123456789\nprod\tactive\t0\t-\n").written == 0)
    #expect(GrantsFile(parsing: "written\t1234567890123456789\nprod\tactive\t0\t-\n").entries.count == 1)
    #expect(GrantsFile(parsing: "written\t12\r\n").written == 0)
    #expect(GrantsFile(parsing: "written\t12\u{0}3\n").written == 12)
    // Without a header, the first line is a grant line; a later header is just invalid.
    let headless = GrantsFile(parsing: "prod\tactive\t0\t-\nwritten\t42\n")
    #expect(headless.written == 0 && headless.entries.map(\.profile) == ["prod"])
    // \r\n is \r ending a line, not one character.
    #expect(GrantsFile(parsing: "written\t1\r\nprod\tactive\t0\t-\r\ndev\tactive\t0\t-\n").entries.map(\.profile) == ["dev"])
  }

  @Test func aProfilesFirstLineThatCountsIsItsGrant() {
    let file = grants("prod\tnone\t0\t-\nprod\tbad\nprod\tpending\t0\t7\nprod\tactive\t0\t-\n")
    #expect(PromptSegment(profile: "prod").render(file, now: now) == "aws:prod ⧗#7")
    let expired = grants("prod\tactive\t\(now - 1)\t-\nprod\tactive\t0\t-\ndev\tactive\t0\t-\ndev\tactive\t0\t-\n")
    // The expired first line decides for prod; every active line of another profile counts.
    #expect(PromptSegment(profile: "prod").render(expired, now: now) == "aws +2")
  }

  // MARK: Writing

  @Test func onlyActiveAndPendingGrantsAreWritten() {
    var file = GrantsFile(written: 7, entries: [])
    file.update(.init(profile: "prod", state: .active, expires: 100))
    file.update(.init(profile: "dev", state: .pending, task: "1042"))
    file.update(.init(profile: "qa", state: .none))
    #expect(file.text == "written\t7\nprod\tactive\t100\t-\ndev\tpending\t0\t1042\n")
    file.update(.init(profile: "prod", state: .none))
    #expect(file.text == "written\t7\ndev\tpending\t0\t1042\n")
    file.update(.init(profile: "dev", state: .active, expires: 200))
    #expect(file.text == "written\t7\ndev\tactive\t200\t-\n")
    // A refresh that lists every profile, most without a grant.
    file.entries = [.init(profile: "a", state: .none), .init(profile: "b", state: .active), .init(profile: "c", state: .none)]
    #expect(file.text == "written\t7\nb\tactive\t0\t-\n")
  }

  @Test func aFieldNeverForgesALine() {
    let file = GrantsFile(
      written: -5,
      entries: [
        .init(profile: "evil\nprod\tactive\t0\t-", state: .pending),
        .init(profile: "", state: .active),
        .init(profile: "dev", state: .pending, task: "12\nprod\tactive\t0\t-"),
        .init(profile: "dev", state: .active),
        .init(profile: "qa", state: .active, expires: Int.max),
      ])
    #expect(file.text == "written\t0\ndev\tpending\t0\t-\nqa\tactive\t999999999999999999\t-\n")
    #expect(GrantsFile(parsing: file.text).entries.map(\.profile) == ["dev", "qa"])
  }
}

