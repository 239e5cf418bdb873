"""Issue 4: signing in to ConductorOne and to AWS IAM Identity Center, end to end against
cone-sandbox: device logins approved in the (test) browser, config and token files other
tools share, HTTPS with a private CA, retries and their limits, and no secret in any
output."""
import datetime
import json
import re
import socket
import ssl
import threading

import pytest
import yaml

from access_support import (C1_TOKEN, GRANT, ROLE_CREDENTIALS, SSO_DEVICE, SSO_TOKEN, Person, assert_arn, counts,
                            make_ca_and_server_certificate, mode, requests, reset_log, statuses,
                            without_client_credential)
from cone import Sandbox, parse_exports


@pytest.fixture
def alice(home, sandbox):
    return Person(home, sandbox)


EXISTING_CONFIG = """\
profiles:
  work:
    client-id: someone@other.conductor.one/pcc
    client-secret: secret-token:conductorone.com:v1:not-a-real-key
    api-endpoint: https://other.conductor.one
aws_sso_start_url: https://d-0000000000.awsapps.com/start
aws_sso_region: us-east-1
aws_default_region: eu-west-1
"""


def test_c1_login_saves_a_working_client_and_keeps_the_rest_of_the_config(alice, sandbox):
    alice.env = without_client_credential(alice.env)
    alice.c1_config.parent.mkdir(mode=0o700)
    alice.c1_config.write_text(EXISTING_CONFIG)
    alice.c1_config.chmod(0o644)  # as cone leaves it

    before = alice.cone("whoami")
    assert before.returncode == 7 and "cone-shell login" in before.stderr, before.stderr

    login = alice.cone("login", sandbox.exports["CONE_API_ENDPOINT"])
    assert login.returncode == 0, login.stderr
    assert f"Signed in to ConductorOne at {sandbox.url} as alice@example.com" in login.stderr
    [opened] = alice.opened_urls()  # the browser was asked to open the verification page
    assert opened.startswith(sandbox.url + "/device")
    assert "user_code=" in opened and opened.split("user_code=")[1] in login.stderr  # the code is shown too

    config = yaml.safe_load(alice.c1_config.read_text())
    assert mode(alice.c1_config) == 0o600
    assert config["profiles"]["work"] == yaml.safe_load(EXISTING_CONFIG)["profiles"]["work"]
    assert {k: v for k, v in config.items() if k.startswith("aws_")} == {
        "aws_sso_start_url": "https://d-0000000000.awsapps.com/start", "aws_sso_region": "us-east-1",
        "aws_default_region": "eu-west-1"}
    saved = config["profiles"]["default"]
    assert saved["client-secret"].startswith("secret-token:conductorone.com:v1:")
    assert saved["client-id"] != sandbox.exports["CONE_CLIENT_ID"]  # a new personal client

    # The client id names 127.0.0.1:PORT, which cone reaches over https; the plain-http
    # address signed in to is remembered, so nothing else has to point at it.
    assert saved["api-endpoint"] == sandbox.url
    alice.env = {name: value for name, value in alice.env.items() if name != "CONE_API_ENDPOINT"}
    whoami = alice.cone("whoami")
    assert whoami.returncode == 0, whoami.stderr
    assert whoami.stdout.startswith("alice@example.com (Alice Example)")
    assert f"tenant     {sandbox.url} (C1 profile default)" in whoami.stdout
    # The saved AWS settings are reported as they are.
    assert "AWS SSO    https://d-0000000000.awsapps.com/start (us-east-1): not signed in" in whoami.stdout


def test_c1_login_denied_in_the_browser_saves_nothing(alice, sandbox, tmp_path):
    deny = tmp_path / "deny.sh"
    deny.write_text('#!/bin/sh\nexec cone-sandbox approve-device --deny "$1" >/dev/null 2>&1\n')
    deny.chmod(0o755)
    login = alice.cone("login", sandbox.exports["CONE_API_ENDPOINT"],
                       env={**without_client_credential(alice.env), "BROWSER": str(deny)})
    assert login.returncode == 1
    assert "the sign-in was denied in the browser" in login.stderr
    assert not alice.c1_config.exists()


def in_minutes(minutes: float) -> str:
    """A token cache time (`2025-01-31T12:00:00Z`) this many minutes from now."""
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def sso_profile(account: str = "111111111111", role: str = "ReadOnlyAccess") -> str:
    """A plain AWS CLI SSO profile on cone-shell's sso-session: botocore reads the token
    cone-shell wrote and calls GetRoleCredentials itself."""
    return (f"\n[profile sso-direct]\nsso_session = cone-sso\nsso_account_id = {account}\n"
            f"sso_role_name = {role}\nregion = us-east-1\n")


