import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct TerminalTextTests {
  @Test func controlCharactersAreReplacedButLinesAndTabsKept() {
    let hostile = "a\u{1B}]0;title\u{07}b\u{1B}[2J\u{7F}\u{9B}31m\tc\nd\r"
    let safe = TerminalText.safe(hostile)
    #expect(!safe.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
    #expect(!safe.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
    #expect(safe.contains("\tc\nd") && safe.contains("title"))
    #expect(!TerminalText.safe("a\tb\nc", keepingLines: false).contains("\t"))
    #expect(TerminalText.safe("plain text ✓") == "plain text ✓")
  }

  @Test func jsonTextEscapesEveryControlCharacter() {
    let quoted = JSONText.quote("a\u{1B}b\u{7F}c\u{85}d")
    #expect(quoted == "\"a\\u001bb\\u007fc\\u0085d\"")
  }
}

@Suite struct SignInURLPolicyTests {
  let aws = SignInURLPolicy(origins: ["https://oidc.us-east-1.amazonaws.com", "https://d-123.awsapps.com/start"])

  @Test func opensOnlyTheServicesHttpsPages() {
    #expect(aws.refusal("https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH") == nil)
    #expect(aws.refusal("https://d-123.awsapps.com/start/#/device?user_code=X") == nil)
    #expect(aws.refusal("http://device.sso.us-east-1.amazonaws.com/") != nil)
    #expect(aws.refusal("https://evil.example.com/") != nil)
    #expect(aws.refusal("https://amazonaws.com.evil.example/") != nil)
    #expect(aws.refusal("--remote-debugging-port=9222") != nil)
    #expect(aws.refusal("-https://device.sso.us-east-1.amazonaws.com/") != nil)
    #expect(aws.refusal("file:///etc/passwd") != nil)
    #expect(aws.refusal("https://device.sso.us-east-1.amazonaws.com/\u{1B}]52;c;eA==\u{07}") != nil)
  }

  @Test func noOtherHostUnderASharedSuffix() {
    // Anyone can serve a page from an S3 bucket under amazonaws.com.
    #expect(aws.refusal("https://evil.s3.us-east-1.amazonaws.com/device") != nil)
    #expect(aws.refusal("https://evil.s3.amazonaws.com/device") != nil)
    #expect(aws.refusal("https://device.sso.us-west-2.amazonaws.com/") != nil)
    #expect(aws.refusal("https://other.awsapps.com/start") != nil)
    let china = SignInURLPolicy(origins: ["https://oidc.cn-north-1.amazonaws.com.cn"])
    #expect(china.refusal("https://device.sso.cn-north-1.amazonaws.com.cn/") == nil)
    #expect(china.refusal("https://evil.com.cn/") != nil)
    let tenant = SignInURLPolicy(origins: ["https://acme.conductor.one"])
    #expect(tenant.refusal("https://acme.conductor.one/device?code=X") == nil)
    #expect(tenant.refusal("https://evil.conductor.one/device?code=X") != nil)
  }

  @Test func plainHttpOnlyOnLoopbackAndIPAddressesMatchExactly() {
    let sandbox = SignInURLPolicy(origins: ["http://127.0.0.1:8111"])
    #expect(sandbox.refusal("http://127.0.0.1:8111/device?code=X") == nil)
    #expect(sandbox.refusal("http://127.0.0.2:8111/device") != nil)
    #expect(sandbox.refusal("http://0.0.1:8111/device") != nil)
  }
}

@Suite struct StateFieldTests {
  @Test func anIndexLineThatWouldForgeAnotherIsLeftOut() {
    let index = ProfilesIndex(entries: [
      .init(name: "good", accountID: "1", roleName: "r"),
      .init(name: "evil\nadmin", accountID: "1", roleName: "r"),
      .init(name: "tab\tbed", accountID: "1", roleName: "r"),
    ])
    #expect(index.text == "good\t1\tr\n")
    #expect(ProfilesIndex(parsing: "a\u{1B}b\t1\tr\nok\t1\tr\n").entries.map(\.name) == ["ok"])
  }

  @Test func profileNamesNeverStartWithADashAndStayShort() {
    #expect(AWSConfigSanitizer.profileName(account: "-", role: "debug") == "debug")
    #expect(!AWSConfigSanitizer.profileName(account: "--", role: "-").hasPrefix("-"))
    let long = AWSConfigSanitizer.profileName(account: String(repeating: "L", count: 300), role: "Admin")
    #expect(long.utf8.count == AWSConfigSanitizer.maximumNameLength)
    #expect(long == AWSConfigSanitizer.profileName(account: String(repeating: "L", count: 300), role: "Admin"))
    #expect(long != AWSConfigSanitizer.profileName(account: String(repeating: "L", count: 301), role: "Admin"))
  }

  @Test func timesFromOutsideAreCheckedBeforeTheyAreConverted() {
    #expect(Timestamp.epochSeconds(.infinity) == nil)
    #expect(Timestamp.epochSeconds(.nan) == nil)
    #expect(Timestamp.epochSeconds(1e300) == nil)
    #expect(Timestamp.epochSeconds(-1) == nil)
    #expect(Timestamp.epochSeconds(1_800_000_000.5) == 1_800_000_000)
  }
}
