"""Fault injection as a client sees it, and the request log."""
import http.client
import threading
import time
import urllib.error

import pytest

from sandbox_support import C1, aws_client, http as fetch


def introspect(sandbox, token: str):
    return fetch("GET", sandbox.url + "/api/v1/auth/introspect", headers={"Authorization": f"Bearer {token}"})


def test_status_fault_answers_in_the_service_shape_then_expires(sandbox):
    c1 = C1.sign_in(sandbox.exports)
    added = sandbox.admin("faults", "add", "--path", "/api/v1/*", "--status", "503", "--count", "2")
    assert "answer 503, 2 more times" in added.stdout
    for _ in range(2):
        reply = introspect(sandbox, c1.token)
        assert reply.status == 503 and reply.json["code"] == 14 and reply.json["message"]
        assert reply.headers["Content-Type"] == "application/json"
    assert introspect(sandbox, c1.token).status == 200
    assert sandbox.admin("faults", "list").stdout.strip() == "No faults."


def test_botocore_sees_and_retries_a_503(sandbox, monkeypatch):
    sandbox.admin("faults", "add", "--path", "/client/register", "--method", "POST", "--status", "503")
    oidc = aws_client("sso-oidc", sandbox, monkeypatch)
    assert oidc.register_client(clientName="e2e", clientType="public")["clientId"]
    statuses = [r["status"] for r in sandbox.log()["requests"] if r["path"] == "/client/register"]
    assert statuses == [503, 200]


def test_dropped_connection(sandbox):
    sandbox.admin("faults", "add", "--path", "/api/v1/auth/introspect", "--drop")
    with pytest.raises((http.client.HTTPException, ConnectionError, urllib.error.URLError)):
        introspect(sandbox, "whatever")
    assert introspect(sandbox, "whatever").status == 401
    [dropped, answered] = [r for r in sandbox.log()["requests"] if r["path"] == "/api/v1/auth/introspect"]
    assert dropped["status"] == 0 and answered["status"] == 401


def test_truncated_body(sandbox):
    sandbox.admin("faults", "add", "--path", "/api/v1/auth/introspect", "--truncate")
    with pytest.raises(http.client.IncompleteRead):
        introspect(sandbox, "whatever")
    assert introspect(sandbox, "whatever").json["code"] == 16


def test_latency_delays_one_client_only(sandbox):
    sandbox.admin("faults", "add", "--path", "/api/v1/auth/introspect", "--latency", "800ms")
    slow = {}

    def call():
        started = time.monotonic()
        slow["status"] = introspect(sandbox, "whatever").status
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=call)
    thread.start()
    time.sleep(0.1)
    started = time.monotonic()
    assert introspect(sandbox, "whatever").status == 401  # not held up by the slow one
    assert time.monotonic() - started < 0.5
    thread.join()
    assert slow["status"] == 401 and slow["seconds"] >= 0.8


def test_admin_routes_are_never_faulted(sandbox):
    sandbox.admin("faults", "add", "--path", "*", "--status", "500", "--count", "3")
    assert "#1 * *: answer 500, 3 more times" in sandbox.admin("faults", "list").stdout
    assert sandbox.log()["total"] == 0
    sandbox.admin("faults", "clear")
    assert sandbox.admin("faults").stdout.strip() == "No faults."
    bad = sandbox.admin("faults", "add", "--path", "/x", "--drop", "--status", "500", check=False)
    assert bad.returncode == 64 and "exactly one of" in bad.stderr


def test_request_log_counts_routes_not_admin(sandbox):
    c1 = C1.sign_in(sandbox.exports)
    c1.get("/api/v1/auth/introspect")
    c1.request(c1.entitlement("Production", "AdministratorAccess"))
    c1.task(1001)
    c1.task(1001)
    sandbox.admin("approve", "1001")
    log = sandbox.log()
    assert log["counts"]["GET /api/v1/tasks/{id}"] == 2
    assert log["counts"]["POST /auth/v1/token"] == 1
    assert log["counts"]["POST /api/v1/task/grant"] == 1
    assert not any(route.split(" ")[1].startswith("/_sandbox") for route in log["counts"])
    assert log["total"] == sum(log["counts"].values())
    assert log["services"]["admin"] >= 1 and log["services"]["c1"] == log["total"]
    entry = next(r for r in log["requests"] if r["route"] == "/api/v1/tasks/{id}")
    assert entry == {"method": "GET", "path": "/api/v1/tasks/1001", "route": "/api/v1/tasks/{id}",
                     "status": 200, "service": "c1"}
    text = sandbox.admin("log", "--reset").stdout
    assert "GET /api/v1/tasks/{id}" in text and f"{log['total']} requests" in text
    assert sandbox.log()["total"] == 0
    # No secret or token ever reaches the log or stderr.
    stderr = (sandbox.workdir / "serve.stderr").read_text()
    assert c1.token not in stderr and sandbox.exports["CONE_CLIENT_SECRET"] not in stderr
    assert "GET /api/v1/tasks/1001 200" in stderr