def test_aws_login_writes_the_token_botocore_uses_and_refreshes_it(alice, sandbox):
    alice.setup()
    login = alice.login_aws()
    assert "To sign in to AWS IAM Identity Center" in login.stderr
    [opened] = alice.opened_urls()
    assert opened.startswith(sandbox.url + "/authorize?")  # the AWS CLI v2's default sign-in (test_login_aws.py)
    token = alice.sso_token()
    assert mode(alice.sso_token_file) == 0o600
    assert token["startUrl"] == sandbox.exports["CONE_SANDBOX_SSO_START_URL"] and token["region"] == "us-east-1"
    assert {"accessToken", "expiresAt", "refreshToken", "clientId", "clientSecret",
            "registrationExpiresAt"} <= token.keys()

    granted = alice.cone("request", "production-readonlyaccess")
    assert granted.returncode == 0, granted.stderr
    with alice.aws_config.open("a") as config:
        config.write(sso_profile())
    assert_arn(alice.caller_arn("sso-direct"), "111111111111", "ReadOnlyAccess")

    # Less than 15 minutes left: the next use refreshes with the refresh token, no sign-in.
    alice.sso_token_file.write_text(json.dumps({**token, "expiresAt": in_minutes(5)}))
    reset_log(sandbox)
    creds = alice.cone("creds", "production-readonlyaccess")
    assert creds.returncode == 0, creds.stderr
    seen = counts(sandbox)
    assert seen.get(SSO_TOKEN) == 1 and SSO_DEVICE not in seen and "POST /client/register" not in seen, seen
    assert len(alice.opened_urls()) == 1  # no browser this time
    refreshed = alice.sso_token()
    assert mode(alice.sso_token_file) == 0o600
    assert refreshed["accessToken"] != token["accessToken"]
    assert refreshed["refreshToken"] != token["refreshToken"]  # refresh tokens rotate
    assert refreshed["clientId"] == token["clientId"]
    remaining = datetime.datetime.strptime(refreshed["expiresAt"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc) - datetime.datetime.now(datetime.timezone.utc)
    assert remaining > datetime.timedelta(hours=7)
    # botocore still reads the rewritten file (and does not need to refresh it).
    reset_log(sandbox)
    assert_arn(alice.caller_arn("sso-direct"), "111111111111", "ReadOnlyAccess")
    assert SSO_TOKEN not in counts(sandbox)


def test_an_sso_token_the_portal_refuses_is_refreshed_without_a_sign_in(alice, sandbox):
    alice.ready()
    sandbox.admin("clock", "advance", "9h")  # the 8 h SSO token has expired for AWS
    reset_log(sandbox)
    creds = alice.cone("creds", "production-readonlyaccess")
    assert creds.returncode == 0, creds.stderr
    assert statuses(sandbox, ROLE_CREDENTIALS) == [401, 200]
    seen = counts(sandbox)
    assert seen[SSO_TOKEN] == 1 and SSO_DEVICE not in seen, seen
    assert alice.opened_urls() == []


def test_a_failed_refresh_keeps_using_a_token_that_still_works(alice, sandbox):
    """AWS's OIDC service down while the token has a few minutes left: the refresh is
    worth trying, not worth failing the command for."""
    alice.ready()
    token = alice.sso_token()
    alice.sso_token_file.write_text(json.dumps({**token, "expiresAt": in_minutes(10)}))
    reset_log(sandbox)
    sandbox.admin("faults", "add", "--path", "/token", "--method", "POST", "--status", "503", "--count", "3")
    creds = alice.cone("creds", "production-readonlyaccess")
    assert creds.returncode == 0, creds.stderr
    assert statuses(sandbox, SSO_TOKEN) == [503, 503, 503]
    assert statuses(sandbox, ROLE_CREDENTIALS) == [200]
    assert alice.sso_token()["refreshToken"] == token["refreshToken"]  # still there for the next try


def test_whoami_over_https_with_a_private_ca(tmp_path, home):
    ca, chain, key = make_ca_and_server_certificate(tmp_path)
    with Sandbox.start(tmp_path / "tls", "--tls-cert", str(chain), "--tls-key", str(key)) as sandbox:
        assert sandbox.exports["CONE_API_ENDPOINT"].startswith("127.0.0.1:")  # https, in cone's form
        alice = Person(home, sandbox)  # SSL_CERT_FILE is not set
        untrusted = alice.cone("whoami")
        assert untrusted.returncode == 1
        host = sandbox.url.removeprefix("https://")
        assert f"the TLS certificate of {host} is not trusted" in untrusted.stderr, untrusted.stderr
        assert "set SSL_CERT_FILE" in untrusted.stderr

        trusted = alice.cone("whoami", env={"SSL_CERT_FILE": str(ca)})
        assert trusted.returncode == 0, trusted.stderr
        assert trusted.stdout.startswith("alice@example.com")
        assert f"tenant     {sandbox.url}" in trusted.stdout


def test_an_untrusted_certificate_fails_at_once(alice, tmp_path):
    """A TLS endpoint whose certificate is not trusted (a corporate proxy, a wrong
    SSL_CERT_FILE): one connection, then the message; no reconnecting until a timeout."""
    _, chain, key = make_ca_and_server_certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(chain, key)
    listener = socket.create_server(("127.0.0.1", 0))
    connections = []

    def serve():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            connections.append(connection)
            try:
                context.wrap_socket(connection, server_side=True).close()
            except (ssl.SSLError, OSError):
                connection.close()

    threading.Thread(target=serve, daemon=True).start()
    endpoint = f"https://127.0.0.1:{listener.getsockname()[1]}"
    whoami = alice.cone("whoami", env={"CONE_API_ENDPOINT": endpoint})
    listener.close()
    assert whoami.returncode == 1
    assert "the TLS certificate of 127.0.0.1:" in whoami.stderr and "is not trusted" in whoami.stderr
    assert len(connections) == 1


# -- resilience ---------------------------------------------------------------------------

@pytest.mark.parametrize("fault, attempts, logged", [
    (["--status", "503", "--count", "2"], 3, [503, 503, 200]),
    (["--drop"], 2, [0, 200]),
    # Beyond CONE_SHELL_HTTP_TIMEOUT=1; the sandbox logs the slow answer only when it
    # sends it, after cone-shell moved on.
    (["--latency", "2s"], 2, None),
], ids=["503", "drop", "latency"])
def test_idempotent_calls_are_retried_and_recover(alice, sandbox, fault, attempts, logged):
    sandbox.admin("faults", "add", "--path", "/api/v1/users/*", "--method", "GET", *fault)
    whoami = alice.cone("whoami", "--debug", env={"CONE_SHELL_HTTP_TIMEOUT": "1"})
    assert whoami.returncode == 0, whoami.stderr
    assert whoami.stdout.startswith("alice@example.com")
    tries = re.findall(r"debug: GET \S+/api/v1/users/\S+ (→ \d+ |✗ [^(]+)\(.*attempt (\d)\)", whoami.stderr)
    assert [int(attempt) for _, attempt in tries] == list(range(1, attempts + 1)), whoami.stderr
    assert tries[-1][0] == "→ 200 "
    assert sandbox.admin("faults", "list").stdout.strip() == "No faults."
    if logged is not None:
        assert statuses(sandbox, "GET /api/v1/users/{id}") == logged


def test_the_last_failure_says_what_failed_and_where(alice, sandbox):
    sandbox.admin("faults", "add", "--path", "/api/v1/auth/introspect", "--status", "503", "--count", "3")
    whoami = alice.cone("whoami")
    assert whoami.returncode == 1
    assert (f"GET {sandbox.url}/api/v1/auth/introspect: the service answered 503 Service Unavailable "
            "after 3 attempts") in whoami.stderr, whoami.stderr
    assert statuses(sandbox, "GET /api/v1/auth/introspect") == [503, 503, 503]

    sandbox.admin("faults", "add", "--path", "/api/v1/auth/introspect", "--drop", "--count", "3")
    dropped = alice.cone("whoami")
    assert dropped.returncode == 1
    assert (f"GET {sandbox.url}/api/v1/auth/introspect: the connection was closed before the answer was complete "
            "after 3 attempts") in dropped.stderr, dropped.stderr


@pytest.mark.parametrize("fault", [["--status", "503"], ["--drop"]], ids=["503", "drop"])
def test_a_request_that_creates_a_task_is_never_retried_blindly(alice, sandbox, fault):
    alice.setup()
    sandbox.admin("faults", "add", "--path", "/api/v1/task/grant", "--method", "POST", *fault)
    failed = alice.cone("request", "production-administratoraccess")
    assert failed.returncode == 1, failed.stderr
    assert f"POST {sandbox.url}/api/v1/task/grant" in failed.stderr, failed.stderr
    assert len(requests(sandbox, GRANT)) == 1
    # Nothing was created, so asking again makes the one request.
    again = alice.cone("request", "production-administratoraccess")
    assert again.returncode == 4, again.stderr
    assert "Access request submitted (task: 1001)" in again.stderr
    assert len(requests(sandbox, GRANT)) == 2


def test_a_second_whoami_within_the_token_lifetime_asks_for_no_token(alice, sandbox):
    first = alice.cone("whoami")
    assert first.returncode == 0, first.stderr
    assert counts(sandbox).get(C1_TOKEN) == 1
    reset_log(sandbox)
    second = alice.cone("whoami")
    assert second.returncode == 0 and second.stdout == first.stdout
    seen = counts(sandbox)
    assert C1_TOKEN not in seen and "GET /api/v1/auth/introspect" not in seen, seen  # user id cached too


def test_a_token_the_server_refuses_is_replaced_once(alice, sandbox):
    assert alice.cone("whoami").returncode == 0
    sandbox.admin("clock", "advance", "2h")  # the cached C1 token has expired for the server
    reset_log(sandbox)
    whoami = alice.cone("whoami")
    assert whoami.returncode == 0, whoami.stderr
    assert statuses(sandbox, "GET /api/v1/users/{id}") == [401, 200]
    assert counts(sandbox)[C1_TOKEN] == 1
    # The new token is cached with the user id, which does not change with the token.
    reset_log(sandbox)
    assert alice.cone("whoami").stdout == whoami.stdout
    seen = counts(sandbox)
    assert C1_TOKEN not in seen and "GET /api/v1/auth/introspect" not in seen, seen


# -- secrets --------------------------------------------------------------------------------

def issued_keys(creds_output: str) -> set[str]:
    """The AWS keys in `creds` output: the credential_process document or export lines."""
    if creds_output.startswith("{"):
        document = json.loads(creds_output)
        return {document["AccessKeyId"], document["SecretAccessKey"], document["SessionToken"]}
    exports = parse_exports(creds_output)
    return {exports[name] for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")}


def test_no_secret_in_debug_output_or_errors(alice, sandbox):
    """A whole flow with --debug; every secret that existed at any point is looked for
    in everything cone-shell printed (but the credentials `creds` prints on purpose)."""
    printed: list[str] = []
    secrets: set[str] = {sandbox.exports["CONE_CLIENT_SECRET"]}

    def collect_secrets():
        if alice.c1_config.exists():
            for profile in (yaml.safe_load(alice.c1_config.read_text()) or {}).get("profiles", {}).values():
                secrets.add(profile["client-secret"])
        for path in alice.state_dir.glob("c1-token-*.json"):
            secrets.add(json.loads(path.read_text())["accessToken"])
        if alice.sso_token_file.exists():
            token = alice.sso_token()
            secrets.update(token[k] for k in ("accessToken", "refreshToken", "clientSecret"))

    def cone(*args, env=None, expect=0, printed_on_purpose=False):
        result = alice.cone(*args, "--debug", env=env)
        assert result.returncode == expect, result.stderr
        printed.append(result.stderr)
        if printed_on_purpose:  # the issued AWS keys, which nothing else may print
            secrets.update(issued_keys(result.stdout))
        else:
            printed.append(result.stdout)
        collect_secrets()
        return result

    cone("login", sandbox.exports["CONE_API_ENDPOINT"], env=without_client_credential(alice.env))
    alice.env = without_client_credential(alice.env)  # from now on, the saved credential
    cone("whoami")
    cone("setup", "--sso-url", sandbox.exports["CONE_SANDBOX_SSO_START_URL"])
    cone("login", "--aws")
    cone("creds", "production-readonlyaccess", printed_on_purpose=True)
    pending = cone("request", "production-administratoraccess", expect=4)
    cone("creds", "staging-billingaccess", expect=6)
    task = re.search(r"task: (\d+)", pending.stderr).group(1)
    sandbox.admin("approve", task)
    cone("request", "production-administratoraccess", "--wait")
    cone("creds", "production-administratoraccess", printed_on_purpose=True)  # what --wait fetched
    # Tokens rotate: a refresh with the refresh token, then a new C1 token.
    token = alice.sso_token()
    alice.sso_token_file.write_text(json.dumps({**token, "expiresAt": in_minutes(1)}))
    alice.credential_file("production-administratoraccess").unlink()
    cone("creds", "production-administratoraccess", "--format", "env", printed_on_purpose=True)
    sandbox.admin("faults", "add", "--path", "/api/v1/auth/introspect", "--status", "503", "--count", "3")
    for path in alice.state_dir.glob("c1-token-*.json"):
        path.unlink()
    cone("whoami", expect=1)
    cone("task", task)
    cone("status")

    output = "\n".join(printed)
    assert len(secrets) >= 8, secrets
    for secret in secrets:
        assert len(secret) >= 16
        assert secret not in output, f"a secret ({secret[:6]}…) was printed"
    # And the redaction shows: the debug trace names the calls, not their credentials.
    assert re.search(r"debug: POST \S+/auth/v1/token → 200", output)
