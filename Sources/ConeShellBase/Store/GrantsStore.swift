/// Reads and updates the `grants` file under a lock, so that concurrent commands
/// never lose each other's entries. A corrupt file is rebuilt, never fatal.
public struct GrantsStore: Sendable {
  public let store: StateStore

  public init(store: StateStore) {
    self.store = store
  }

  public func read() -> GrantsFile? {
    guard let text = try? store.read(GrantsFile.fileName).map({ String(decoding: $0, as: UTF8.self) }) else {
      return nil
    }
    return GrantsFile(parsing: text)
  }

  /// Applies `change` to the current file (or an empty one) and writes the result with
  /// `written` set to `now`.
  public func update(now: Double, _ change: (inout GrantsFile) -> Void) async throws {
    try store.prepare()
    let lock = try await store.lock("grants", timeout: .seconds(10), purpose: "updating the grants file")
    defer { lock.release() }
    var file = read() ?? GrantsFile(written: 0, entries: [])
    change(&file)
    file.written = Int(now)
    try store.write(GrantsFile.fileName, Array(file.text.utf8))
  }
}
