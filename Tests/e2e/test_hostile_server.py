"""Issue 12 items 2, 3, 4 and 6 end to end: the real cone-shell against a server that
misbehaves on purpose (hostile_server.py) ends within a bounded time, says what happened
and where, exits with the status README.md lists under Commands, and never traps.

Short limits keep every test within a few seconds: CONE_SHELL_HTTP_TIMEOUT=1 (one
deadline per exchange, body included), CONE_SHELL_MAX_PAGES, and device codes the server
says last two seconds."""
from __future__ import annotations

import calendar
import hashlib
import json
import time

import pytest

from cone import run, user_env
from hostile_server import ACCOUNT_ID, START_URL, HostileServer

#: How a trap ends a process: SIGILL, SIGTRAP, SIGABRT (as 128+n from a shell, or as a
#: negative status from subprocess).
TRAP_STATUSES = {132, 133, 134, -4, -5, -6}
PROFILE = "production-administratoraccess"


@pytest.fixture
def hostile():
    with HostileServer() as server:
        yield server


class Person:
    """Someone whose cone-shell points at the hostile server."""

    def __init__(self, home, server: HostileServer):
        self.home = home
        self.server = server
        self.env = user_env(home, None, **server.environment())

    def cone(self, *args: str, timeout: float = 30, **extra: str):
        started = time.monotonic()
        result = run(["cone-shell", *args], {**self.env, **extra}, timeout=timeout)
        result.seconds = time.monotonic() - started
        assert result.returncode not in TRAP_STATUSES, f"trapped ({result.returncode}): {result.stderr}"
        for text in ("Fatal error", "Swift runtime failure", "Stack dump", "Current stack trace"):
            assert text not in result.stderr, result.stderr
        return result

    def setup(self):
        result = self.cone("setup", "--sso-url", START_URL)
        assert result.returncode == 0, result.stderr
        assert f"+ {PROFILE}  ({ACCOUNT_ID} AdministratorAccess)" in result.stdout, result.stdout
        return result

    def signed_in_to_aws(self) -> None:
        """An SSO token as `aws sso login` leaves it, good for hours."""
        cache = self.home / ".aws" / "sso" / "cache"
        cache.mkdir(parents=True, mode=0o700)
        path = cache / (hashlib.sha1(b"cone-sso").hexdigest() + ".json")
        expires = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 8 * 3600))
        path.write_text(json.dumps({"startUrl": START_URL, "region": "us-east-1", "accessToken": "hostile-sso",
                                    "expiresAt": expires}))
        path.chmod(0o600)


@pytest.fixture
def person(home, hostile):
    return Person(home, hostile)


# -- item 2: one deadline per exchange, body included ---------------------------------

def test_setup_ends_when_the_catalog_drips_its_body(person, hostile):
    hostile.modes["catalog"] = "drip"
    result = person.cone("setup", "--sso-url", START_URL, CONE_SHELL_HTTP_TIMEOUT="1")
    assert result.returncode == 1, result.stderr
    # Three attempts of one second each, plus the pauses between them.
    assert result.seconds < 8, result.seconds
    assert (f"POST {hostile.url}/api/v1/search/request_catalog/entitlements: {hostile.host} did not send its "
            "complete answer within 1 s after 3 attempts") in result.stderr, result.stderr
    assert "CONE_SHELL_HTTP_TIMEOUT=<seconds>" in result.stderr
    assert hostile.count("POST /api/v1/search/request_catalog/entitlements") == 3


def test_creds_ends_when_role_credentials_drip(person, hostile):
    person.setup()
    person.signed_in_to_aws()
    hostile.modes["credentials"] = "drip"
    result = person.cone("creds", PROFILE, CONE_SHELL_HTTP_TIMEOUT="1")
    assert result.returncode == 1, result.stderr
    assert result.seconds < 8, result.seconds
    assert f"GET {hostile.url}/federation/credentials: {hostile.host} did not send its complete answer within 1 s" \
        in result.stderr, result.stderr
    assert result.stdout == ""


