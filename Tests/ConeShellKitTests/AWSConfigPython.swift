import Foundation

/// Runs Python 3 (with botocore, when installed) to compare the model with the parser
/// the AWS CLI itself uses. Tests that need it are skipped when it is missing.
enum AWSConfigPython {
  static let hasPython = (try? run("print('ok')")) == "ok\n"
  static let hasBotocore = hasPython && (try? run("import botocore.configloader; print('ok')")) == "ok\n"

  /// The standard output of `python3 -c script arguments…`; throws when it fails.
  static func run(_ script: String, _ arguments: [String] = []) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw PythonFailed(status: process.terminationStatus) }
    return String(decoding: data, as: UTF8.self)
  }

  struct PythonFailed: Error {
    var status: Int32
  }

  /// The exit status and standard output of `sh -c commandLine`, as the Go SDK runs
  /// a credential_process.
  static func shell(_ commandLine: String) throws -> (status: Int32, output: [UInt8]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", commandLine]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, Array(data))
  }
}

/// JSON as Python's `json.dumps(value, sort_keys=True, separators=(",", ":"))` writes
/// it (ASCII only), so that a Swift view and botocore's compare as strings.
enum PythonJSON {
  static func string(_ text: String) -> String {
    var out = "\""
    for unit in text.utf16 {
      switch unit {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(unit)!)
      default: out += "\\u" + String(repeating: "0", count: 4 - String(unit, radix: 16).count) + String(unit, radix: 16)
      }
    }
    return out + "\""
  }

  static func object(_ members: [(String, String)]) -> String {
    // Python sorts keys by code point.
    let sorted = members.sorted {
      $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) { $0.value < $1.value }
    }
    return "{" + sorted.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
  }

  static func array(_ items: [String]) -> String {
    "[" + items.joined(separator: ",") + "]"
  }
}
