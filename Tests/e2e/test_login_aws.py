"""Issue 14, item 2 (cone-shell side): `cone-shell login --aws` signs in as the AWS CLI v2
does, the authorization code with PKCE when a browser can be opened here and the device
code otherwise, and leaves the token and registration files the AWS CLI v2 leaves, so
`aws sso login --sso-session cone-sso` and `cone-shell login --aws` are interchangeable.
Real cone-shell, real AWS CLI v2 and v1, real cone-sandbox."""
import json
import re
import subprocess
import sys
import time

import pytest

from access_support import (ROLE_CREDENTIALS, SSO_DEVICE, SSO_TOKEN, Person, assert_arn, counts, mode,
                            reset_log)
from aws_cli import AWS_V2, needs_v2
from test_sandbox_authorize import BACKGROUND_BROWSER

REGISTER = "POST /client/register"
READONLY = "production-readonlyaccess"


@pytest.fixture
def alice(home, sandbox):
    person = Person(home, sandbox)
    person.setup()
    return person


def v2_env(person: Person, tmp_path) -> dict:
    """The AWS CLI v2 first on PATH, and a browser that does not keep it waiting."""
    browser = tmp_path / "background-browser.sh"
    browser.write_text(BACKGROUND_BROWSER)
    browser.chmod(0o755)
    return {"PATH": f"{AWS_V2.parent}:{person.env['PATH']}", "BROWSER": str(browser)}


def registration_files(person: Person) -> list[dict]:
    cache = person.home / ".aws" / "sso" / "cache"
    return [json.loads(p.read_text()) for p in sorted(cache.iterdir()) if p != person.sso_token_file]


def assert_token_file(person: Person, sandbox) -> dict:
    token = person.sso_token()
    assert mode(person.sso_token_file) == 0o600
    assert list(token) == ["startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret",
                           "registrationExpiresAt", "refreshToken"]  # botocore's order
    assert token["startUrl"] == sandbox.exports["CONE_SANDBOX_SSO_START_URL"] and token["region"] == "us-east-1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", token["expiresAt"])
    return token


def test_pkce_is_the_default_and_leaves_the_files_aws_cli_v2_leaves(alice, sandbox):
    login = alice.login_aws()
    [opened] = alice.opened_urls()
    oidc = sandbox.exports["AWS_ENDPOINT_URL_SSO_OIDC"]
    assert opened.startswith(oidc + "/authorize?response_type=code&client_id=")
    assert "&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=" in opened
    assert re.search(r"redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Foauth%2Fcallback&state=", opened)
    assert opened in login.stderr  # printed too
    assert "shows the code" not in login.stderr and "--use-device-code" in login.stderr
    assert "Approved the AWS sign-in as alice@example.com" in alice.browser_log.read_text()
    seen = counts(sandbox)
    assert SSO_DEVICE not in seen and seen[SSO_TOKEN] == 1 and seen[REGISTER] == 1, seen

    token = assert_token_file(alice, sandbox)
    [registration] = registration_files(alice)
    assert list(registration) == ["clientId", "clientSecret", "expiresAt", "scopes", "grantTypes"]
    assert registration["grantTypes"] == ["authorization_code", "refresh_token"]
    assert registration["scopes"] == ["sso:account:access"] and registration["clientId"] == token["clientId"]

    # A second sign-in reuses the registration, as the AWS CLI v2 does.
    reset_log(sandbox)
    alice.login_aws()
    assert REGISTER not in counts(sandbox)
    assert alice.sso_token()["accessToken"] != token["accessToken"]


def test_use_device_code_prints_the_url_and_the_code(alice, sandbox):
    login = alice.cone("login", "--aws", "--use-device-code")
    assert login.returncode == 0, login.stderr
    [opened] = alice.opened_urls()
    assert opened.startswith(sandbox.url + "/device/aws?user_code=")
    code = opened.split("user_code=")[1]
    assert opened in login.stderr and f"shows the code {code}" in login.stderr
    assert SSO_DEVICE in counts(sandbox)
    assert_token_file(alice, sandbox)
    [registration] = registration_files(alice)
    assert "grantTypes" not in registration  # a device-flow registration, as v2 writes it


def test_ssh_selects_the_device_code(alice, sandbox):
    login = alice.cone("login", "--aws", env={"SSH_TTY": "/dev/pts/3"})
    assert login.returncode == 0, login.stderr
    [opened] = alice.opened_urls()
    assert "/device/aws?user_code=" in opened
    assert "/authorize" not in login.stderr


