"""Helpers for the login and access end-to-end tests: a person with an empty HOME whose
browser approves device sign-ins through `cone-sandbox approve-device`, running the real
cone-shell, the real AWS CLI v1 and botocore against a real cone-sandbox; the JSON Schema
of the machine-readable output; the files cone-shell keeps."""
from __future__ import annotations

import datetime
import functools
import hashlib
import ipaddress
import json
import re
import stat
import subprocess
import threading
import time
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from aws_cli import V1_DIR
from cone import ROOT, Sandbox, bin_dir, run, user_env
from sandbox_support import C1

SCHEMA = ROOT / "schemas" / "cone-shell.schema.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "access"
#: The AWS CLI's prefix when a credential_process fails.
CUSTOM_PROCESS_ERROR = "Error when retrieving credentials from custom-process:"


def arn_pattern(account: str, permission_set: str) -> str:
    """The assumed-role ARN of alice's session in a permission set's role, which IAM
    Identity Center names `AWSReservedSSO_<permission set>_<16 hex digits>`."""
    return rf"arn:aws:sts::{account}:assumed-role/AWSReservedSSO_{re.escape(permission_set)}_[0-9a-f]{{16}}/alice@example\.com"


def assert_arn(arn: str, account: str, permission_set: str) -> None:
    assert re.fullmatch(arn_pattern(account, permission_set), arn), arn


# Sandbox routes, as the request log names them.
GRANT = "POST /api/v1/task/grant"
C1_TOKEN = "POST /auth/v1/token"
SSO_TOKEN = "POST /token"
SSO_DEVICE = "POST /device_authorization"
ROLE_CREDENTIALS = "GET /federation/credentials"
STS = "POST /"

BROWSER = """#!/bin/sh
# TEST-ONLY browser: records the URL, then approves the sign-in as a person would.
printf '%s\\n' "$1" >>"$CONE_TEST_BROWSER_LOG"
exec cone-sandbox approve-device "$1" >>"$CONE_TEST_BROWSER_LOG" 2>&1
"""


# -- the machine-readable contract ----------------------------------------------------

@functools.lru_cache(maxsize=1)
def schema() -> dict:
    document = json.loads(SCHEMA.read_text())
    Draft202012Validator.check_schema(document)
    return document


@functools.lru_cache(maxsize=None)
def validator(command: str) -> Draft202012Validator:
    root = schema()
    assert command in root["$defs"], command
    return Draft202012Validator({"$schema": root["$schema"], "$defs": root["$defs"], "$ref": f"#/$defs/{command}"},
                                format_checker=FormatChecker())


