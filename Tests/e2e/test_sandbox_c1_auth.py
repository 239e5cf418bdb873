"""C1 sign-in: client assertions (verified Ed25519 JWTs) and device logins with personal
clients, as cone does them."""
import json
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cone import Sandbox
from sandbox_support import CONE_OAUTH_CLIENT as CONE_CLIENT, C1, b64url_decode, client_assertion, form, http, private_key_from_secret


def token_with(sandbox, assertion: str, client_id: str | None = None):
    return form(sandbox.exports["CONE_API_ENDPOINT"] + "/auth/v1/token", {
        "client_id": client_id or sandbox.exports["CONE_CLIENT_ID"], "grant_type": "client_credentials",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion})


def test_exported_credential_is_a_real_ed25519_key(sandbox):
    exports = sandbox.exports
    name, rest = exports["CONE_CLIENT_ID"].split("@", 1)
    assert rest == exports["CONE_API_ENDPOINT"].split("://", 1)[1] + "/pcc"
    secret = exports["CONE_CLIENT_SECRET"]
    assert secret.startswith("secret-token:conductorone.com:v1:")
    jwk = json.loads(b64url_decode(secret.split(":", 3)[3]))
    assert set(jwk) == {"kty", "crv", "x", "d"}
    private_key_from_secret(secret)
    reply = token_with(sandbox, client_assertion(exports["CONE_CLIENT_ID"], private_key_from_secret(secret)))
    assert reply.status == 200 and reply.json["expires_in"] == 3600


def test_credential_is_stable_for_a_scenario(sandbox, tmp_path):
    with Sandbox.start(tmp_path / "second") as second:
        assert second.exports["CONE_CLIENT_SECRET"] == sandbox.exports["CONE_CLIENT_SECRET"]


@pytest.mark.parametrize("case", ["other key", "wrong audience", "expired", "not yet valid", "iss is not the client",
                                  "unknown client", "garbage"])
def test_bad_client_assertions_are_refused(sandbox, case):
    client_id = sandbox.exports["CONE_CLIENT_ID"]
    key = private_key_from_secret(sandbox.exports["CONE_CLIENT_SECRET"])
    assertion = {
        "other key": lambda: client_assertion(client_id, Ed25519PrivateKey.generate()),
        "wrong audience": lambda: client_assertion(client_id, key, audience="acme.conductor.one"),
        "expired": lambda: client_assertion(client_id, key, now=time.time() - 600),
        "not yet valid": lambda: client_assertion(client_id, key, nbf=int(time.time()) + 600),
        "iss is not the client": lambda: client_assertion(client_id, key, iss="someone@127.0.0.1/pcc"),
        "unknown client": lambda: client_assertion("nobody@" + client_id.split("@")[1], key),
        "garbage": lambda: "not.a.jwt",
    }[case]()
    claimed = "nobody@" + client_id.split("@")[1] if case == "unknown client" else client_id
    reply = token_with(sandbox, assertion, claimed)
    assert reply.status == 401, reply
    assert reply.json["error"] == "invalid_client" and reply.json["error_description"]


def test_device_login_then_personal_client(sandbox):
    endpoint = sandbox.exports["CONE_API_ENDPOINT"]
    start = form(endpoint + "/auth/v1/device_authorization", {"client_id": CONE_CLIENT}).json
    assert set(start) == {"device_code", "user_code", "verification_uri", "verification_uri_complete",
                          "expires_in", "interval"}
    assert start["interval"] == 1 and start["verification_uri_complete"].endswith("user_code=" + start["user_code"])
    poll = {"client_id": CONE_CLIENT, "device_code": start["device_code"],
            "grant_type": "urn:ietf:params:oauth:grant-type:device_code"}
    pending = form(endpoint + "/auth/v1/token", poll)
    assert pending.status == 400 and pending.json["error"] == "authorization_pending"
    fast = form(endpoint + "/auth/v1/token", poll)
    assert fast.status == 400 and fast.json["error"] == "slow_down"

    page = http("GET", start["verification_uri_complete"])
    assert page.status == 200 and start["user_code"].encode() in page.body and b"alice@example.com" in page.body
    approved = form(endpoint + "/device", {"user_code": start["user_code"], "user": "alice@example.com",
                                           "decision": "approve"})
    assert approved.status == 200 and b"Signed in as alice@example.com" in approved.body
    time.sleep(1)  # polling faster than the interval would be refused
    token = form(endpoint + "/auth/v1/token", poll)
    assert token.status == 200 and token.json["refresh_token"]

    c1 = C1(endpoint, token.json["access_token"])
    created = c1.post("/api/v1/iam/personal_clients", {"display_name": "Created by Cone"})
    assert created["client"]["displayName"] == "Created by Cone"
    assert created["client"]["clientId"].endswith("@" + endpoint.split("://")[1] + "/pcc")
    again = C1.sign_in(sandbox.exports, created["client"]["clientId"], created["clientSecret"])
    assert again.me() == c1.me() == created["client"]["userId"]
    refreshed = form(endpoint + "/auth/v1/token", {"grant_type": "refresh_token",
                                                   "refresh_token": token.json["refresh_token"]})
    assert refreshed.status == 200 and refreshed.json["refresh_token"] != token.json["refresh_token"]


def test_device_login_denied_and_expired(sandbox):
    endpoint = sandbox.exports["CONE_API_ENDPOINT"]

    def start():
        return form(endpoint + "/auth/v1/device_authorization", {"client_id": CONE_CLIENT}).json

    def poll(device):
        return form(endpoint + "/auth/v1/token", {"client_id": CONE_CLIENT, "device_code": device["device_code"],
                                                  "grant_type": "urn:ietf:params:oauth:grant-type:device_code"})

    denied = start()
    result = sandbox.admin("approve-device", denied["verification_uri_complete"], "--deny")
    assert "Denied the ConductorOne sign-in" in result.stdout
    assert poll(denied).json["error"] == "access_denied"

    expired = start()
    sandbox.admin("clock", "advance", "10m")
    assert poll(expired).json["error"] == "expired_token"
    late = sandbox.admin("approve-device", expired["user_code"], check=False)
    assert late.returncode != 0 and "expired" in late.stderr
