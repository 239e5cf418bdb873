/// `application/x-www-form-urlencoded` bodies (OAuth token requests, STS's query protocol).
enum FormURLEncoded {
  static func parse(_ text: String) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = decode(parts[0])
      fields[name] = parts.count > 1 ? decode(parts[1]) : ""
    }
    return fields
  }

  static func decode(_ text: some StringProtocol) -> String {
    let plus = text.replacingOccurrences(of: "+", with: " ")
    return plus.removingPercentEncoding ?? plus
  }
}
