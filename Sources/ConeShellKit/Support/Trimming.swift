extension StringProtocol {
  /// Without leading and trailing spaces and tabs: a header value, a config value, a
  /// duration as typed.
  var trimmingSpaces: String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }

  /// Without leading and trailing whitespace of any kind, line breaks included: an answer
  /// typed into a form.
  var trimmingWhitespace: String {
    guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(self[start...end])
  }
}
