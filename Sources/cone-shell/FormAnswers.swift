import ArgumentParser
import ConeShellKit

/// Request data for a form, from the command line or (on a terminal) from a person.
enum FormAnswers {
  static func requestData(
    form: JSONValue, profile: String, fields: [String], formData: String?, context: ConeContext
  ) async throws -> JSONValue {
    if let formData {
      return try JSONValue.decoded(from: Array(formData.utf8))
    }
    throw AccessStop(.formRequired, "\"\(profile)\" requires a request form: fill it with --field NAME=VALUE or --form-data JSON")
  }
}
