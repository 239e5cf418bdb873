/// One `key = value` setting of a section.
public struct AWSConfigEntry: Equatable, Sendable {
  /// Lower-cased, as botocore reads it.
  public var key: String
  public var value: AWSConfigValue

  public init(key: String, value: AWSConfigValue) {
    self.key = key
    self.value = value
  }
}