def test_an_answer_over_32_mib_is_refused(person, hostile):
    hostile.modes["catalog"] = "huge"
    result = person.cone("setup", "--sso-url", START_URL)
    assert result.returncode == 1, result.stderr
    assert f"the answer from {hostile.host} is larger than 32 MiB" in result.stderr, result.stderr
    # Not worth repeating: the same request gets the same answer.
    assert hostile.count("POST /api/v1/search/request_catalog/entitlements") == 1


# -- item 3: every page loop has a bound ----------------------------------------------

def test_setup_stops_after_the_page_limit(person, hostile):
    hostile.modes["catalog"] = "endless"
    result = person.cone("setup", "--sso-url", START_URL, CONE_SHELL_MAX_PAGES="30")
    assert result.returncode == 1, result.stderr
    assert (f"POST {hostile.url}/api/v1/search/request_catalog/entitlements: the service still offered more "
            "after 30 pages (30 entries)") in result.stderr, result.stderr
    assert "CONE_SHELL_MAX_PAGES=<pages>" in result.stderr
    assert hostile.count("POST /api/v1/search/request_catalog/entitlements") == 30
    assert not (person.home / ".aws" / "config").exists()


def test_setup_stops_when_a_page_token_repeats(person, hostile):
    hostile.modes["catalog"] = "repeat"
    result = person.cone("setup", "--sso-url", START_URL)
    assert result.returncode == 1, result.stderr
    assert "the service sent a page token it had already sent (page 2)" in result.stderr, result.stderr
    assert hostile.count("POST /api/v1/search/request_catalog/entitlements") == 2


@pytest.mark.parametrize("listing, route, limit, pages", [
    ("catalog", "/api/v1/search/request_catalog/entitlements", {"CONE_SHELL_MAX_PAGES": "12"}, 12),
    # A person's open requests: at most 20 pages, fewer if CONE_SHELL_MAX_PAGES says so.
    ("tasks", "/api/v1/search/tasks", {}, 20),
], ids=["granted-catalog", "open-requests"])
def test_status_stops_on_endless_pages(person, hostile, listing, route, limit, pages):
    person.setup()
    hostile.modes[listing] = "endless"
    result = person.cone("status", **limit)
    assert result.returncode == 1, result.stderr
    assert f"POST {hostile.url}{route}: the service still offered more after {pages} pages" in result.stderr, \
        result.stderr
    assert hostile.count(f"POST {route}") == pages + (1 if listing == "catalog" else 0)  # + setup's page


# -- item 6: device sign-in ends ------------------------------------------------------

def test_aws_login_ends_when_the_code_expires(person, hostile):
    # A code valid for 2 s, an interval of 1e300 s, and a server that answers
    # authorization_pending for ever.
    result = person.cone("login", "--aws", "--use-device-code", "--sso-url", START_URL)
    assert result.returncode == 1, result.stderr
    assert result.seconds < 6, result.seconds
    assert "the sign-in code expired before it was approved (it was valid for 2s)" in result.stderr, result.stderr
    assert "cone-shell login --aws" in result.stderr
    # The interval was clamped and the last wait cut at the code's end: one poll at 2 s.
    assert 1 <= hostile.count("POST /token") <= 2


def test_aws_login_slows_down_when_asked(person, hostile):
    hostile.modes.update(sso_token="slow_down", device_interval=1, device_expires_in=4)
    result = person.cone("login", "--aws", "--use-device-code", "--sso-url", START_URL)
    assert result.returncode == 1, result.stderr
    assert "expired before it was approved" in result.stderr, result.stderr
    # A poll at 1 s, slow_down makes the interval 6 s, so the next poll is the one at the
    # code's end (4 s): two polls, where a client ignoring slow_down makes four.
    assert hostile.count("POST /token") == 2


# A sign-in page a server names that is not its own: another host, a neighbour under
# amazonaws.com (S3 serves anyone's pages there), a browser option, a local file.
FOREIGN_SIGN_IN_URLS = ["https://evil.example/device", "https://evil.s3.us-east-1.amazonaws.com/login",
                        "--remote-debugging-port=9222", "file:///etc/passwd"]


@pytest.mark.parametrize("url", [None] + FOREIGN_SIGN_IN_URLS, ids=["its own", "another host", "an S3 bucket",
                                                                    "a browser option", "a file"])
