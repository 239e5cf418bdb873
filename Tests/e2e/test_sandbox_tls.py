"""Issue 14, item 3: `cone-sandbox serve --tls` serves HTTPS with a throwaway CA kept in its
state, and exports what clients need to trust it (SSL_CERT_FILE, AWS_CA_BUNDLE,
CONE_SANDBOX_CA_CERT) and CONE_API_ENDPOINT as host:port, the form ConductorOne's cone takes.
cone-shell, cone-sandbox's admin commands and both AWS CLIs then work over HTTPS;
`--tls-cert` does the same with a certificate from elsewhere."""
import json
import stat
import subprocess

from access_support import Person, assert_arn, make_ca_and_server_certificate
from cone import Sandbox, cone_sandbox
from aws_cli import AWS_V2

READONLY = "production-readonlyaccess"


def test_serve_tls_makes_a_ca_every_client_trusts(tmp_path, home):
    workdir = tmp_path / "sandbox"
    with Sandbox.start(workdir, "--tls") as sandbox:
        exports = sandbox.exports
        port = sandbox.url.rsplit(":", 1)[1]
        assert sandbox.url == f"https://127.0.0.1:{port}"
        assert exports["CONE_API_ENDPOINT"] == f"127.0.0.1:{port}"
        tls = workdir / ".cone-sandbox" / "tls"
        assert exports["SSL_CERT_FILE"] == exports["AWS_CA_BUNDLE"] == exports["CONE_SANDBOX_CA_CERT"] == str(tls / "ca.pem")
        assert stat.S_IMODE(tls.stat().st_mode) == 0o700
        for key in ("ca-key.pem", "server-key.pem"):
            assert stat.S_IMODE((tls / key).stat().st_mode) == 0o600
        ca = (tls / "ca.pem").read_text()

        alice = Person(home, sandbox)
        whoami = alice.cone("whoami")
        assert whoami.returncode == 0, whoami.stderr
        assert whoami.stdout.startswith("alice@example.com")
        assert f"tenant     https://127.0.0.1:{port}" in whoami.stdout
        assert sandbox.admin("log").returncode == 0  # the admin commands trust it too

        alice.setup()
        login = alice.login_aws()  # the authorization code, over HTTPS
        [opened] = alice.opened_urls()
        assert opened.startswith(f"https://127.0.0.1:{port}/authorize?"), login.stderr
        request = alice.cone("request", "production-administratoraccess")
        assert request.returncode == 4, request.stderr
        approved = sandbox.admin("approve", "1001")
        assert "Approved" in approved.stdout, approved.stdout
        assert alice.cone("request", READONLY).returncode == 0
        assert_arn(alice.caller_arn(READONLY), "111111111111", "ReadOnlyAccess")  # AWS CLI v1, STS over HTTPS
        if AWS_V2.exists():
            v2 = {"PATH": f"{AWS_V2.parent}:{alice.env['PATH']}"}
            identity = alice.aws("sts", "get-caller-identity", "--profile", READONLY, env=v2)
            assert identity.returncode == 0, identity.stderr
            assert_arn(json.loads(identity.stdout)["Arn"], "111111111111", "ReadOnlyAccess")

    # The CA outlives the sandbox: trusted once, it stays trusted; the server's
    # certificate is new.
    server = (tls / "server.pem").read_text()
    with Sandbox.start(workdir, "--tls") as again:
        assert (tls / "ca.pem").read_text() == ca
        assert (tls / "server.pem").read_text() != server
        assert again.admin("log").returncode == 0


def test_tls_and_tls_cert_do_not_go_together(tmp_path):
    _, chain, key = make_ca_and_server_certificate(tmp_path)
    result = subprocess.run([cone_sandbox(), "serve", "--tls", "--tls-cert", str(chain), "--tls-key", str(key)],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30)
    assert result.returncode == 64 and "either --tls or --tls-cert" in result.stderr


def test_a_ca_signed_certificate_works_for_admin_commands_and_the_aws_cli(tmp_path, home):
    ca, chain, key = make_ca_and_server_certificate(tmp_path)
    with Sandbox.start(tmp_path / "sandbox", "--tls-cert", str(chain), "--tls-key", str(key)) as sandbox:
        port = sandbox.url.rsplit(":", 1)[1]
        assert sandbox.exports["CONE_API_ENDPOINT"] == f"127.0.0.1:{port}"
        assert "SSL_CERT_FILE" not in sandbox.exports  # its CA is the caller's to trust
        assert sandbox.admin("log").returncode == 0
        alice = Person(home, sandbox, SSL_CERT_FILE=str(ca))
        alice.setup()
        alice.login_aws()
        assert alice.cone("request", READONLY).returncode == 0
        assert sandbox.admin("log").returncode == 0
        assert_arn(alice.caller_arn(READONLY), "111111111111", "ReadOnlyAccess")
