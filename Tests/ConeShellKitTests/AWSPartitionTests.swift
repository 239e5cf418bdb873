import Testing
@testable import ConeShellKit

@Suite struct AWSPartitionTests {
  @Test(arguments: [
    ("us-east-1", AWSPartition.aws, "https://signin.aws.amazon.com/federation"),
    ("eu-central-2", .aws, "https://signin.aws.amazon.com/federation"),
    ("cn-northwest-1", .china, "https://signin.amazonaws.cn/federation"),
    ("us-gov-west-1", .govCloud, "https://signin.amazonaws-us-gov.com/federation"),
  ])
  func regionsMapToTheirPartitionsSignIn(region: String, partition: AWSPartition, endpoint: String) {
    #expect(AWSPartition(region: region) == partition)
    #expect(partition.federationEndpoint == endpoint)
    #expect(partition.console(region: region).hasSuffix("/console/home?region=\(region)"))
  }
}
