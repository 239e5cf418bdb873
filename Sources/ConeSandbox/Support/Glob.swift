/// Shell-style path patterns for faults: `*` matches any run of characters (slashes
/// included, so `/api/v1/*` covers every C1 route), `?` matches one character.
struct Glob: Sendable, Equatable, Codable {
  let pattern: String

  init(_ pattern: String) {
    self.pattern = pattern
  }

  func matches(_ text: String) -> Bool {
    Self.match(Array(pattern.utf8)[...], Array(text.utf8)[...])
  }

  private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
    var p = pattern.startIndex
    var t = text.startIndex
    var star: (pattern: Int, text: Int)?
    while t < text.endIndex {
      if p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") {
        star = (p, t)
        p += 1
      } else if p < pattern.endIndex, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
        p += 1
        t += 1
      } else if let backtrack = star {
        p = backtrack.pattern + 1
        t = backtrack.text + 1
        star = (backtrack.pattern, backtrack.text + 1)
      } else {
        return false
      }
    }
    while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
    return p == pattern.endIndex
  }
}
