import ConeShellBase

/// The environment `cone-shell exec` gives a program: the role's credentials in the
/// variables every AWS SDK reads, the profile's region, and no AWS_PROFILE (an SDK that
/// sees one resolves it again instead of using the keys).
public enum ExecEnvironment {
  /// Names the profile a program runs under, for nesting checks and prompts.
  public static let profileVariable = "CONE_SHELL_EXEC_PROFILE"

  /// Variables to set, and names to unset.
  public static func changes(
    profile: ManagedProfile, credentials: CredentialCache.Entry
  ) -> (set: [(String, String)], unset: [String]) {
    var set = [
      ("AWS_ACCESS_KEY_ID", credentials.accessKeyID), ("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey),
    ]
    // AWS_SECURITY_TOKEN is the old name botocore still reads before AWS_SESSION_TOKEN:
    // one inherited from the shell would pair another session's token with these keys.
    var unset = ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SECURITY_TOKEN"]
    if let token = credentials.sessionToken {
      set.append(("AWS_SESSION_TOKEN", token))
    } else {
      unset.append("AWS_SESSION_TOKEN")
    }
    set.append(("AWS_CREDENTIAL_EXPIRATION", Timestamp.format(credentials.expiration)))
    if let region = profile.region {
      set += [("AWS_REGION", region), ("AWS_DEFAULT_REGION", region)]
    }
    set.append((profileVariable, profile.name))
    return (set, unset)
  }

  /// Why running under `profile` inside an `exec` of another profile is refused, or nil.
  public static func nestingRefusal(profile: String, environment: Environment) -> String? {
    guard let outer = environment[profileVariable], outer != profile else { return nil }
    return "this shell already runs under `cone-shell exec \(outer)`, whose credentials are in its environment; "
      + "run `cone-shell exec \(profile) --nest -- …` to run inside it anyway, or leave it first (exit)"
  }
}
