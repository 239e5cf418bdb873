"""Helpers for the cone-sandbox end-to-end tests: a small C1 API client that signs its own
Ed25519 client assertions and checks every JSON answer against the OpenAPI document, and
the real AWS clients pointed at the sandbox."""
from __future__ import annotations

import base64
import functools
import json
import os
import pickle
import re
import secrets
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml
from jsonschema import FormatChecker
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openapi_schema_validator import OAS31Validator

SPEC = Path(os.environ.get("CONE_SHELL_OPENAPI",
                           Path(__file__).resolve().parents[2].parent.parent
                           / "shared/reference/conductorone-openapi.yaml"))
if not SPEC.exists():
    SPEC = Path("/work/shared/reference/conductorone-openapi.yaml")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# ---------------------------------------------------------------------------------------
# OpenAPI validation

@functools.lru_cache(maxsize=1)
def spec() -> dict:
    """The OpenAPI document, parsed once and cached in the temp dir (parsing takes a while)."""
    stat = SPEC.stat()
    cache = Path(tempfile.gettempdir()) / f"cone-sandbox-openapi-{stat.st_size}-{int(stat.st_mtime)}.pickle"
    if cache.exists():
        try:
            return pickle.loads(cache.read_bytes())
        except Exception:  # noqa: BLE001 - a bad cache is rebuilt
            pass
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load(SPEC.read_text(), Loader=loader)
    temporary = cache.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pickle.dumps(document))
    temporary.replace(cache)
    return document


def _format_checker():
    """OAS formats, stricter where protojson is strict: int64 and uint64 are strings of
    digits, durations are `<seconds>s`."""
    checker = FormatChecker(formats=())
    checker.checkers = dict(OAS31Validator.FORMAT_CHECKER.checkers)
    for name in ("int64", "uint64"):
        checker.checks(name)(lambda value: not isinstance(value, str) or re.fullmatch(r"-?\d+", value) is not None)
    checker.checks("duration")(lambda value: not isinstance(value, str)
                               or re.fullmatch(r"-?\d+(\.\d{1,9})?s", value) is not None)
    return checker


@functools.lru_cache(maxsize=None)
def _operation(method: str, template: str):
    return spec()["paths"][template][method.lower()]


@functools.lru_cache(maxsize=None)
def _templates() -> list[tuple[re.Pattern, str, int]]:
    compiled = []
    for template in spec()["paths"]:
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        literals = sum(1 for part in template.split("/") if part and not part.startswith("{"))
        compiled.append((re.compile(pattern), template, literals))
    return compiled


def spec_template(method: str, path: str) -> str | None:
    """The document's path template for a concrete path (literal segments win), or None."""
    matches = [(literals, template) for pattern, template, literals in _templates()
               if pattern.match(path) and method.lower() in spec()["paths"][template]]
    return max(matches)[1] if matches else None


@functools.lru_cache(maxsize=None)
def _validator(method: str, template: str) -> OAS31Validator:
    schema = _operation(method, template)["responses"]["200"]["content"]["application/json"]["schema"]
    root = {**schema, "components": spec()["components"]}
    return OAS31Validator(root, format_checker=_format_checker())


class SchemaViolation(AssertionError):
    pass


#: Every operation template a sandbox answer has been checked against.
validated_templates: set[str] = set()


def validate_response(method: str, path: str, body) -> str | None:
    """Checks a 200 body against its operation's schema; returns the template, or None when
    the document lacks the operation (request schemas are newer than it)."""
    template = spec_template(method, path)
    if template is None:
        return None
    errors = sorted(_validator(method, template).iter_errors(body), key=lambda e: list(e.path))
    if errors:
        details = "\n".join(f"  at {'/'.join(map(str, e.path)) or '(root)'}: {e.message[:300]}" for e in errors[:10])
        raise SchemaViolation(f"{method} {path} ({template}) does not match the OpenAPI schema:\n{details}")
    validated_templates.add(f"{method.upper()} {template}")
    return template


# ---------------------------------------------------------------------------------------
# HTTP