def test_without_a_browser_the_device_code_is_printed_to_approve_elsewhere(alice, sandbox):
    env = {name: value for name, value in alice.env.items() if name not in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY")}
    process = subprocess.Popen(["cone-shell", "login", "--aws"], env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            lines.append(line)
            if "user_code=" in line:
                break
        [url] = [word for line in lines for word in line.split() if "user_code=" in word]
        # Someone approves on another device, from the printed URL.
        sandbox.admin("approve-device", url)
        _, rest = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, "".join(lines) + rest
    assert "Signed in to AWS IAM Identity Center" in rest


def write_browser(path, body: str) -> str:
    path.write_text(f"#!{sys.executable}\n{body}")
    path.chmod(0o755)
    return str(path)


def test_an_answer_with_another_state_is_refused(alice, sandbox, tmp_path):
    """The browser comes back with a state that is not the sign-in's (a forged or stale
    answer): cone-shell refuses it and saves nothing."""
    browser = write_browser(tmp_path / "forge.py", """
import re, subprocess, sys
url = re.sub(r"state=[^&]+", "state=forged", sys.argv[1])
subprocess.run(["cone-sandbox", "approve-device", url], capture_output=True)
""")
    login = alice.cone("login", "--aws", env={"BROWSER": browser})
    assert login.returncode == 1
    assert "does not belong to this sign-in (its state does not match)" in login.stderr, login.stderr
    assert SSO_TOKEN not in counts(sandbox)  # the code was never redeemed
    assert not alice.sso_token_file.exists()


def test_the_approval_page_and_a_denial(alice, sandbox, tmp_path):
    """A browser that opens the page and presses a button, then follows the answer back."""
    page_browser = """
import re, sys, urllib.parse, urllib.request
page = urllib.request.urlopen(sys.argv[1]).read().decode()
request = re.search(r'name="request" value="([^"]+)"', page).group(1)
form = urllib.parse.urlencode({"request": request, "user": "alice@example.com", "decision": "%s"}).encode()
urllib.request.urlopen(urllib.request.Request(sys.argv[1].split("?")[0], data=form)).read()
"""
    deny = write_browser(tmp_path / "deny.py", page_browser % "deny")
    denied = alice.cone("login", "--aws", env={"BROWSER": deny})
    assert denied.returncode == 1 and "the sign-in was denied in the browser" in denied.stderr, denied.stderr
    assert not alice.sso_token_file.exists()

    allow = write_browser(tmp_path / "allow.py", page_browser % "approve")
    allowed = alice.cone("login", "--aws", env={"BROWSER": allow})
    assert allowed.returncode == 0, allowed.stderr
    assert_token_file(alice, sandbox)


def test_a_stray_request_to_the_listener_changes_nothing(alice, sandbox, tmp_path):
    """Only GET /oauth/callback with a code or an error is an answer: a visit to another
    path first is answered 404, and the sign-in then completes."""
    log = tmp_path / "stray.log"
    browser = write_browser(tmp_path / "stray.py", f"""
import re, subprocess, sys, urllib.error, urllib.parse, urllib.request
redirect = urllib.parse.unquote(re.search(r"redirect_uri=([^&]+)", sys.argv[1]).group(1))
with open({str(log)!r}, "w") as log:
    for path in ("/", "/oauth/callback?foo=bar"):
        try:
            urllib.request.urlopen(redirect.replace("/oauth/callback", "") + path)
        except urllib.error.HTTPError as error:
            print(error.code, file=log, flush=True)
subprocess.run(["cone-sandbox", "approve-device", sys.argv[1]], check=True, capture_output=True)
""")
    login = alice.cone("login", "--aws", env={"BROWSER": browser})
    assert login.returncode == 0, login.stderr
    assert log.read_text().splitlines() == ["404", "400"]


@needs_v2
def test_cone_shell_login_then_aws_cli_v2_uses_refreshes_and_logs_out(alice, sandbox, tmp_path):
    env = v2_env(alice, tmp_path)
    alice.login_aws()
    assert alice.cone("request", READONLY).returncode == 0
    # v2 through credential_process (the token cone-shell wrote serves cone-shell).
    identity = alice.aws("sts", "get-caller-identity", "--profile", READONLY, env=env)
    assert identity.returncode == 0, identity.stderr
    assert_arn(json.loads(identity.stdout)["Arn"], "111111111111", "ReadOnlyAccess")
    # v2 as an SSO profile on the same sso-session reads, and refreshes, that token.
    with alice.aws_config.open("a") as config:
        config.write("\n[profile sso-direct]\nsso_session = cone-sso\nsso_account_id = 111111111111\n"
                     "sso_role_name = ReadOnlyAccess\nregion = us-east-1\n")
    token = alice.sso_token()
    soon = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 300))
    alice.sso_token_file.write_text(json.dumps({**token, "expiresAt": soon}))
    reset_log(sandbox)
    direct = alice.aws("sts", "get-caller-identity", "--profile", "sso-direct", env=env)
    assert direct.returncode == 0, direct.stderr
    assert counts(sandbox).get(SSO_TOKEN) == 1  # botocore refreshed with cone-shell's registration
    assert alice.sso_token()["refreshToken"] != token["refreshToken"]
    # v2's aws sso login reuses the registration cone-shell made.
    reset_log(sandbox)
    relogin = alice.aws("sso", "login", "--sso-session", "cone-sso", env=env)
    assert relogin.returncode == 0, relogin.stdout + relogin.stderr
    assert REGISTER not in counts(sandbox)
    # Signed out by v2: cone-shell needs a new sign-in (and has no terminal for it).
    assert alice.cone("creds", READONLY).returncode == 0
    logout = alice.aws("sso", "logout", env=env)
    assert logout.returncode == 0, logout.stderr
    assert not alice.sso_token_file.exists()
    creds = alice.cone("creds", READONLY)
    assert creds.returncode == 7, creds.stderr


