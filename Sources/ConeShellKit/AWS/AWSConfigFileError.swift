import ConeShellBase

/// Why the AWS config file could not be read or written.
public enum AWSConfigFileError: Error, Equatable, Sendable, CustomStringConvertible {
  case file(FileError)
  case parse(AWSConfigParseError)

  public var description: String {
    switch self {
    case .file(let error): "\(error)"
    case .parse(let error): "\(error)"
    }
  }
}
