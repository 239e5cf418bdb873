import Foundation
import Yams

/// A sandbox tenant described in YAML: users, AWS accounts and permission sets, and per
/// entitlement the request policy, form, delays and lengths. See `default.yaml`.
public struct Scenario: Sendable, Equatable, Decodable {
  public var settings: Settings
  public var users: [User]
  public var accounts: [Account]
  public var permissionSets: [PermissionSet]
  public var entitlements: [Entitlement]
  /// Extra AWS entitlements for scale tests: every generated account × permission set.
  public var generate: Generator?

  public init(
    settings: Settings = Settings(), users: [User] = [], accounts: [Account] = [],
    permissionSets: [PermissionSet] = [], entitlements: [Entitlement] = [], generate: Generator? = nil
  ) {
    self.settings = settings
    self.users = users
    self.accounts = accounts
    self.permissionSets = permissionSets
    self.entitlements = entitlements
    self.generate = generate
  }

  /// Parses and checks a scenario (references between its parts included).
  public init(yaml: String) throws(ScenarioError) {
    do {
      self = try YAMLDecoder().decode(Scenario.self, from: yaml)
    } catch let error as ScenarioError {
      throw error
    } catch let error as DecodingError {
      throw ScenarioError(describing: error)
    } catch {
      throw ScenarioError("invalid YAML: \(error)")
    }
    _ = try Catalog(scenario: self)
  }

  public init(contentsOfFile path: String) throws(ScenarioError) {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ScenarioError("cannot read scenario file \(path): \(error.localizedDescription)")
    }
    do {
      try self.init(yaml: text)
    } catch {
      throw ScenarioError("\(path): \(error.message)")
    }
  }

  /// The text of the built-in scenario (`Scenario/default.yaml`, compiled in).
  public static let defaultYAML = String(decoding: PackageResources.default_yaml, as: UTF8.self)

  /// The built-in scenario that tests and the demo rely on.
  public static let `default`: Scenario = {
    do {
      return try Scenario(yaml: defaultYAML)
    } catch {
      fatalError("the built-in scenario is invalid: \(error)")
    }
  }()

  private enum CodingKeys: String, CodingKey {
    case settings, users, accounts, permissionSets, entitlements, generate
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    settings = try container.decodeIfPresent(Settings.self, forKey: .settings) ?? Settings()
    users = try container.decodeIfPresent([User].self, forKey: .users) ?? []
    accounts = try container.decodeIfPresent([Account].self, forKey: .accounts) ?? []
    permissionSets = try container.decodeIfPresent([PermissionSet].self, forKey: .permissionSets) ?? []
    entitlements = try container.decodeIfPresent([Entitlement].self, forKey: .entitlements) ?? []
    generate = try container.decodeIfPresent(Generator.self, forKey: .generate)
  }
}

/// A scenario that cannot be used, with what is wrong and where.
public struct ScenarioError: Error, CustomStringConvertible, Equatable {
  public let message: String

  public init(_ message: String) {
    self.message = message
  }

  init(describing error: DecodingError) {
    func path(_ context: DecodingError.Context) -> String {
      let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
      return keys.isEmpty ? "" : "at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys): "
    }
    switch error {
    case .keyNotFound(let key, let context):
      self.init("\(path(context))missing \"\(key.stringValue)\"")
    case .dataCorrupted(let context) where context.codingPath.isEmpty && context.underlyingError != nil:
      self.init("invalid YAML: \(context.underlyingError!)")
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      self.init("\(path(context))\(context.debugDescription)")
    @unknown default:
      self.init("\(error)")
    }
  }

  public var description: String { message }
}

extension KeyedDecodingContainer {
  /// A duration written as text (`90m`) or a number of seconds.
  func decodeDuration(forKey key: Key) throws -> TimeInterval? {
    guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
    do {
      return try DurationText.seconds(text)
    } catch {
      throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: error.description)
    }
  }
}
