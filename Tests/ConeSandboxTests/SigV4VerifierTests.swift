import Foundation
import Testing

@testable import ConeSandbox

/// Signature Version 4: AWS's published example and a signature botocore made for STS.
@Suite struct SigV4VerifierTests {
  /// AWS's documented example (IAM ListUsers, 2015-08-30T12:36:00Z).
  let iam = SigV4Verifier(
    method: "GET", rawPath: "/", rawQuery: "Action=ListUsers&Version=2010-05-08",
    headers: [
      "content-type": "application/x-www-form-urlencoded; charset=utf-8", "host": "iam.amazonaws.com",
      "x-amz-date": "20150830T123600Z",
    ],
    body: [])
  let iamAuthorization =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
    + "SignedHeaders=content-type;host;x-amz-date, "
    + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
  let iamSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

  /// botocore 1.43's signature of GetCallerIdentity with a session token.
  let sts = SigV4Verifier(
    method: "POST", rawPath: "/", rawQuery: nil,
    headers: [
      "content-type": "application/x-www-form-urlencoded; charset=utf-8", "host": "127.0.0.1:8484",
      "x-amz-date": "20261122T200337Z", "x-amz-security-token": "session-token-xyz",
      "user-agent": "not signed, so it may change",
    ],
    body: Array("Action=GetCallerIdentity&Version=2011-06-15".utf8))
  let stsAuthorization =
    "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE12/20261122/us-east-1/sts/aws4_request, "
    + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
    + "Signature=3e5c5626540dcd94ada275131e10480ff10857c881b1d84618364950ca9ce574"
  let stsSecret = "secretsecretsecretsecretsecretsecret1234"

  @Test func correctSignaturesVerify() throws {
    let iamHeader = try SigV4Verifier.Authorization(header: iamAuthorization)
    #expect(iamHeader.accessKeyId == "AKIDEXAMPLE" && iamHeader.service == "iam")
    #expect(iam.isValid(iamHeader, secretAccessKey: iamSecret))
    #expect(sts.isValid(try SigV4Verifier.Authorization(header: stsAuthorization), secretAccessKey: stsSecret))
  }

  @Test func oneTamperedByteFails() throws {
    let header = try SigV4Verifier.Authorization(header: stsAuthorization)
    var secret = Array(stsSecret.utf8)
    secret[7] ^= 1
    #expect(!sts.isValid(header, secretAccessKey: String(decoding: secret, as: UTF8.self)))
    var body = sts.body
    body[0] ^= 1
    let changedBody = SigV4Verifier(method: sts.method, rawPath: "/", rawQuery: nil, headers: sts.headers, body: body)
    #expect(!changedBody.isValid(header, secretAccessKey: stsSecret))
    var headers = sts.headers
    headers["x-amz-security-token"] = "session-token-xyZ"
    let changedToken = SigV4Verifier(method: "POST", rawPath: "/", rawQuery: nil, headers: headers, body: sts.body)
    #expect(!changedToken.isValid(header, secretAccessKey: stsSecret))
    let signature = try SigV4Verifier.Authorization(header: stsAuthorization.replacingOccurrences(of: "3e5c", with: "3e5d"))
    #expect(!sts.isValid(signature, secretAccessKey: stsSecret))
  }

  @Test func malformedHeadersAreIncompleteSignatures() {
    for header in ["Bearer x", "AWS4-HMAC-SHA256 Credential=a/b", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, Signature=x"] {
      #expect { try SigV4Verifier.Authorization(header: header) } throws: { ($0 as? STSError)?.code == "IncompleteSignature" }
    }
  }

  @Test func canonicalQueryIsSortedAndEncoded() {
    #expect(SigV4Verifier.canonicalQuery("b=2&a=1&a=0&c=x%20y") == "a=0&a=1&b=2&c=x%20y")
    #expect(SigV4Verifier.canonicalPath("/a b/") == "/a%20b/")
  }
}
