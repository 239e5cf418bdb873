"""The cone-sandbox command line: serve's output, the instance file, env in another
terminal, helpful errors, scenarios, TLS, clean shutdown."""
import datetime
import ipaddress
import json
import os
import signal
import ssl
import stat
import subprocess
import urllib.request
from pathlib import Path

from cone import ROOT, Sandbox, cone_sandbox, parse_exports
from sandbox_support import aws_client

NAMES = ["CONE_API_ENDPOINT", "CONE_CLIENT_ID", "CONE_CLIENT_SECRET", "AWS_ENDPOINT_URL_SSO",
         "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL_STS", "CONE_SHELL_FEDERATION_ENDPOINT", "CONE_SANDBOX_SSO_REGION",
         "CONE_SANDBOX_URL",
         "CONE_SANDBOX_SSO_START_URL"]


def run(*args, home: Path, env: dict | None = None):
    return subprocess.run([cone_sandbox(), *args], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL, env={"PATH": os.environ["PATH"], "HOME": str(home), **(env or {})})


def test_serve_prints_env_and_env_works_from_another_terminal(sandbox):
    url = sandbox.url
    assert url.startswith("http://127.0.0.1:") and int(url.rsplit(":", 1)[1]) > 0
    assert list(sandbox.exports) == NAMES
    assert sandbox.exports["CONE_SANDBOX_SSO_START_URL"] == "https://d-0000000000.awsapps.com/start"
    assert sandbox.exports["CONE_SANDBOX_SSO_REGION"] == "us-east-1"
    assert all(sandbox.exports[n] == url for n in NAMES if n.startswith("AWS_ENDPOINT") or n == "CONE_API_ENDPOINT")
    assert sandbox.exports["CONE_SHELL_FEDERATION_ENDPOINT"] == url + "/federation"

    instance = sandbox.workdir / ".cone-sandbox" / "instance.json"
    assert stat.S_IMODE(instance.stat().st_mode) == 0o600
    assert stat.S_IMODE(instance.parent.stat().st_mode) == 0o700
    # Another terminal: no exports, only the same HOME.
    env = run("env", home=sandbox.workdir)
    assert env.returncode == 0, env.stderr
    lines = env.stdout.splitlines()
    assert all(line.startswith("export ") for line in lines)
    assert parse_exports(env.stdout) == sandbox.exports
    clock = run("clock", home=sandbox.workdir)
    assert "real time" in clock.stdout


def test_commands_without_a_sandbox_say_what_to_do(tmp_path):
    for args in (["approve", "1001"], ["env"], ["log"], ["clock", "advance", "1h"]):
        result = run(*args, home=tmp_path)
        assert result.returncode == 1
        assert "start one with `cone-sandbox serve`" in result.stderr, result.stderr
    bad = run("clock", "advance", "soon", home=tmp_path, env={"CONE_SANDBOX_URL": "http://127.0.0.1:1"})
    assert bad.returncode == 64 and "invalid duration" in bad.stderr


def test_sigterm_stops_cleanly(tmp_path):
    sandbox = Sandbox.start(tmp_path / "s")
    instance = sandbox.workdir / ".cone-sandbox" / "instance.json"
    assert instance.exists()
    sandbox.process.send_signal(signal.SIGTERM)
    assert sandbox.process.wait(timeout=10) == 0
    assert not instance.exists()


def test_default_scenario_file_is_the_built_in_one(tmp_path):
    printed = run("scenario", home=tmp_path)
    assert printed.stdout == (ROOT / "Sources/ConeSandbox/Scenario/default.yaml").read_text()
    checked = run("scenario", "--check", str(ROOT / "Tests/e2e/fixtures/sandbox/hostile.yaml"), home=tmp_path)
    assert checked.returncode == 0 and "2 entitlements + 30 generated" in checked.stdout


def test_a_broken_scenario_is_explained(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("accounts: [{id: '111111111111', name: Prod}]\npermissionSets: [{name: Admin}]\n"
                      "entitlements:\n  - account: Prod\n    permissionSet: Admin\n    policy: approval\n"
                      "    approver: nobody@example.com\n")
    result = run("serve", "--port", "0", "--scenario", str(broken), home=tmp_path)
    assert result.returncode != 0 and "approver nobody@example.com is not a user" in result.stderr
    assert result.stdout == ""


def make_certificate(directory: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cone-sandbox test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_tls(tmp_path, monkeypatch):
    cert, key = make_certificate(tmp_path)
    with Sandbox.start(tmp_path / "tls", "--tls-cert", str(cert), "--tls-key", str(key)) as sandbox:
        assert sandbox.url.startswith("https://127.0.0.1:")
        assert sandbox.exports["CONE_API_ENDPOINT"] == sandbox.url.removeprefix("https://")  # cone's host:port
        assert sandbox.exports["AWS_CA_BUNDLE"] == sandbox.exports["CONE_SANDBOX_CA_CERT"] == str(cert.resolve())
        context = ssl.create_default_context(cafile=str(cert))
        request = urllib.request.Request(sandbox.url + "/auth/v1/device_authorization",
                                         data=b"client_id=x", method="POST")
        with urllib.request.urlopen(request, context=context) as response:
            assert json.loads(response.read())["verification_uri"] == sandbox.url + "/device"
        assert sandbox.log()["total"] == 1  # the admin CLI trusts $CONE_SANDBOX_CA_CERT
        monkeypatch.setenv("AWS_CA_BUNDLE", sandbox.exports["AWS_CA_BUNDLE"])
        assert aws_client("sso-oidc", sandbox, monkeypatch).register_client(clientName="tls", clientType="public")
