/// Follows the page tokens of one listing, with a bound: a server that keeps handing
/// out fresh tokens (or the same one again) would otherwise keep a command, and the
/// prompt's background refresh, looping forever.
public struct PageCursor: Sendable {
  /// 1,000 pages is 100,000 entries at the usual 100 a page: ten times the largest
  /// catalog cone-shell is measured against (bench/RESULTS.md).
  public static let defaultLimit = 1000
  public static let limitBounds: ClosedRange<Int> = 1...100_000

  /// The call as messages name it (`POST https://…/api/v1/search/tasks`).
  public let call: String
  public let limit: Int
  /// Pages read so far.
  public private(set) var pages = 0
  private var seen: Set<String> = []

  public init(call: String, limit: Int) {
    self.call = call
    self.limit = min(max(limit, Self.limitBounds.lowerBound), Self.limitBounds.upperBound)
  }

  /// Counts the page just read and returns the token of the next one, nil when the
  /// listing is complete (no token, or an empty one). Throws when the token was
  /// already used or the limit is reached with more pages still offered.
  public mutating func next(after token: String?, entries: Int) throws(PageLimitError) -> String? {
    pages += 1
    guard let token, !token.isEmpty else { return nil }
    guard seen.insert(token).inserted else {
      throw .repeatedToken(call: call, page: pages)
    }
    guard pages < limit else {
      throw .tooManyPages(call: call, pages: pages, entries: entries)
    }
    return token
  }

  /// CONE_SHELL_MAX_PAGES: a whole number clamped into `limitBounds`, nil when it is
  /// none; the note says what was done.
  public static func limit(parsing text: String) -> (Int?, note: String?) {
    let digits = text.trimmingSpaces
    guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) else {
      return (nil, "not a whole number of pages; using \(defaultLimit)")
    }
    // More digits than an Int holds is simply "very many".
    let value = Int(digits) ?? Int.max
    let clamped = min(max(value, limitBounds.lowerBound), limitBounds.upperBound)
    return (clamped, clamped == value ? nil : "out of range; using \(clamped)")
  }
}

/// Why a listing was stopped before its end.
public enum PageLimitError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The server still offered more after `pages` pages (`entries` entries).
  case tooManyPages(call: String, pages: Int, entries: Int)
  /// The server handed back a page token it had already given.
  case repeatedToken(call: String, page: Int)

  public var description: String {
    switch self {
    case .tooManyPages(let call, let pages, let entries):
      "\(call): the service still offered more after \(pages) pages (\(entries) entries), so cone-shell "
        + "stopped there; if the list is really that long, allow more pages with CONE_SHELL_MAX_PAGES=<pages>"
    case .repeatedToken(let call, let page):
      "\(call): the service sent a page token it had already sent (page \(page)), which would repeat "
        + "the listing forever, so cone-shell stopped; try again later, and report it if it persists"
    }
  }
}