class Reply:
    def __init__(self, status: int, headers, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def json(self):
        return json.loads(self.body)

    def __repr__(self) -> str:
        return f"<Reply {self.status} {self.body[:300]!r}>"


def http(method: str, url: str, *, body: bytes | None = None, headers: dict | None = None,
         timeout: float = 30) -> Reply:
    """One request. Every 200 answer of the C1 API (`/api/…`) is checked against the
    OpenAPI document on the way."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            reply = Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())
    path = urllib.parse.urlparse(url).path
    if path.startswith("/api/") and reply.status == 200:
        validate_response(method, path, reply.json)
    return reply


def form(url: str, fields: dict, **kwargs) -> Reply:
    return http("POST", url, body=urllib.parse.urlencode(fields).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"}, **kwargs)


# ---------------------------------------------------------------------------------------
# C1

def private_key_from_secret(secret: str) -> Ed25519PrivateKey:
    """The key in `secret-token:conductorone.com:v1:<b64url JWK>`."""
    parts = secret.split(":", 3)
    assert len(parts) == 4 and parts[2] == "v1", secret
    jwk = json.loads(b64url_decode(parts[3]))
    assert jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519"
    key = Ed25519PrivateKey.from_private_bytes(b64url_decode(jwk["d"]))
    assert b64url(key.public_key().public_bytes_raw()) == jwk["x"]
    return key


def client_assertion(client_id: str, key: Ed25519PrivateKey, *, audience: str | None = None,
                     now: float | None = None, lifetime: int = 120, **overrides) -> str:
    """A JWT as cone's go-jose signer makes it (docs/c1-api.md §2.3)."""
    now = int(time.time() if now is None else now)
    host = client_id.split("@", 1)[1].split("/", 1)[0]
    audience = audience if audience is not None else host.rsplit(":", 1)[0]
    header = {"alg": "EdDSA", "nonce": secrets.token_hex(16)}
    claims = {"iss": client_id, "sub": client_id, "aud": [audience], "exp": now + lifetime,
              "iat": now, "nbf": now - 120, **overrides}
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
    return f"{signing_input}.{b64url(key.sign(signing_input.encode()))}"


#: cone's public OAuth client ID for device logins (docs/c1-api.md §2.4).
CONE_OAUTH_CLIENT = "2RGdOS94VDferT9e80mdgntl36K"


def expanded(page: dict, path: str | None) -> dict | None:
    """The object a `$.expanded[N]` path points at."""
    if not path:
        return None
    match = re.fullmatch(r"\$\.expanded\[(\d+)\]", path)
    assert match, path
    return page["expanded"][int(match.group(1))]


class C1:
    """A C1 API client against the sandbox (its answers are checked by `http`)."""

    def __init__(self, endpoint: str, token: str | None = None):
        self.endpoint = endpoint.rstrip("/")
        self.token = token

    @classmethod
    def sign_in(cls, exports: dict, client_id: str | None = None, secret: str | None = None) -> "C1":
        client_id = client_id or exports["CONE_CLIENT_ID"]
        key = private_key_from_secret(secret or exports["CONE_CLIENT_SECRET"])
        reply = form(exports["CONE_API_ENDPOINT"] + "/auth/v1/token", {
            "client_id": client_id, "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": client_assertion(client_id, key)})
        assert reply.status == 200, reply
        token = reply.json
        assert token["token_type"] == "Bearer" and token["expires_in"] > 0
        return cls(exports["CONE_API_ENDPOINT"], token["access_token"])

    def call(self, method: str, path: str, body=None) -> Reply:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        reply = http(method, self.endpoint + path, body=data, headers=headers)
        assert reply.headers.get("Content-Type") == "application/json", reply
        return reply

    def get(self, path: str) -> dict:
        reply = self.call("GET", path)
        assert reply.status == 200, reply
        return reply.json

    def post(self, path: str, body=None) -> dict:
        reply = self.call("POST", path, body if body is not None else {})
        assert reply.status == 200, reply
        return reply.json

    # Conveniences over the calls tests repeat.

    @classmethod
    def device_sign_in(cls, sandbox, user: str) -> "C1":
        """A device login as cone does it, approved with `cone-sandbox approve-device --as`."""
        endpoint = sandbox.exports["CONE_API_ENDPOINT"]
        start = form(endpoint + "/auth/v1/device_authorization", {"client_id": CONE_OAUTH_CLIENT}).json
        sandbox.admin("approve-device", start["user_code"], "--as", user)
        token = form(endpoint + "/auth/v1/token", {
            "client_id": CONE_OAUTH_CLIENT, "device_code": start["device_code"],
            "grant_type": "urn:ietf:params:oauth:grant-type:device_code"})
        assert token.status == 200, token
        return cls(endpoint, token.json["access_token"])

    def me(self) -> str:
        return self.get("/api/v1/auth/introspect")["userId"]

    def catalog(self, **body) -> list[dict]:
        """Every request-catalog entry, following nextPageToken."""
        items, token = [], ""
        while True:
            page = self.post("/api/v1/search/request_catalog/entitlements",
                             {"pageSize": 100, **body, "pageToken": token})
            items += page.get("list", [])
            token = page.get("nextPageToken", "")
            if not token:
                return items

    def entitlement(self, account: str, permission_set: str) -> dict:
        """An AWS entitlement by account name and permission set name."""
        page = self.post("/api/v1/search/request_catalog/entitlements", {
            "query": f"{account} {permission_set}", "pageSize": 100,
            "expandMask": {"paths": ["app_resource_id"]}})
        for item in page.get("list", []):
            view = item["entitlement"]
            resource = expanded(page, view.get("appResourcePath"))
            if (view["appEntitlement"]["displayName"] == f"{permission_set} Permission Set"
                    and resource and resource["displayName"] == account):
                return view["appEntitlement"]
        raise AssertionError(f"no {account}/{permission_set} entitlement")

    def request(self, entitlement: dict, **extra) -> Reply:
        return self.call("POST", "/api/v1/task/grant", {
            "appId": entitlement["appId"], "appEntitlementId": entitlement["id"],
            "identityUserId": self.me(), "appUserId": "", "description": "e2e", "emergencyAccess": False,
            **extra})

    def task(self, reference) -> dict:
        return self.get(f"/api/v1/tasks/{reference}")["taskView"]["task"]


# ---------------------------------------------------------------------------------------
# AWS

def aws_env(exports: dict, home: Path, **extra) -> dict:
    """An environment where botocore talks to the sandbox and to nothing else."""
    return {
        "HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "AWS_ENDPOINT_URL_SSO": exports["AWS_ENDPOINT_URL_SSO"],
        "AWS_ENDPOINT_URL_SSO_OIDC": exports["AWS_ENDPOINT_URL_SSO_OIDC"],
        "AWS_ENDPOINT_URL_STS": exports["AWS_ENDPOINT_URL_STS"],
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": str(home / "aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws-credentials"), "LANG": "C.UTF-8", **extra,
    }


def sso_login(sandbox, monkeypatch, user: str | None = None) -> str:
    """The device login botocore's SSO token fetcher does, approved with the admin CLI;
    returns the portal's access token."""
    oidc = aws_client("sso-oidc", sandbox, monkeypatch)
    registration = oidc.register_client(clientName="e2e", clientType="public", scopes=["sso:account:access"])
    start = oidc.start_device_authorization(
        clientId=registration["clientId"], clientSecret=registration["clientSecret"],
        startUrl=sandbox.exports["CONE_SANDBOX_SSO_START_URL"])
    sandbox.admin("approve-device", start["verificationUriComplete"], *(["--as", user] if user else []))
    token = oidc.create_token(
        clientId=registration["clientId"], clientSecret=registration["clientSecret"],
        grantType="urn:ietf:params:oauth:grant-type:device_code", deviceCode=start["deviceCode"])
    return token["accessToken"]


def aws_client(service: str, sandbox, monkeypatch, **credentials):
    """A real boto3 client whose endpoint comes from the AWS_ENDPOINT_URL_* exports."""
    import boto3
    for name in ("AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL_STS"):
        monkeypatch.setenv(name, sandbox.exports[name])
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    session = boto3.Session(region_name=sandbox.exports["CONE_SANDBOX_SSO_REGION"], **credentials)
    return session.client(service)
