/// A rule a form's answers break, with the message to show a person.
public struct FormViolation: Sendable, Hashable, CustomStringConvertible {
  /// The fields concerned: one for a field's own rules, several for a relationship.
  public var fieldNames: [String]
  public var message: String

  public init(fieldNames: [String], message: String) {
    self.fieldNames = fieldNames
    self.message = message
  }

  public var description: String { message }
}