@pytest.mark.parametrize("service", ["aws", "c1"])
def test_a_sign_in_page_off_the_services_host_is_printed_and_never_opened(person, hostile, tmp_path, service, url):
    browser_log = tmp_path / "browser.log"
    browser = tmp_path / "browser"
    browser.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$*\" >>'{browser_log}'\n")
    browser.chmod(0o755)
    hostile.modes["verification_url"] = url
    if service == "aws":
        args = ["login", "--aws", "--use-device-code", "--sso-url", START_URL]
    else:
        person.env = {k: v for k, v in person.env.items() if k not in ("CONE_CLIENT_ID", "CONE_CLIENT_SECRET")}
        args = ["login", hostile.url]
    result = person.cone(*args, BROWSER=str(browser))
    assert result.returncode == 1, result.stderr  # the code expires after 2 s either way
    shown = url or hostile.url + "/device?user_code=HOST-ILE1"
    assert shown in result.stderr, result.stderr
    if url is None:
        assert browser_log.read_text() == shown + "\n"
        assert "(A browser was opened for you.)" in result.stderr
    else:
        assert not browser_log.exists()
        assert "(cone-shell did not open it: " in result.stderr, result.stderr


def test_c1_login_ends_when_the_code_expires(person, hostile):
    env = {name: value for name, value in person.env.items() if name not in ("CONE_CLIENT_ID", "CONE_CLIENT_SECRET")}
    person.env = env
    result = person.cone("login", hostile.url)
    assert result.returncode == 1, result.stderr
    assert result.seconds < 6, result.seconds
    assert "the sign-in code expired before it was approved (it was valid for 2s)" in result.stderr, result.stderr
    assert 1 <= hostile.count("POST /auth/v1/token") <= 2
    assert not (person.home / ".conductorone" / "config.yaml").exists()


# -- item 4: no number crashes --------------------------------------------------------

def test_extreme_numbers_from_the_server_never_trap(person, hostile):
    # The catalog's maximum grant is "1e300s", the C1 token's expires_in 1e300, the task's
    # grant duration "1e300s": setup and request work, with the numbers clamped.
    person.setup()
    hostile.modes["bindings"] = "none"
    request = person.cone("request", PROFILE)
    assert request.returncode == 4, request.stderr  # pending approval
    assert "task: 1001" in request.stderr, request.stderr
    assert hostile.count("POST /api/v1/task/grant") == 1
    # The C1 token is cached for at most a day, whatever the server claimed.
    [token_file] = (person.home / ".local" / "state" / "cone-shell").glob("c1-token-*.json")
    assert json.loads(token_file.read_text())["expiresAt"] <= time.time() + 86400 + 60


def test_role_credentials_with_an_absurd_expiration_are_capped(person, hostile):
    # GetRoleCredentials says the credentials expire at Int64.max milliseconds.
    person.setup()
    person.signed_in_to_aws()
    result = person.cone("creds", PROFILE)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["AccessKeyId"] == "ASIAHOSTILE"
    expiration = calendar.timegm(time.strptime(document["Expiration"], "%Y-%m-%dT%H:%M:%SZ"))
    assert expiration <= time.time() + 12 * 3600 + 60, document["Expiration"]


def test_a_task_number_that_is_not_digits_is_refused(person, hostile):
    person.setup()
    hostile.modes.update(bindings="none", grant_task="forged-number")
    result = person.cone("request", PROFILE)
    assert result.returncode == 1, result.stderr
    assert "task/grant could not be read" in result.stderr and "numericId" in result.stderr, result.stderr
    assert "9999999999" not in result.stderr + result.stdout
    grants = person.home / ".local" / "state" / "cone-shell" / "grants"
    if grants.exists():
        assert "9999999999" not in grants.read_text()


@pytest.mark.parametrize("value", ["inf", "-1", "nan", "1e300", "99999999999999999999999", "0"])
def test_any_http_timeout_setting_is_survived(person, hostile, value):
    result = person.cone("whoami", CONE_SHELL_HTTP_TIMEOUT=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("alice@example.com"), result.stdout


def test_a_duration_too_long_for_any_number_is_a_usage_error(person):
    result = person.cone("request", PROFILE, "--duration", "99999999999999999h")
    assert result.returncode == 64, result.stderr
    assert '"99999999999999999h" is not a duration' in result.stderr, result.stderr
