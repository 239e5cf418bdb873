/// What `cone-shell setup` does to the AWS config: one profile per AWS permission set
/// in the catalog, planned first (so `--dry-run` can show it) and applied as surgical
/// edits that leave every other byte of the file as it was.
public struct ProfileSetup: Sendable {
  public struct Settings: Sendable, Equatable {
    public var startURL: String
    public var ssoRegion: String
    public var region: String
    /// The absolute path of cone-shell, for `credential_process`.
    public var executable: String
    /// The profile of cone's config the catalog was read with, when it is not the
    /// default: recorded in each profile, so that later requests go to the same tenant.
    public var c1Profile: String?

    public init(startURL: String, ssoRegion: String, region: String, executable: String, c1Profile: String? = nil) {
      self.startURL = startURL
      self.ssoRegion = ssoRegion
      self.region = region
      self.executable = executable
      self.c1Profile = c1Profile == C1Config.defaultProfileName ? nil : c1Profile
    }
  }

  public enum Action: Sendable, Equatable {
    case create(String, AWSPermissionSet)
    case update(String, AWSPermissionSet, changes: [String])
    /// An existing profile left alone: its name and why.
    case keep(String, reason: String)
    /// A cone-shell profile whose entitlement is no longer in the catalog.
    case remove(String)
    /// Such a profile, kept because --prune was not given.
    case stale(String)
  }

  public var settings: Settings
  public var actions: [Action] = []
  /// New profiles that could not have their plain name (another permission set's
  /// name folds to the same, e.g. `PRODUCTION` and `production`): name → plain name.
  public var collisions: [String: String] = [:]
  /// Whether `[sso-session cone-sso]` must be written or changed.
  public var ssoSessionChange = false

