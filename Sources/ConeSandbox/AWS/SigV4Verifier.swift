import Crypto
import Foundation
import Hummingbird

/// Checks an AWS Signature Version 4 `Authorization` header, following AWS's published
/// algorithm: canonical request → string to sign → HMAC-SHA256 key chain → signature.
/// The request time is not checked against any clock: clients sign with real time and the
/// sandbox's clock may be ahead; the credential's own expiry is checked separately.
struct SigV4Verifier {
  /// The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
  struct Authorization: Equatable {
    let accessKeyId: String
    let date: String
    let region: String
    let service: String
    let signedHeaders: [String]
    let signature: String

    init(header: String) throws(STSError) {
      let prefix = "AWS4-HMAC-SHA256 "
      guard header.hasPrefix(prefix) else {
        throw .incomplete("Authorization header requires the AWS4-HMAC-SHA256 algorithm.")
      }
      var fields: [String: String] = [:]
      for part in header.dropFirst(prefix.count).split(separator: ",") {
        let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
        if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
      }
      guard let credential = fields["Credential"], let signed = fields["SignedHeaders"],
        let signature = fields["Signature"]
      else {
        throw .incomplete("Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.")
      }
      let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
      guard scope.count == 5, scope[4] == "aws4_request" else {
        throw .incomplete("Credential must have the form <key>/<date>/<region>/<service>/aws4_request.")
      }
      accessKeyId = scope[0]
      date = scope[1]
      region = scope[2]
      service = scope[3]
      signedHeaders = signed.split(separator: ";").map { $0.lowercased() }
      self.signature = signature.lowercased()
    }

    var scope: String { "\(date)/\(region)/\(service)/aws4_request" }
  }

  let method: String
  /// The path as sent, still percent-encoded.
  let rawPath: String
  let rawQuery: String?
  /// Header values by lower-cased name (several values joined with ",").
  let headers: [String: String]
  let body: [UInt8]

  /// Whether `authorization` is the signature of this request with `secretAccessKey`.
  func isValid(_ authorization: Authorization, secretAccessKey: String) -> Bool {
    guard let amzDate = headers["x-amz-date"], amzDate.hasPrefix(authorization.date),
      authorization.signedHeaders.contains("host")
    else { return false }
    let expected = signature(authorization, amzDate: amzDate, secretAccessKey: secretAccessKey)
    // Compare every byte, so the time taken does not tell how much matched.
    let given = Array(authorization.signature.utf8)
    let wanted = Array(expected.utf8)
    guard given.count == wanted.count else { return false }
    return zip(given, wanted).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
  }

  func canonicalRequest(signedHeaders: [String]) -> String {
    let canonicalHeaders = signedHeaders.map { name in
      let value = (headers[name] ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
      return "\(name):\(value)\n"
    }.joined()
    let payloadHash = headers["x-amz-content-sha256"] ?? Self.hex(SHA256.hash(data: Data(body)))
    return [
      method, Self.canonicalPath(rawPath), Self.canonicalQuery(rawQuery), canonicalHeaders,
      signedHeaders.joined(separator: ";"), payloadHash,
    ].joined(separator: "\n")
  }

  func signature(_ authorization: Authorization, amzDate: String, secretAccessKey: String) -> String {
    let canonical = canonicalRequest(signedHeaders: authorization.signedHeaders)
    let stringToSign = [
      "AWS4-HMAC-SHA256", amzDate, authorization.scope, Self.hex(SHA256.hash(data: Data(canonical.utf8))),
    ].joined(separator: "\n")
    var key = SymmetricKey(data: Data("AWS4\(secretAccessKey)".utf8))
    for part in [authorization.date, authorization.region, authorization.service, "aws4_request"] {
      key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
    }
    return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
  }

  // MARK: Canonical forms

  private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)

  /// RFC 3986 percent-encoding of everything but unreserved characters (and `/` if asked).
  static func encode(_ text: String, keepSlash: Bool = false) -> String {
    var result = ""
    for byte in text.utf8 {
      if unreserved.contains(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
        result.append(Character(UnicodeScalar(byte)))
      } else {
        result += String(format: "%%%02X", byte)
      }
    }
    return result
  }

  /// Services other than S3 encode the already-encoded path once more, as botocore does.
  static func canonicalPath(_ rawPath: String) -> String {
    rawPath.isEmpty ? "/" : encode(rawPath, keepSlash: true)
  }

  static func canonicalQuery(_ rawQuery: String?) -> String {
    guard let rawQuery, !rawQuery.isEmpty else { return "" }
    var pairs: [(name: String, value: String)] = []
    for pair in rawQuery.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      let name = parts[0].removingPercentEncoding ?? parts[0]
      let value = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
      pairs.append((encode(name), encode(value)))
    }
    pairs.sort { $0.name == $1.name ? $0.value < $1.value : $0.name < $1.name }
    return pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
  }

  static func hex(_ digest: some Sequence<UInt8>) -> String {
    Identifier.hex(digest)
  }
}
