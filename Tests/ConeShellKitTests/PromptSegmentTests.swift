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
    #expect(PromptSegment.timeLeft(minutes: 59) == "59m")
    #expect(PromptSegment.timeLeft(minutes: 60) == "1h00m")
    #expect(PromptSegment.timeLeft(minutes: 125) == "2h05m")
    #expect(PromptSegment.timeLeft(minutes: 600) == "10h00m")
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
      prod\tactive\t\(now + 600)\t-
      dev\tactive\t0\t-
      stage\tactive\t\(now + 60)\t-
      old\tactive\t\(now)\t-
      qa\tnone\t0\t-

      """)
    #expect(PromptSegment(profile: "prod").render(file, now: now) == "aws:prod 10m +2")
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
    let file = grants("prod\tactive\t\(now + 600)\t-\ndev\tactive\t0\t-\n")
    #expect(PromptSegment(profile: "prod", style: style).render(file, now: now) == "☁ prod (10 min, 1 more)")
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
}
