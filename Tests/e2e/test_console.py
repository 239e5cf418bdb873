"""Issue 16 item 3: `cone-shell console PROFILE` signs a browser in to the AWS console as
the profile's role, through the federation endpoint (cone-sandbox's, which checks the
credentials it issued and shows who signed in)."""
import html
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from access_support import GRANT, Person, arn_pattern, counts, reset_log

PROFILE = "production-readonlyaccess"
APPROVAL = "production-administratoraccess"


@pytest.fixture
def alice(home, sandbox):
    return Person(home, sandbox).ready()


def open_link(link: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(link, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_print_gives_a_link_that_signs_in_as_the_role_once(alice, sandbox):
    result = alice.cone("console", PROFILE, "--print")
    assert result.returncode == 0, result.stderr
    link = result.stdout.strip()
    assert link.startswith(sandbox.exports["CONE_SHELL_FEDERATION_ENDPOINT"] + "?Action=login&")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
    assert query["Destination"] == ["https://console.aws.amazon.com/console/home?region=us-east-1"]
    assert query["SigninToken"][0] not in result.stderr

    status, page = open_link(link)
    assert status == 200
    [arn] = re.findall(r'<p class="arn">([^<]*)</p>', page)
    assert re.fullmatch(arn_pattern("111111111111", "ReadOnlyAccess"), html.unescape(arn))
    assert open_link(link)[0] == 403  # a sign-in token signs in once


def test_without_print_the_browser_gets_the_link_and_the_terminal_does_not(alice):
    result = alice.cone("console", PROFILE)
    assert result.returncode == 0, result.stderr
    assert "Opened the AWS console as \"production-readonlyaccess\"" in result.stderr
    assert result.stdout == "" and "SigninToken" not in result.stderr
    opened = alice.browser_log.read_text().splitlines()
    assert any("Action=login" in line and "SigninToken=" in line for line in opened)


def test_without_a_browser_it_says_to_print_the_link(alice):
    result = alice.cone("console", PROFILE, env={"BROWSER": ""})
    assert result.returncode == 1 and result.stdout == ""
    assert f"no browser to open the AWS console in: run `cone-shell console {PROFILE} --print`" in result.stderr
    assert "SigninToken" not in result.stderr


def test_debug_never_shows_the_link_or_the_credentials(alice):
    result = alice.cone("console", PROFILE, "--print", "--debug")
    assert result.returncode == 0, result.stderr
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(result.stdout.strip()).query)["SigninToken"][0]
    creds = json.loads(alice.cone("creds", PROFILE).stdout)
    for secret in (token, creds["SecretAccessKey"], creds["SessionToken"]):
        assert secret not in result.stderr
    assert "federation" in result.stderr  # the exchange is logged, redacted


def test_credentials_the_service_did_not_issue_are_refused(alice, sandbox):
    alice.cone("creds", PROFILE)
    cache = alice.credential_file(PROFILE)
    lines = cache.read_text().splitlines(keepends=True)
    [index] = [i for i, line in enumerate(lines) if line.startswith("secret_access_key\t")]
    lines[index] = lines[index].replace("\t", "\tnot", 1)  # a key the service never issued
    cache.write_text("".join(lines))
    result = alice.cone("console", PROFILE, "--print")
    assert result.returncode != 0 and result.stdout == ""
    assert "refused the role's credentials (HTTP 403" in result.stderr
    # Asked directly, the endpoint refuses a session it did not issue.
    session = json.dumps({"sessionId": "ASIAFORGED", "sessionKey": "x", "sessionToken": "y"})
    forged = sandbox.exports["CONE_SHELL_FEDERATION_ENDPOINT"] + "?Action=getSigninToken&Session=" \
        + urllib.parse.quote(session)
    assert open_link(forged)[0] == 403


def test_the_partition_follows_the_profiles_region(alice):
    config = alice.aws_config.read_text()
    start = config.index(f"[profile {PROFILE}]\n")
    section = re.sub(r"(?m)^region = .*$", "region = cn-north-1", config[start:], count=1)
    alice.aws_config.write_text(config[:start] + section)
    result = alice.cone("console", PROFILE, "--print")
    assert result.returncode == 0, result.stderr
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(result.stdout.strip()).query)
    assert query["Destination"] == ["https://console.amazonaws.cn/console/home?region=cn-north-1"]


def test_a_chosen_destination_and_only_https(alice):
    wanted = "https://console.aws.amazon.com/s3/home"
    result = alice.cone("console", PROFILE, "--print", "--destination", wanted)
    assert result.returncode == 0, result.stderr
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(result.stdout.strip()).query)["Destination"] == [wanted]
    refused = alice.cone("console", PROFILE, "--print", "--destination", "http://evil.example/")
    assert refused.returncode == 64 and "--destination must be an https address" in refused.stderr


def test_without_access_the_seeds_message_and_no_link(alice, sandbox):
    reset_log(sandbox)
    result = alice.cone("console", APPROVAL, "--print")
    assert result.returncode == 4 and result.stdout == ""
    assert f'Request submitted for "{APPROVAL}" but requires approval.' in result.stderr
    assert counts(sandbox)[GRANT] == 1
