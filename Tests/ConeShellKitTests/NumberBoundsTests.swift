import PropertyBased
import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

@testable import ConeShellBase
@testable import ConeShellKit

/// Numbers from servers and from the person never trap (issue 12 item 4): every
/// decoder and parser is fed extreme values (±inf, NaN, 1e300, digit strings longer
/// than any integer, negatives) and whatever it returns must survive the conversions
/// the rest of cone-shell applies (`Int(_:)`, `Duration.seconds(_:)`, dates).
@Suite struct NumberBoundsTests {
  // MARK: - Extreme number text

  /// Number spellings a hostile or broken server (or a careless person) might send.
  static let extremes = [
    "0", "-0", "1", "-1", "1e300", "-1e300", "1e308", "1.8e308", "1e400", "-1e400", "inf", "-inf", "infinity",
    "nan", "NaN", "-nan", "0x1p3", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "18446744073709551616", String(repeating: "9", count: 400), "0." + String(repeating: "0", count: 400) + "1",
    "1e-400", "4.9e-324", "315576000000", "315576000001", "99999999999999999", "1.5", ".5", "5.", "1e", "e5",
    "--1", "+1", " 1", "1 ", "", "1_000", "١٢٣",
  ]

  /// An extreme spelling, or a random one: digits, signs, points, exponents, letters.
  static func numberText(using random: inout SplitMix) -> String {
    if Bool.random(using: &random) { return extremes.randomElement(using: &random)! }
    let alphabet = Array("0123456789999.eE+-xinfa ")
    let count = Int.random(in: 0...(Bool.random(using: &random) ? 8 : 420), using: &random)
    return String((0..<count).map { _ in alphabet.randomElement(using: &random)! })
  }

  /// Whatever a seconds value is, the conversions used downstream must not trap.
  static func survivesConversions(_ seconds: Double) {
    #expect(seconds.isFinite)
    _ = Int(seconds)
    _ = Duration.seconds(seconds).spelled
    _ = Timestamp.format(Timestamp.now() + seconds)
  }

  // MARK: - C1 durations (`durationGrant`, `grantDuration`)

  @Test func c1DurationsParseStrictlyAndClamp() {
    #expect(C1Duration.parse("3600s") == 3600)
    #expect(C1Duration.parse("1.5s") == 1.5)
    #expect(C1Duration.parse("0s") == 0)
    #expect(C1Duration.parse("1e300s") == C1Duration.maximumSeconds)
    #expect(C1Duration.parse(String(repeating: "9", count: 400) + "s") == C1Duration.maximumSeconds)
    for bad in ["infs", "-infs", "nans", "-1s", "0x10s", "s", "", "3600", "1e300", " 5s", "+5s", "1 s"] {
      #expect(C1Duration.parse(bad) == nil, "\(bad)")
    }
  }

  @Test func c1DurationsNeverGiveAValueThatTraps() async {
    await propertyCheck(count: 2000, input: Gen.uint64()) { seed in
      var random = SplitMix(seed: seed)
      let text = Self.numberText(using: &random) + (Bool.random(using: &random) ? "s" : "")
      if let seconds = C1Duration.parse(text) {
        #expect(seconds >= 0 && seconds <= C1Duration.maximumSeconds)
        Self.survivesConversions(seconds)
      }
    }
  }

  @Test func anEntitlementsHugeMaximumGrantIsClamped() throws {
    for (written, expected) in [
      ("\"1e300s\"", C1Duration.maximumSeconds), ("\"infs\"", nil), ("\"-5s\"", nil), ("\"7200s\"", 7200.0),
    ] {
      let json = #"{"id":"e1","appId":"a1","displayName":"Admin","durationGrant":\#(written)}"#
      let entitlement = try JSONDecoder().decode(C1Entitlement.self, from: Data(json.utf8))
      #expect(entitlement.maxGrantSeconds == expected, "\(written)")
      // What AccessService does with it.
      if let maximum = entitlement.maxGrantSeconds { Self.survivesConversions(maximum) }
    }
  }