  /// Plans the changes for `catalog` against `document`.
  public init(catalog: [C1EntitlementView], document: AWSConfigDocument, settings: Settings, prune: Bool) {
    self.settings = settings
    let existing = ProfileDirectory.profiles(in: document)
    let byEntitlement = Dictionary(existing.map { ($0.entitlementID, $0) }, uniquingKeysWith: { first, _ in first })
    let byName = Dictionary(existing.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var sets: [AWSPermissionSet] = []
    var seen: Set<String> = []
    for view in catalog {
      guard let set = AWSPermissionSet(view), seen.insert(set.entitlementID).inserted else { continue }
      sets.append(set)
    }
    let inCatalog = seen
    // Names already spoken for: every profile in the file, plus those planned here.
    var taken = Set(document.profileNames)
    var reused: Set<String> = []
    var planned: [(AWSPermissionSet, String?)] = []
    // Profiles that already serve an entitlement keep their name: stable across runs.
    for set in sets {
      if let profile = byEntitlement[set.entitlementID] {
        reused.insert(profile.name)
        planned.append((set, profile.name))
      } else {
        planned.append((set, nil))
      }
    }
    // New profiles are named in the order of their entitlement ids, not the catalog's,
    // so that which of two colliding names gets the plain one does not depend on the
    // order a server lists them in.
    var newNames: [String: String] = [:]
    for set in planned.filter({ $0.1 == nil }).map(\.0).sorted(by: { $0.entitlementID < $1.entitlementID }) {
      let name = Self.freeName(for: set, taken: taken, existing: byName, inCatalog: inCatalog)
      taken.insert(name)
      newNames[set.entitlementID] = name
      if name != set.profileName { collisions[name] = set.profileName }
    }
    for (set, name) in planned {
      if let name, let profile = byName[name] {
        if !profile.isConeShellManaged {
          actions.append(.keep(name, reason: "made by cone"))
        } else {
          let changes = Self.changes(from: profile, to: set, in: document.resolvedProfile(name), settings: settings)
          actions.append(changes.isEmpty ? .keep(name, reason: "up to date") : .update(name, set, changes: changes))
        }
        continue
      }
      let name = newNames[set.entitlementID]!
      if let owner = byName[name], owner.isConeShellManaged {
        // The name's old entitlement left the catalog (recreated in C1): take it over.
        reused.insert(name)
        actions.append(.update(name, set, changes: ["cone_entitlement_id"]))
      } else {
        actions.append(.create(name, set))
      }
    }
    for profile in existing where profile.isConeShellManaged && !inCatalog.contains(profile.entitlementID)
      && !reused.contains(profile.name)
    {
      actions.append(prune ? .remove(profile.name) : .stale(profile.name))
    }
    let session = document.ssoSession(SSOSettings.sessionName)
    ssoSessionChange =
      session?.text("sso_start_url") != settings.startURL || session?.text("sso_region") != settings.ssoRegion
      || session?.text("sso_registration_scopes") != SSOCacheFiles.scopes.joined(separator: ",")
  }

  /// `<account>-<role>` when free, else with the account id, else with part of the
  /// entitlement id: a collision gets a stable suffix, never an overwrite.
  static func freeName(
    for set: AWSPermissionSet, taken: Set<String>, existing: [String: ManagedProfile], inCatalog: Set<String>
  ) -> String {
    let base = set.profileName
    func available(_ name: String) -> Bool {
      guard taken.contains(name) else { return true }
      // A cone-shell profile whose entitlement left the catalog can be taken over.
      guard let owner = existing[name] else { return false }
      return owner.isConeShellManaged && !inCatalog.contains(owner.entitlementID)
    }
    for candidate in [base, base + "-" + AWSConfigSanitizer.value(set.accountID).lowercased(),
                      base + "-" + String(AWSConfigSanitizer.value(set.entitlementID).lowercased().prefix(8))]
    where available(candidate) && !candidate.hasSuffix("-") {
      return candidate
    }
    var counter = 2
    while !available("\(base)-\(counter)") { counter += 1 }
    return "\(base)-\(counter)"
  }

  /// The keys cone-shell writes for a profile, values sanitised.
  static func values(
    _ name: String, _ set: AWSPermissionSet, settings: Settings
  ) throws -> [(key: String, value: String)] {
    let clean = AWSConfigSanitizer.value
    var values: [(key: String, value: String)] = [
      ("credential_process", try AWSCredentialProcess.commandLine([settings.executable, "creds", name])),
      ("cone_app_id", clean(set.appID)),
      ("cone_entitlement_id", clean(set.entitlementID)),
      ("cone_sso_account_id", clean(set.accountID)),
      ("cone_sso_role_name", clean(set.roleName)),
      ("cone_sso_region", clean(settings.ssoRegion)),
      ("cone_sso_start_url", clean(settings.startURL)),
      ("cone_shell_managed", "true"),
      ("region", clean(settings.region)),
      ("output", "json"),
    ]
    if let c1Profile = settings.c1Profile {
      values.insert((ManagedProfile.c1ProfileKey, clean(c1Profile)), at: values.count - 2)
    }
    return values
  }

  static func changes(
    from profile: ManagedProfile, to set: AWSPermissionSet, in section: AWSConfigSection?, settings: Settings
  ) -> [String] {
    guard let section, let wanted = try? values(profile.name, set, settings: settings) else {
      return ["credential_process"]
    }
    // `region` and `output` are the user's to change after setup.
    return wanted.filter { $0.key != "region" && $0.key != "output" && section.text($0.key) != $0.value }.map(\.key)
  }

  /// Applies the plan to `document`.
  public func apply(to document: inout AWSConfigDocument) throws {
    if ssoSessionChange {
      try document.setSSOSession(
        SSOSettings.sessionName,
        [("sso_start_url", AWSConfigSanitizer.value(settings.startURL)),
         ("sso_region", AWSConfigSanitizer.value(settings.ssoRegion)),
         ("sso_registration_scopes", SSOCacheFiles.scopes.joined(separator: ","))])
    }
    var removals: [String] = []
    for action in actions {
      switch action {
      case .create(let name, let set):
        try document.setProfile(name, try Self.values(name, set, settings: settings))
      case .update(let name, let set, _):
        // The user's own region and output stay.
        let section = document.resolvedProfile(name)
        let values = try Self.values(name, set, settings: settings).filter { entry in
          !((entry.key == "region" || entry.key == "output") && section?.text(entry.key) != nil)
        }
        try document.setProfile(name, values)
      case .remove(let name):
        removals.append(name)
      case .keep, .stale:
        break
      }
    }
    if !removals.isEmpty { document.removeProfiles(removals) }
  }

  public var isEmpty: Bool {
    !ssoSessionChange && !actions.contains { action in
      switch action {
      case .create, .update, .remove: true
      case .keep, .stale: false
      }
    }
  }

  /// "Created 3 profiles, updated 1, kept 2 (1 made by cone), removed 0.", or in the
  /// conditional for a dry run.
  public func summary(dryRun: Bool = false) -> String {
    var created = 0, updated = 0, kept = 0, byCone = 0, removed = 0, stale = 0
    for action in actions {
      switch action {
      case .create: created += 1
      case .update: updated += 1
      case .keep(_, let reason):
        kept += 1
        if reason == "made by cone" { byCone += 1 }
      case .remove: removed += 1
      case .stale: stale += 1
      }
    }
    let verbs = dryRun ? ["Would create", "update", "keep", "remove"] : ["Created", "updated", "kept", "removed"]
    var text = "\(verbs[0]) \(created) profile\(created == 1 ? "" : "s"), \(verbs[1]) \(updated), \(verbs[2]) \(kept)"
    if byCone > 0 { text += " (\(byCone) made by cone)" }
    text += ", \(verbs[3]) \(removed)."
    if stale > 0 {
      text += " \(stale) cone-shell profile\(stale == 1 ? " is" : "s are") no longer in the catalog: remove "
        + (stale == 1 ? "it" : "them") + " with `cone-shell setup --prune`."
    }
    return text
  }
}
