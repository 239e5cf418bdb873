import Testing
@testable import ConeSandbox

@Test func hasVersion() {
  #expect(!ConeSandboxVersion.current.isEmpty)
}
