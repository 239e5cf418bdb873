"""Issue 14, item 6: endpoints from the AWS config file. A `[services]` section that a
profile names with `services`, or a profile's own `endpoint_url`, points cone-shell (sso,
sso-oidc) and both AWS CLIs (sso, sso-oidc, sts) at cone-sandbox with no AWS_ENDPOINT_URL_*
variable; the variables still come first (docs/aws-sso.md §6)."""
import json

import pytest

from access_support import Person, assert_arn
from aws_cli import AWS_V2

READONLY = "production-readonlyaccess"
ENDPOINT_VARIABLES = ("AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL_STS")


def configure(person: Person, url: str, style: str) -> None:
    """`[default]` and the managed profile get their endpoints from the config file."""
    if style == "services":
        keys = "services = sandbox\n"
        extra = (f"\n[services sandbox]\nsso =\n  endpoint_url = {url}\nsso_oidc =\n  endpoint_url = {url}\n"
                 f"sts =\n  endpoint_url = {url}\n")
    else:
        keys = f"endpoint_url = {url}\n"
        extra = ""
    text = person.aws_config.read_text()
    header = f"[profile {READONLY}]\n"
    assert header in text
    text = text.replace(header, header + keys)
    person.aws_config.write_text(f"[default]\n{keys}region = us-east-1\n\n" + text + extra)


@pytest.fixture
def alice(home, sandbox):
    person = Person(home, sandbox)
    person.setup()
    person.env = {name: value for name, value in person.env.items() if name not in ENDPOINT_VARIABLES}
    return person


@pytest.mark.parametrize("style", ["services", "endpoint_url"])
def test_the_config_file_points_cone_shell_and_the_aws_clis_at_the_sandbox(alice, sandbox, style):
    configure(alice, sandbox.url, style)
    login = alice.cone("login", "--aws")  # the default profile's endpoints
    assert login.returncode == 0, login.stderr
    [opened] = alice.opened_urls()
    assert opened.startswith(sandbox.url + "/authorize?")
    assert alice.cone("request", READONLY).returncode == 0
    # cone-shell fetches the role credentials (sso) and the AWS CLIs call STS, each at
    # the endpoint the profile's configuration names.
    assert_arn(alice.caller_arn(READONLY), "111111111111", "ReadOnlyAccess")  # the AWS CLI v1
    if AWS_V2.exists():
        v2 = alice.aws("sts", "get-caller-identity", "--profile", READONLY,
                       env={"PATH": f"{AWS_V2.parent}:{alice.env['PATH']}"})
        assert v2.returncode == 0, v2.stderr
        assert_arn(json.loads(v2.stdout)["Arn"], "111111111111", "ReadOnlyAccess")


def test_the_environment_comes_before_the_config_file(alice, sandbox):
    configure(alice, sandbox.url, "services")
    # Nothing listens on port 9: the variable wins over [services], so the sign-in fails there.
    login = alice.cone("login", "--aws", "--use-device-code",
                       env={"AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:9", "CONE_SHELL_HTTP_TIMEOUT": "2"})
    assert login.returncode == 1
    assert "127.0.0.1:9" in login.stderr, login.stderr
    # And AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns the file's endpoints off: AWS's own
    # hosts, which this test must not reach, so only the message is checked.
    ignored = alice.cone("login", "--aws", "--debug", env={"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
                                                          "HTTPS_PROXY": "http://127.0.0.1:9",
                                                          "CONE_SHELL_HTTP_TIMEOUT": "2"})
    assert ignored.returncode == 1
    assert "oidc.us-east-1.amazonaws.com" in ignored.stderr, ignored.stderr
