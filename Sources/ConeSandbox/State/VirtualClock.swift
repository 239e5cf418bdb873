import Foundation

/// Real time plus an offset that `cone-sandbox clock advance` grows. Every expiry in the
/// sandbox reads it, so tests can jump past a grant's end without waiting.
struct VirtualClock: Sendable {
  private(set) var offset: TimeInterval = 0

  var now: Date { Date().addingTimeInterval(offset) }

  mutating func advance(by seconds: TimeInterval) {
    offset += seconds
  }
}
