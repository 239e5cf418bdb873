import Testing
@testable import ConeShellBase
@testable import ConeShellKit

@Suite struct PathsTests {
  @Test func defaultsFollowHome() {
    let paths = Paths(environment: Environment(["HOME": "/h"]))
    #expect(paths.stateDirectory == "/h/.local/state/cone-shell")
    #expect(paths.c1ConfigFile == "/h/.conductorone/config.yaml")
    #expect(paths.awsConfigFile == "/h/.aws/config")
    #expect(paths.ssoCacheDirectory == "/h/.aws/sso/cache")
  }

  @Test func overridesWin() {
    let paths = Paths(
      environment: Environment([
        "HOME": "/h", "CONE_SHELL_STATE_DIR": "/s", "CONE_CONFIG_PATH": "/c",
        "AWS_CONFIG_FILE": "$HOME/aws.ini",
      ]))
    #expect(paths.stateDirectory == "/s")
    #expect(paths.c1ConfigFile == "/c/config.yaml")
    #expect(paths.awsConfigFile == "/h/aws.ini")
  }

  @Test func xdgStateHomeIsUsedWhenAbsolute() {
    #expect(Paths(environment: Environment(["HOME": "/h", "XDG_STATE_HOME": "/x"])).stateDirectory == "/x/cone-shell")
    #expect(
      Paths(environment: Environment(["HOME": "/h", "XDG_STATE_HOME": "rel"])).stateDirectory
        == "/h/.local/state/cone-shell")
  }

  @Test func emptyVariablesDoNotOverride() {
    let paths = Paths(environment: Environment(["HOME": "/h", "CONE_SHELL_STATE_DIR": ""]))
    #expect(paths.stateDirectory == "/h/.local/state/cone-shell")
  }

  @Test func expandPathLikePython() {
    let env = Environment(["HOME": "/h", "A": "x"])
    #expect(env.expandPath("~/f") == "/h/f")
    #expect(env.expandPath("${A}/$A/$B/${C") == "x/x/$B/${C")
  }
}
