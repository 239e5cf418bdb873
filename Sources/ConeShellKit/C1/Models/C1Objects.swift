#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An app, resource type or resource (`c1.api.app.v1.App`, `AppResourceType`,
/// `AppResource`): cone-shell only needs their ids and names (for AWS: the app "AWS",
/// the type "Account", and an account such as "Production").
public struct C1NamedObject: Decodable, Sendable, Equatable {
  public var id: String
  public var displayName: String?

  enum CodingKeys: String, CodingKey { case id, displayName }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
    displayName = try container.decodeNonEmptyStringIfPresent(forKey: .displayName)
  }
}

public typealias C1App = C1NamedObject
public typealias C1AppResourceType = C1NamedObject
public typealias C1AppResource = C1NamedObject

/// A C1 user (`userView.user`).
public struct C1User: Decodable, Sendable, Equatable {
  public var id: String
  public var email: String?
  public var displayName: String?
  public var username: String?

  enum CodingKeys: String, CodingKey { case id, email, displayName, username }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
    email = try container.decodeNonEmptyStringIfPresent(forKey: .email)
    displayName = try container.decodeNonEmptyStringIfPresent(forKey: .displayName)
    username = try container.decodeNonEmptyStringIfPresent(forKey: .username)
  }
}

/// `GET /api/v1/auth/introspect`.
public struct C1Introspection: Decodable, Sendable, Equatable {
  public var userID: String
  public var tenantID: String?

  enum CodingKeys: String, CodingKey { case userId, tenantId }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    userID = try container.decodeIfPresent(String.self, forKey: .userId) ?? ""
    tenantID = try container.decodeNonEmptyStringIfPresent(forKey: .tenantId)
  }
}

/// One of the `expanded` objects a response refers to by `$.expanded[N]`, told apart
/// by `@type`. Types cone-shell does not use are kept as `.other` instead of failing
/// the whole response (cone fails on them).
enum C1Expanded: Decodable, Sendable {
  case app(C1App)
  case resourceType(C1AppResourceType)
  case resource(C1AppResource)
  case user(C1User)
  case other

  enum TypeKey: String, CodingKey { case type = "@type" }

  init(from decoder: any Decoder) throws {
    let type = try decoder.container(keyedBy: TypeKey.self).decodeIfPresent(String.self, forKey: .type) ?? ""
    switch type.split(separator: "/").last ?? "" {
    case "c1.api.app.v1.App": self = .app(try C1App(from: decoder))
    case "c1.api.app.v1.AppResourceType": self = .resourceType(try C1AppResourceType(from: decoder))
    case "c1.api.app.v1.AppResource": self = .resource(try C1AppResource(from: decoder))
    case "c1.api.user.v1.User": self = .user(try C1User(from: decoder))
    default: self = .other
    }
  }

  /// The index in `$.expanded[N]`, or nil for an absent or unreadable path.
  static func index(of path: String?) -> Int? {
    guard let path, path.hasPrefix("$.expanded["), path.hasSuffix("]") else { return nil }
    return Int(path.dropFirst("$.expanded[".count).dropLast())
  }
}
