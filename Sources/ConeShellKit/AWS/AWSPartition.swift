/// The AWS partition a region belongs to, and its console's addresses.
public enum AWSPartition: String, Sendable {
  case aws
  case china = "aws-cn"
  case govCloud = "aws-us-gov"

  public init(region: String) {
    if region.hasPrefix("cn-") {
      self = .china
    } else if region.hasPrefix("us-gov-") {
      self = .govCloud
    } else {
      self = .aws
    }
  }

  /// The console's federation (sign-in) endpoint.
  public var federationEndpoint: String {
    switch self {
    case .aws: "https://signin.aws.amazon.com/federation"
    case .china: "https://signin.amazonaws.cn/federation"
    case .govCloud: "https://signin.amazonaws-us-gov.com/federation"
    }
  }

  /// The console's home page in `region`.
  public func console(region: String) -> String {
    switch self {
    case .aws: "https://console.aws.amazon.com/console/home?region=\(region)"
    case .china: "https://console.amazonaws.cn/console/home?region=\(region)"
    case .govCloud: "https://console.amazonaws-us-gov.com/console/home?region=\(region)"
    }
  }
}
