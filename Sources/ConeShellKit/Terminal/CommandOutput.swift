import ConeShellBase

/// What one command shows, as one value (swiftly's output data): the text a person
/// reads and the `--json` document, derived from the same fields. With `--json` stdout
/// carries the document alone; otherwise the text goes to `textStream`.
public protocol CommandOutput: Sendable {
  /// Where the text goes: stdout for a result (the default); stderr for a report of
  /// what was done, which leaves stdout to a pipe.
  static var textStream: ConeOutput.Stream { get }
  /// Lines without a final newline; empty: nothing to show.
  var text: String { get }
  var json: JSONDocument { get }
}

extension CommandOutput {
  public static var textStream: ConeOutput.Stream { .output }
}

extension ConeOutput {
  /// Prints `value` as its document (`json`) or its text.
  public func show<Value: CommandOutput>(_ value: Value, json: Bool) {
    if json { return print(value.json.rendered) }
    guard !value.text.isEmpty else { return }
    switch Value.textStream {
    case .output: print(value.text)
    case .error: message(value.text + "\n")
    }
  }
}
