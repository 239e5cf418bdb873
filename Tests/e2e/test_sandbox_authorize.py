"""Issue 14, item 2 (sandbox side): the authorization-code sign-in with PKCE that AWS SSO
OIDC serves to the AWS CLI v2 (`GET /authorize`, CreateToken with `authorization_code`),
and the registration botocore sends for it, against a real cone-sandbox. The AWS CLI v2's
default `aws sso login` runs against it with a scripted browser."""
import base64
import hashlib
import http.server
import json
import secrets
import threading
import urllib.parse
import urllib.request

import boto3
import pytest
from botocore.exceptions import ClientError

from access_support import ROLE_CREDENTIALS, Person, counts, reset_log
from aws_cli import AWS_V2, needs_v2


#: A browser as Python's webbrowser runs it for the AWS CLI v2: it waits for the command,
#: and the CLI answers its loopback callback only afterwards, so the approval goes on in
#: the background, as a real browser's window does.
BACKGROUND_BROWSER = """#!/bin/sh
# TEST-ONLY browser: records the URL, then approves the sign-in as a person would.
printf '%s\\n' "$1" >>"$CONE_TEST_BROWSER_LOG"
cone-sandbox approve-device "$1" >>"$CONE_TEST_BROWSER_LOG" 2>&1 &
"""


@pytest.fixture
def alice(home, sandbox):
    return Person(home, sandbox)


def oidc_client(sandbox):
    return boto3.session.Session(region_name="us-east-1", aws_access_key_id="unused",
                                 aws_secret_access_key="unused").client(
        "sso-oidc", endpoint_url=sandbox.exports["AWS_ENDPOINT_URL_SSO_OIDC"])


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)[:64]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


class Callback:
    """A loopback redirect URI that records what the browser brings back."""

    def __init__(self):
        self.queries: list[dict] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.queries.append(dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query)))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"signed in")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.uri = f"http://127.0.0.1:{self.server.server_port}/oauth/callback"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def register(oidc, sandbox, **overrides):
    return oidc.register_client(**{
        "clientName": "botocore-client-cone-sso", "clientType": "public", "scopes": ["sso:account:access"],
        "grantTypes": ["authorization_code", "refresh_token"],
        "redirectUris": ["http://127.0.0.1/oauth/callback"],
        "issuerUrl": sandbox.exports["CONE_SANDBOX_SSO_START_URL"], **overrides})


def authorize_url(sandbox, client_id, redirect_uri, state, challenge) -> str:
    """The URL as the AWS CLI v2 builds it (reference: docs/aws-sso.md §2)."""
    query = urllib.parse.urlencode({
        "response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "state": state,
        "code_challenge_method": "S256", "scopes": "sso:account:access", "code_challenge": challenge})
    return f"{sandbox.exports['AWS_ENDPOINT_URL_SSO_OIDC']}/authorize?{query}"


def test_an_authorization_code_is_redeemed_only_with_its_verifier(sandbox):
    oidc = oidc_client(sandbox)
    registration = register(oidc, sandbox)
    callback = Callback()
    try:
        def approve(challenge, state):
            url = authorize_url(sandbox, registration["clientId"], callback.uri, state, challenge)
            approved = sandbox.admin("approve-device", url)
            assert "Approved the AWS sign-in as alice@example.com" in approved.stdout, approved.stdout
            assert callback.uri.split("?")[0] in approved.stdout and "code=" not in approved.stdout
            return callback.queries[-1]

        verifier, challenge = pkce_pair()
        answer = approve(challenge, "state-1")
        assert answer["state"] == "state-1" and answer["code"]
        create = dict(clientId=registration["clientId"], clientSecret=registration["clientSecret"],
                      grantType="authorization_code", code=answer["code"], redirectUri=callback.uri)
        with pytest.raises(ClientError) as wrong:
            oidc.create_token(**create, codeVerifier=pkce_pair()[0])
        assert wrong.value.response["Error"]["Code"] == "InvalidGrantException"
        assert wrong.value.response["error"] == "invalid_grant"
        # A code is spent by any attempt.
        with pytest.raises(ClientError) as spent:
            oidc.create_token(**create, codeVerifier=verifier)
        assert spent.value.response["Error"]["Code"] == "InvalidGrantException"

        verifier, challenge = pkce_pair()
        answer = approve(challenge, "state-2")
        # The redirect URI must be the one the code was issued to, port included.
        with pytest.raises(ClientError) as moved:
            oidc.create_token(**{**create, "code": answer["code"], "redirectUri": "http://127.0.0.1:1/oauth/callback"},
                              codeVerifier=verifier)
        assert moved.value.response["Error"]["Code"] == "InvalidGrantException"

        verifier, challenge = pkce_pair()
        answer = approve(challenge, "state-3")
        token = oidc.create_token(**{**create, "code": answer["code"]}, codeVerifier=verifier)
        assert token["accessToken"] and token["refreshToken"] and token["expiresIn"] > 0
        refreshed = oidc.create_token(clientId=registration["clientId"], clientSecret=registration["clientSecret"],
                                      grantType="refresh_token", refreshToken=token["refreshToken"])
        assert refreshed["accessToken"] != token["accessToken"]

        # Denied: the browser goes back with the error and the state, and no code.
        url = authorize_url(sandbox, registration["clientId"], callback.uri, "state-4", pkce_pair()[1])
        denied = sandbox.admin("approve-device", "--deny", url)
        assert "Denied the AWS sign-in" in denied.stdout
        assert callback.queries[-1] == {"error": "access_denied", "error_description": "The sign-in was denied",
                                        "state": "state-4"}
    finally:
        callback.close()


