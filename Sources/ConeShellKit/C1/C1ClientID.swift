/// A C1 client id, `name@host/suffix` (e.g. `strange-hydra-68836@acme.conductor.one/pcc`).
/// The host, which may carry a port, is where cone and cone-shell send everything;
/// the suffix is never interpreted (docs/c1-api.md §2.1).
public struct C1ClientID: Sendable, Equatable, CustomStringConvertible {
  public let rawValue: String
  public let name: String
  public let host: String

  public init(_ rawValue: String) throws(C1Error) {
    // Split once on "@", then the rest once on "/", as cone does.
    guard let at = rawValue.firstIndex(of: "@") else { throw C1Error.invalidClientID }
    let rest = rawValue[rawValue.index(after: at)...]
    guard let slash = rest.firstIndex(of: "/") else { throw C1Error.invalidClientID }
    let host = String(rest[..<slash])
    guard !host.isEmpty, at != rawValue.startIndex else { throw C1Error.invalidClientID }
    self.rawValue = rawValue
    self.name = String(rawValue[..<at])
    self.host = host
  }

  public var description: String { rawValue }
}
