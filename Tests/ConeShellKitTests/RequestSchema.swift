import ConeShellKit

/// A request schema: the form an entitlement asks for, from
/// `GET /api/v1/request_schemas/{id}` (docs/c1-api.md §7).
struct RequestSchema: Sendable, Hashable, Decodable {
  var id: String
  var form: RequestForm?
  /// `JUSTIFICATION_VISIBILITY_HIDE` asks for no justification next to the form.
  var hidesJustification: Bool

  /// The response body: `{"requestSchema": {…}}`.
  struct Response: Sendable, Hashable, Decodable {
    var requestSchema: RequestSchema?
  }

  init(id: String, form: RequestForm?, hidesJustification: Bool = false) {
    self.id = id
    self.form = form
    self.hidesJustification = hidesJustification
  }

  private enum CodingKeys: String, CodingKey { case id, form, justificationVisibility }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
    form = try container.decodeIfPresent(RequestForm.self, forKey: .form)
    hidesJustification =
      try container.decodeIfPresent(String.self, forKey: .justificationVisibility)
      == "JUSTIFICATION_VISIBILITY_HIDE"
  }
}
