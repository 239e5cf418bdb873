/// Why the access flow stopped, for the person and for the exit status.
public enum AccessError: Error, CustomStringConvertible, Sendable, Equatable {
  case unknownProfile(String, configPath: String)
  case notManaged(String, configPath: String)
  /// An entitlement without a maximum grant length needs an explicit duration: cone-shell
  /// never asks for a permanent grant by accident.
  case durationRequired(profile: String)
  case durationTooLong(profile: String, maximum: Double)
  case invalidDuration(String)

  public var description: String {
    switch self {
    case .unknownProfile(let name, let path):
      "there is no profile \"\(name)\" in \(path): run `cone-shell setup` to create the profiles you can request"
    case .notManaged(let name, let path):
      "the profile \"\(name)\" in \(path) is not managed by cone-shell or cone (it has no cone_app_id or "
        + "cone_entitlement_id): delete it and run `cone-shell setup` to recreate it"
    case .durationRequired(let profile):
      "the entitlement behind \"\(profile)\" has no maximum grant length, and cone-shell will not request "
        + "permanent access by accident: run `cone-shell request \(profile) --duration 1h` (or the length you need)"
    case .durationTooLong(let profile, let maximum):
      "\"\(profile)\" can be granted for at most \(Duration.seconds(maximum).spelled): ask for less with --duration"
    case .invalidDuration(let text):
      "\"\(text)\" is not a duration: use forms like 30m, 2h, 1h30m, 1d"
    }
  }
}
