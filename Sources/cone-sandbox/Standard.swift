import Foundation

/// stdout for results (flushed at once: a reader may be waiting on a pipe), stderr for the rest.
enum Standard {
  static func output(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func error(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