  @Test func aTasksHugeGrantDurationIsClamped() throws {
    let task = try decodeTask(#""numericId":"1042","type":{"grant":{"grantDuration":"1e300s"}}"#)
    #expect(task.grantSeconds == C1Duration.maximumSeconds)
    // RequestFlow's grant end: the outcome time plus the duration.
    let end = try #require(task.grantSeconds) + Timestamp.now()
    Self.survivesConversions(end - Timestamp.now())
  }

  // MARK: - Task numbers

  @Test func taskNumbersAreDigitsOnly() throws {
    #expect(try decodeTask(#""numericId":"1042""#).number == "1042")
    #expect(try decodeTask(#""numericId":1042"#).number == "1042")
    #expect(try decodeTask(#""numericId":"123456789012345678""#).number == "123456789012345678")
    // No numericId: the id stands in only when it is a number itself.
    #expect(try decodeTask("", id: "2001").number == "2001")
    for bad in [
      #""numericId":"12\n34""#, #""numericId":"1042\u001b[2J""#, #""numericId":"-5""#, #""numericId":"+5""#,
      #""numericId":" 5""#, #""numericId":"1234567890123456789""#, #""numericId":"١٢""#, #""numericId":1e300"#,
      #""numericId":-1"#, #""numericId":1.5"#, #""numericId":true"#, #""numericId":{}"#, "",
    ] {
      #expect(throws: DecodingError.self, "\(bad)") { try decodeTask(bad) }
    }
  }

  @Test func aMalformedTaskNumberIsAClearError() {
    // How C1Client reports it: the decoding error names the field and why, not the value.
    var text = ""
    do { _ = try decodeTask(#""numericId":"12\nforged active""#) } catch { text = "\(error)" }
    #expect(text.contains("numericId") && text.contains("not 1 to 18 digits"))
    #expect(!text.contains("forged"))
  }

  // MARK: - `request --duration`

  @Test func spelledDurationsParse() {
    #expect(Duration.parse(spelled: "90") == .seconds(90))
    #expect(Duration.parse(spelled: "1h30m") == .seconds(5400))
    #expect(Duration.parse(spelled: "1h 30m") == .seconds(5400))
    #expect(Duration.parse(spelled: "2H") == .seconds(7200))
    #expect(Duration.parse(spelled: "1w2d") == .seconds(9 * 86400))
    for bad in ["", "0", "0h", "-1h", "1h30", "1 2", "h", "1x", "1.5h", "١h"] {
      #expect(Duration.parse(spelled: bad) == nil, "\(bad)")
    }
  }

  @Test func hugeSpelledDurationsAreRejectedNotTrapped() {
    for huge in [
      "99999999999999999h", "9223372036854775807s", "9223372036854775808", "9223372036854775807w",
      String(repeating: "9", count: 400) + "s", "315576000001s", "5000000000w", "1h" + String(repeating: "9", count: 30) + "m",
    ] {
      #expect(Duration.parse(spelled: huge) == nil, "\(huge)")
    }
    #expect(Duration.parse(spelled: "315576000000s") == .seconds(315_576_000_000))
  }

  @Test func spelledDurationsNeverTrap() async {
    await propertyCheck(count: 2000, input: Gen.uint64()) { seed in
      var random = SplitMix(seed: seed)
      var text = ""
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        text += Self.numberText(using: &random) + String("smhdw ".randomElement(using: &random)!)
      }
      if let duration = Duration.parse(spelled: text) {
        #expect(duration > .zero && duration <= .seconds(Duration.longestSpelledSeconds))
        _ = duration.spelled
        _ = Int(duration.components.seconds)
      }
    }
  }

  // MARK: - JSON numbers

  @Test func jsonNumbersDecodeOrFailButNeverTrap() async {
    await propertyCheck(count: 2000, input: Gen.uint64()) { seed in
      var random = SplitMix(seed: seed)
      let text = Self.numberText(using: &random)
      for json in ["[\(text)]", "[\"\(text)\"]", "{\"n\":\(text)}"] {
        guard let value = try? JSONValue.decoded(from: Array(json.utf8)) else { continue }
        let number = value.arrayValue?.first ?? value["n"]
        _ = number?.int64Value
        if let double = number?.doubleValue {
          #expect(double.isFinite)
          _ = DevicePolling(interval: double, expiresIn: double)
          _ = SSOOIDCClient.tokenLifetime(double)
          _ = C1Authenticator.lifetime(double)
        }
      }
    }
  }

  @Test func int64ValueIsExactOrAbsent() throws {
    #expect(JSONValue.number(1e300).int64Value == nil)
    #expect(JSONValue.number(.infinity).int64Value == nil)
    #expect(JSONValue.number(.nan).int64Value == nil)
    #expect(JSONValue.number(-9.3e18).int64Value == nil)
    #expect(JSONValue.number(1.5).int64Value == nil)
    #expect(JSONValue.number(42).int64Value == 42)
    #expect(JSONValue.string("9223372036854775808").int64Value == nil)
    #expect(JSONValue.string("-9223372036854775808").int64Value == .min)
    #expect(JSONValue.number(.infinity).doubleValue == nil)
    #expect(JSONValue.integer(.max).doubleValue == Double(Int64.max))
    // A 400-digit integer is no Int64; it may only come through as a finite Double.
    let big = try? JSONValue.decoded(from: Array("[\(String(repeating: "9", count: 400))]".utf8))
    if let big, let number = big.arrayValue?.first { #expect(number.int64Value == nil) }
  }

  // MARK: - Device sign-in pace and lifetime

  @Test func deviceIntervalsAndLifetimesAreBounded() {
    for value in [1e300, -1e300, .infinity, -.infinity, .nan, 0, -5, 1e-300, 5, 30, 1e6] as [Double] {
      let polling = DevicePolling(interval: value, expiresIn: value)
      #expect(DevicePolling.intervalBounds.contains(polling.interval), "\(value)")
      #expect(DevicePolling.lifetimeBounds.contains(polling.lifetime), "\(value)")
      Self.survivesConversions(polling.interval)
      Self.survivesConversions(polling.lifetime)
    }
    #expect(DevicePolling(interval: 1e300, expiresIn: 1e300) == DevicePolling(interval: 60, expiresIn: 3600))
    #expect(DevicePolling(interval: nil, expiresIn: nil) == DevicePolling(interval: 5, expiresIn: 600))
    #expect(DevicePolling(interval: .nan, expiresIn: .nan) == DevicePolling(interval: 5, expiresIn: 600))
  }

  @Test func slowDownAddsFiveSecondsUpToTheBound() {
    var polling = DevicePolling(interval: 5, expiresIn: 600)
    polling.slowDown()
    #expect(polling.interval == 10)
    for _ in 0..<100 { polling.slowDown() }
    #expect(polling.interval == DevicePolling.intervalBounds.upperBound)
  }

  @Test func theLastPauseEndsWithTheCode() {
    let polling = DevicePolling(interval: 60, expiresIn: 2)
    #expect(polling.pause(elapsed: 0) == .seconds(2))
    #expect(polling.pause(elapsed: 1.5) == .milliseconds(500))
    #expect(polling.pause(elapsed: 2) == nil)
    #expect(polling.pause(elapsed: 1e300) == nil)
  }

  // MARK: - Token and credential lifetimes

  @Test func tokenAndRegistrationLifetimesAreBounded() {
    let now = Timestamp.now()
    for value in [1e300, -1e300, 0, 3600, Double(Int64.max), -Double(Int64.max)] {
      Self.survivesConversions(SSOOIDCClient.tokenLifetime(value))
      Self.survivesConversions(SSOOIDCClient.registrationEnd(value, now: now) - now)
      Self.survivesConversions(C1Authenticator.lifetime(value))
      #expect((0...86400).contains(C1Authenticator.lifetime(value)))
    }
    #expect(SSOOIDCClient.tokenLifetime(nil) == 3600)
    #expect(SSOOIDCClient.tokenLifetime(28800) == 28800)
    #expect(SSOOIDCClient.registrationEnd(nil, now: now) == now + 90 * 86400)
  }

  @Test func roleCredentialExpirationsAreBounded() {
    let now = Timestamp.now()
    for milliseconds in [Int64.max, .min, 0, -1, Int64(now * 1000) + 3_600_000] {
      let expiration = SSOPortalClient.expiration(milliseconds: milliseconds, now: now)
      #expect(expiration <= now + SSOPortalClient.longestRoleSession)
      _ = Timestamp.format(expiration)
      _ = Int(expiration)
    }
    #expect(SSOPortalClient.expiration(milliseconds: Int64(now * 1000) + 3_600_000, now: now) > now + 3599)
  }

  // MARK: - CONE_SHELL_HTTP_TIMEOUT and CONE_SHELL_MAX_PAGES

  @Test func httpTimeoutIsClampedOrIgnored() {
    func timeout(_ text: String) -> Duration {
      HTTPTransport.Configuration(environment: Environment(["CONE_SHELL_HTTP_TIMEOUT": text])).timeout
    }
    #expect(timeout("2") == .seconds(2))
    #expect(timeout("0.5") == .milliseconds(500))
    for huge in ["inf", "infinity", "1e300", "99999999999999999999999", "1e400"] {
      #expect(timeout(huge) == .seconds(3600), "\(huge)")
    }
    for unusable in ["-1", "-inf", "nan", "0", "abc", "", "0x"] {
      #expect(timeout(unusable) == HTTPTransport.Configuration.defaultTimeout, "\(unusable)")
    }
    #expect(timeout("1e-300") == .milliseconds(100))
    let notes = HTTPTransport.Configuration(environment: Environment(["CONE_SHELL_HTTP_TIMEOUT": "inf"])).notes
    #expect(notes == ["CONE_SHELL_HTTP_TIMEOUT=inf: out of range; using 3600 s"])
  }

  @Test func httpTimeoutTextNeverTraps() async {
    await propertyCheck(count: 1000, input: Gen.uint64()) { seed in
      var random = SplitMix(seed: seed)
      let (duration, _) = HTTPTransport.Configuration.timeout(parsing: Self.numberText(using: &random))
      if let duration {
        #expect(duration >= .milliseconds(100) && duration <= .seconds(3600))
      }
    }
  }

  @Test func pageLimitIsClampedOrIgnored() {
    func pages(_ text: String) -> Int {
      HTTPTransport.Configuration(environment: Environment(["CONE_SHELL_MAX_PAGES": text])).maxPages
    }
    #expect(pages("20") == 20)
    #expect(pages("0") == 1)
    #expect(pages(String(repeating: "9", count: 40)) == PageCursor.limitBounds.upperBound)
    for unusable in ["-1", "inf", "1e3", "abc", "2.5"] {
      #expect(pages(unusable) == PageCursor.defaultLimit, "\(unusable)")
    }
  }

  // MARK: - Helpers

  private func decodeTask(_ fields: String, id: String = "2Txyz") throws -> C1Task {
    let separator = fields.isEmpty ? "" : ","
    let json = #"{"id":"\#(id)","state":"TASK_STATE_OPEN"\#(separator)\#(fields)}"#
    return try JSONDecoder().decode(C1Task.self, from: Data(json.utf8))
  }
}