def assert_valid(command: str, document) -> None:
    errors = sorted(validator(command).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, f"`{command}` output breaks the schema:\n" + "\n".join(
        f"  at {'/'.join(map(str, e.path)) or '(root)'}: {e.message[:300]}" for e in errors) + f"\n{document}"


def parse_time(text: str) -> float:
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp()


def parse_c1_time(text: str) -> float:
    """A protojson timestamp (`2025-01-31T12:00:00.123456Z`)."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


# -- the person at the keyboard --------------------------------------------------------

class Person:
    """Alice with her own HOME: `cone-sandbox env` exported, the binaries and the AWS CLI
    on PATH, and a BROWSER that approves sign-ins."""

    def __init__(self, home: Path, sandbox: Sandbox, **extra: str):
        self.home = home
        self.sandbox = sandbox
        browser = home.parent / "browser.sh"
        browser.write_text(BROWSER)
        browser.chmod(0o755)
        self.browser_log = home.parent / "browser.log"
        self.env = user_env(home, sandbox, BROWSER=str(browser), CONE_TEST_BROWSER_LOG=str(self.browser_log),
                            PATH=f"{bin_dir()}:{V1_DIR}:/usr/bin:/bin", **extra)

    # Paths

    @property
    def state_dir(self) -> Path:
        return self.home / ".local" / "state" / "cone-shell"

    @property
    def aws_config(self) -> Path:
        return self.home / ".aws" / "config"

    @property
    def c1_config(self) -> Path:
        return self.home / ".conductorone" / "config.yaml"

    @property
    def sso_token_file(self) -> Path:
        return self.home / ".aws" / "sso" / "cache" / (hashlib.sha1(b"cone-sso").hexdigest() + ".json")

    def credential_file(self, profile: str) -> Path:
        """The credential cache's file for a profile (whatever its format)."""
        [path] = [p for p in (self.state_dir / "credentials").iterdir() if p.name.split(".")[0] == profile]
        return path

    # Commands

    def cone(self, *args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        return run(["cone-shell", *args], {**self.env, **(env or {})}, timeout=timeout)

    def cone_json(self, *args: str, command: str | None = None, **kwargs):
        """Runs a `--json` command; returns (result, document) with the document checked
        against the schema of `command` (default: the first argument)."""
        result = self.cone(*args, "--json", **kwargs)
        assert result.stdout.strip(), f"no JSON on stdout (exit {result.returncode}): {result.stderr}"
        document = json.loads(result.stdout)
        assert_valid(command or args[0], document)
        return result, document

    def aws(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        return run(["aws", *args], {**self.env, **(env or {})})

    def caller_arn(self, profile: str) -> str:
        result = self.aws("sts", "get-caller-identity", "--profile", profile)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)["Arn"]

    # Steps most tests take

    def setup(self, *extra: str) -> subprocess.CompletedProcess:
        result = self.cone("setup", "--sso-url", self.sandbox.exports["CONE_SANDBOX_SSO_START_URL"], *extra)
        assert result.returncode == 0, result.stderr
        return result

    def login_aws(self) -> subprocess.CompletedProcess:
        result = self.cone("login", "--aws")
        assert result.returncode == 0, result.stderr
        assert "Signed in to AWS IAM Identity Center" in result.stderr
        return result

    def ready(self) -> "Person":
        """Profiles set up and signed in to AWS SSO, as after the README's first steps
        (signed in the AWS CLI v2's way: `login --aws` has tests of its own)."""
        self.setup()
        self.sso_login_as_aws_cli_v2()
        return self

    def sso_login_as_aws_cli_v2(self) -> None:
        """What `aws sso login --sso-session cone-sso` (CLI v2) does, the sign-in approved
        at once: botocore's device flow, the token cached under sha1("cone-sso")."""
        import boto3
        exports = self.sandbox.exports
        region = exports["CONE_SANDBOX_SSO_REGION"]
        oidc = boto3.session.Session(region_name=region, aws_access_key_id="unused", aws_secret_access_key="unused") \
            .client("sso-oidc", endpoint_url=exports["AWS_ENDPOINT_URL_SSO_OIDC"])
        registration = oidc.register_client(clientName="botocore-client-cone-sso", clientType="public",
                                            scopes=["sso:account:access"])
        start = oidc.start_device_authorization(clientId=registration["clientId"],
                                                clientSecret=registration["clientSecret"],
                                                startUrl=exports["CONE_SANDBOX_SSO_START_URL"])
        self.sandbox.admin("approve-device", start["userCode"])
        token = oidc.create_token(clientId=registration["clientId"], clientSecret=registration["clientSecret"],
                                  grantType="urn:ietf:params:oauth:grant-type:device_code",
                                  deviceCode=start["deviceCode"])

        def stamp(epoch: float) -> str:
            return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

        self.sso_token_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.sso_token_file.write_text(json.dumps({
            "startUrl": exports["CONE_SANDBOX_SSO_START_URL"], "region": region,
            "accessToken": token["accessToken"], "expiresAt": stamp(time.time() + token["expiresIn"]),
            "clientId": registration["clientId"], "clientSecret": registration["clientSecret"],
            "registrationExpiresAt": stamp(registration["clientSecretExpiresAt"]),
            "refreshToken": token["refreshToken"]}))
        self.sso_token_file.chmod(0o600)

    def sso_token(self) -> dict:
        return json.loads(self.sso_token_file.read_text())

    def opened_urls(self) -> list[str]:
        if not self.browser_log.exists():
            return []
        return [line for line in self.browser_log.read_text().splitlines() if line.startswith("http")]


def without_client_credential(env: dict) -> dict:
    """The environment without `cone-sandbox env`'s client credential: signed out of C1
    unless config.yaml holds one."""
    return {name: value for name, value in env.items() if name not in ("CONE_CLIENT_ID", "CONE_CLIENT_SECRET")}


def counts(sandbox: Sandbox) -> dict[str, int]:
    """Requests per route since the last reset, admin requests left out."""
    return sandbox.log()["counts"]


def reset_log(sandbox: Sandbox) -> None:
    sandbox.admin("log", "--reset")


def requests(sandbox: Sandbox, route: str | None = None) -> list[dict]:
    entries = sandbox.log()["requests"]
    if route is None:
        return [e for e in entries if e["service"] != "admin"]
    method, path = route.split(" ", 1)
    return [e for e in entries if e["method"] == method and e["route"] == path]


def statuses(sandbox: Sandbox, route: str) -> list[int]:
    """The statuses the sandbox answered `route` with, in order (0: dropped)."""
    return [entry["status"] for entry in requests(sandbox, route)]


def on_first(sandbox: Sandbox, route: str, status: int, action, timeout: float = 60) -> threading.Thread:
    """Starts a thread that waits until the sandbox has answered `route` with `status`
    once, then runs `action` (e.g. advances the clock)."""
    def watch():
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(e["status"] == status for e in requests(sandbox, route)):
                action()
                return
            time.sleep(0.1)
    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


# -- scenarios and files --------------------------------------------------------------

def default_scenario() -> dict:
    return yaml.safe_load((ROOT / "Sources/ConeSandbox/Scenario/default.yaml").read_text())


def write_scenario(path: Path, scenario: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(scenario, sort_keys=False, allow_unicode=True))
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def c1_grant(sandbox: Sandbox, account: str, permission_set: str) -> dict:
    """Alice's active binding for an entitlement, read from the C1 API."""
    c1 = C1.sign_in(sandbox.exports)
    entitlement = c1.entitlement(account, permission_set)
    bindings = c1.get(f"/api/v1/apps/{entitlement['appId']}/entitlements/{entitlement['id']}"
                      f"/users/{c1.me()}/grants").get("bindings", [])
    assert len(bindings) == 1, bindings
    return bindings[0]


def make_ca_and_server_certificate(directory: Path) -> tuple[Path, Path, Path]:
    """A test CA and a certificate it signs for 127.0.0.1: (ca.pem, chain.pem, key.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    now = datetime.datetime.now(datetime.timezone.utc)
    validity = (now - datetime.timedelta(minutes=5), now + datetime.timedelta(days=1))

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cone-shell e2e test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(validity[0]).not_valid_after(validity[1])
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))

    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(validity[0]).not_valid_after(validity[1])
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(ca_key, hashes.SHA256()))

    pem = serialization.Encoding.PEM
    ca_path, chain_path, key_path = directory / "ca.pem", directory / "chain.pem", directory / "key.pem"
    ca_path.write_bytes(ca.public_bytes(pem))
    chain_path.write_bytes(leaf.public_bytes(pem) + ca.public_bytes(pem))
    key_path.write_bytes(key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return ca_path, chain_path, key_path
