import ConeShellBase

/// What `setup` shows: one line per profile as a diff (+ created, ~ updated, - removed,
/// = skipped, ! stale), the SSO session a dry run would change, and a summary; or every
/// profile's action in one document.
public struct SetupOutput: CommandOutput {
  public var plan: ProfileSetup
  public var dryRun: Bool

  public init(_ plan: ProfileSetup, dryRun: Bool) {
    self.plan = plan
    self.dryRun = dryRun
  }

  public var text: String {
    var lines = plan.actions.compactMap(line)
    if dryRun, plan.ssoSessionChange {
      lines.append("~ [sso-session \(SSOSettings.sessionName)] (\(plan.settings.startURL), \(plan.settings.ssoRegion))")
    }
    lines.append(plan.summary(dryRun: dryRun))
    return lines.joined(separator: "\n")
  }

  public var json: JSONDocument {
    .object([
      "schema": .integer(1), "dry_run": .bool(dryRun),
      "sso_session": .object([
        "start_url": .string(plan.settings.startURL), "region": .string(plan.settings.ssoRegion),
        "changed": .bool(plan.ssoSessionChange),
      ]),
      "profiles": .array(plan.actions.map(member)),
    ])
  }

  private func line(_ action: ProfileSetup.Action) -> String? {
    switch action {
    case .create(let name, let set):
      "+ \(name)  (\(set.accountID) \(set.roleName)" + (plan.collisions[name].map { "; the name \($0) was taken" } ?? "")
        + ")"
    case .update(let name, _, let changes): "~ \(name)  (\(changes.joined(separator: ", ")))"
    case .keep(let name, let reason) where reason != "up to date": "= \(name)  (skipped: \(reason))"
    case .keep: nil
    case .remove(let name): "- \(name)  (no longer in the catalog)"
    case .stale(let name): "! \(name)  (no longer in the catalog; kept, use --prune)"
    }
  }

  private func member(_ action: ProfileSetup.Action) -> JSONDocument {
    let (name, kind, set, detail): (String, String, AWSPermissionSet?, String?) =
      switch action {
      case .create(let name, let set): (name, "create", set, plan.collisions[name].map { "the name \($0) was taken" })
      case .update(let name, let set, let changes): (name, "update", set, changes.joined(separator: ", "))
      case .keep(let name, let reason): (name, "keep", nil, reason)
      case .remove(let name): (name, "remove", nil, "no longer in the catalog")
      case .stale(let name): (name, "stale", nil, "no longer in the catalog; kept without --prune")
      }
    return .object([
      "profile": .string(name), "action": .string(kind), "account_id": .nullable(set?.accountID),
      "role": .nullable(set?.roleName), "detail": .nullable(detail),
    ])
  }
}