@pytest.mark.parametrize("change, error", [
    ({"redirectUris": ["https://example.com/oauth/callback"]}, "InvalidRedirectUriException"),
    ({"redirectUris": []}, "InvalidRedirectUriException"),
    ({"issuerUrl": "https://d-1111111111.awsapps.com/start"}, "InvalidRequestException"),
    ({"grantTypes": ["authorization_code", "password"]}, "UnsupportedGrantTypeException"),
], ids=["not-loopback", "no-redirect", "other-issuer", "unknown-grant"])
def test_registration_checks_what_botocore_sends(sandbox, change, error):
    with pytest.raises(ClientError) as refused:
        register(oidc_client(sandbox), sandbox, **change)
    assert refused.value.response["Error"]["Code"] == error


def test_the_grants_a_client_registered_for_are_the_ones_it_may_use(sandbox):
    oidc = oidc_client(sandbox)
    auth_code = register(oidc, sandbox)
    with pytest.raises(ClientError) as device:
        oidc.start_device_authorization(clientId=auth_code["clientId"], clientSecret=auth_code["clientSecret"],
                                        startUrl=sandbox.exports["CONE_SANDBOX_SSO_START_URL"])
    assert device.value.response["Error"]["Code"] == "UnauthorizedClientException"
    # A device-flow registration (no grantTypes) names no redirect URI, so /authorize refuses it.
    plain = oidc.register_client(clientName="botocore-client-cone-sso", clientType="public",
                                 scopes=["sso:account:access"])
    url = authorize_url(sandbox, plain["clientId"], "http://127.0.0.1:9/oauth/callback", "s", pkce_pair()[1])
    refused = sandbox.admin("approve-device", url, check=False)
    assert refused.returncode != 0 and "authorization_code grant" in refused.stderr, refused.stderr
    with urllib.request.urlopen(url.replace(plain["clientId"], auth_code["clientId"])) as page:
        assert b"Sign in as" in page.read()  # the approval page a person sees


@needs_v2
def test_aws_cli_v2_default_sso_login_completes_and_cone_shell_uses_its_token(alice, sandbox, tmp_path):
    browser = tmp_path / "background-browser.sh"
    browser.write_text(BACKGROUND_BROWSER)
    browser.chmod(0o755)
    alice.setup()
    config = alice.aws_config.read_text()
    assert "[sso-session cone-sso]" in config

    login = alice.aws("sso", "login", "--sso-session", "cone-sso",
                      env={"BROWSER": str(browser), "PATH": f"{AWS_V2.parent}:{alice.env['PATH']}"})
    assert login.returncode == 0, login.stdout + login.stderr
    assert "Successfully logged into Start URL" in login.stdout
    [opened] = alice.opened_urls()
    assert opened.startswith(sandbox.exports["AWS_ENDPOINT_URL_SSO_OIDC"] + "/authorize?")
    assert "code_challenge_method=S256" in opened
    seen = counts(sandbox)
    assert seen.get("POST /token") == 1 and "POST /device_authorization" not in seen, seen

    token = alice.sso_token()
    assert token["startUrl"] == sandbox.exports["CONE_SANDBOX_SSO_START_URL"]
    assert {"accessToken", "expiresAt", "refreshToken", "clientId", "clientSecret",
            "registrationExpiresAt"} <= token.keys()
    [registration] = [json.loads(p.read_text()) for p in (alice.home / ".aws/sso/cache").iterdir()
                      if p != alice.sso_token_file]
    assert registration["grantTypes"] == ["authorization_code", "refresh_token"]

    granted = alice.cone("request", "production-readonlyaccess")
    assert granted.returncode == 0, granted.stderr
    reset_log(sandbox)
    creds = alice.cone("creds", "production-readonlyaccess")
    assert creds.returncode == 0, creds.stderr
    assert json.loads(creds.stdout)["Version"] == 1
    seen = counts(sandbox)
    assert seen.get(ROLE_CREDENTIALS) == 1 and "POST /token" not in seen, seen  # v2's token, as it was