@needs_v2
def test_aws_cli_v2_login_then_cone_shell_uses_refreshes_and_logs_out(alice, sandbox, tmp_path):
    env = v2_env(alice, tmp_path)
    login = alice.aws("sso", "login", "--sso-session", "cone-sso", env=env)
    assert login.returncode == 0, login.stdout + login.stderr
    assert alice.cone("request", READONLY).returncode == 0
    reset_log(sandbox)
    assert alice.cone("creds", READONLY).returncode == 0
    assert counts(sandbox).get(ROLE_CREDENTIALS) == 1
    # cone-shell refreshes v2's token with v2's registration.
    token = alice.sso_token()
    soon = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 300))
    alice.sso_token_file.write_text(json.dumps({**token, "expiresAt": soon}))
    alice.credential_file(READONLY).unlink()
    reset_log(sandbox)
    assert alice.cone("creds", READONLY).returncode == 0
    seen = counts(sandbox)
    assert seen.get(SSO_TOKEN) == 1 and REGISTER not in seen, seen
    # cone-shell's own sign-in reuses v2's registration.
    reset_log(sandbox)
    alice.login_aws()
    assert REGISTER not in counts(sandbox)
    # Signed out by cone-shell: v2's SSO profile has no token any more.
    logout = alice.cone("logout", "--aws")
    assert logout.returncode == 0, logout.stderr
    with alice.aws_config.open("a") as config:
        config.write("\n[profile sso-direct]\nsso_session = cone-sso\nsso_account_id = 111111111111\n"
                     "sso_role_name = ReadOnlyAccess\nregion = us-east-1\n")
    direct = alice.aws("sts", "get-caller-identity", "--profile", "sso-direct", env=env)
    assert direct.returncode != 0 and "Token for cone-sso does not exist" in direct.stderr, direct.stderr


@needs_v2
def test_the_device_code_sign_ins_of_both_tools_are_interchangeable(alice, sandbox, tmp_path):
    env = v2_env(alice, tmp_path)
    login = alice.aws("sso", "login", "--sso-session", "cone-sso", "--use-device-code", env=env)
    assert login.returncode == 0, login.stdout + login.stderr
    assert SSO_DEVICE in counts(sandbox)
    [registration] = registration_files(alice)
    assert "grantTypes" not in registration
    assert alice.cone("request", READONLY).returncode == 0
    assert alice.cone("creds", READONLY).returncode == 0
    # cone-shell's device sign-in reuses v2's device registration, and v2 cone-shell's.
    reset_log(sandbox)
    assert alice.cone("login", "--aws", "--use-device-code").returncode == 0
    assert REGISTER not in counts(sandbox)
    reset_log(sandbox)
    again = alice.aws("sso", "login", "--sso-session", "cone-sso", "--use-device-code", env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert REGISTER not in counts(sandbox)


def test_the_device_code_login_still_works_for_aws_cli_v1_profiles(alice, sandbox):
    """botocore (v1) reads a token from either sign-in: the device code one here."""
    login = alice.cone("login", "--aws", "--use-device-code")
    assert login.returncode == 0, login.stderr
    assert alice.cone("request", READONLY).returncode == 0
    assert_arn(alice.caller_arn(READONLY), "111111111111", "ReadOnlyAccess")


# -- item 5: a token made for other scopes is not used --------------------------------

@pytest.mark.parametrize("scopes, used", [
    (["codewhisperer:completions", "codewhisperer:analysis"], False),
    ("codewhisperer:completions", False),
    (["codewhisperer:completions", "sso:account:access"], True),
    (None, True),  # as the AWS CLI writes it: no scopes key
], ids=["ide-list", "ide-string", "with-account-access", "no-scopes"])
def test_a_token_for_other_scopes_is_not_used(alice, sandbox, scopes, used):
    """IDE plugins (Amazon Q, the AWS Toolkit) cache tokens for the same start URL with
    their own scopes; such a token cannot list accounts or fetch role credentials."""
    alice.sso_login_as_aws_cli_v2()
    assert alice.cone("request", READONLY).returncode == 0
    for path in alice.state_dir.glob("credentials/*"):
        path.unlink()  # none yet, as it happens: creds must ask AWS
    token = alice.sso_token()
    if scopes is not None:
        alice.sso_token_file.write_text(json.dumps({**token, "scopes": scopes}))
    reset_log(sandbox)
    creds = alice.cone("creds", READONLY)
    seen = counts(sandbox)
    if used:
        assert creds.returncode == 0, creds.stderr
        assert seen.get(ROLE_CREDENTIALS) == 1, seen
        return
    assert creds.returncode == 7, creds.stderr  # a sign-in is needed, and there is no terminal
    assert "cone-shell login --aws" in creds.stderr
    assert ROLE_CREDENTIALS not in seen and SSO_TOKEN not in seen, seen  # neither used nor refreshed
    doctor = alice.cone("doctor")
    assert "made for other scopes" in doctor.stdout + doctor.stderr
