"""Issue 15: the rest of a grant's life against cone-sandbox: `drop` gives it back,
`extend` asks for more time (the same policy paths as a request), `logout` signs out
and forgets what was cached."""
import json
import re

import pytest

from access_support import GRANT, Person, counts, parse_time, requests, reset_log

AUTO = "production-readonlyaccess"        # auto-approved, at most 8 h
APPROVAL = "production-administratoraccess"  # approved by bob, at most 2 h
REVOKE = "POST /api/v1/task/revoke"


@pytest.fixture
def alice(home, sandbox):
    return Person(home, sandbox).ready()


def grant_end(alice, profile) -> float | None:
    """When ConductorOne says the grant ends (asked, not read from local files)."""
    result, document = alice.cone_json("check", profile, "--refresh")
    return parse_time(document["expires_at"]) if document["state"] == "active" else None


def grants_line(alice, profile) -> str | None:
    lines = (alice.state_dir / "grants").read_text().splitlines() if (alice.state_dir / "grants").exists() else []
    return next((line for line in lines if line.startswith(profile + "\t")), None)


# -- drop -------------------------------------------------------------------------------

def test_drop_gives_the_grant_back_and_forgets_it_at_once(alice, sandbox):
    assert alice.cone("creds", AUTO).returncode == 0
    assert grants_line(alice, AUTO) is not None
    reset_log(sandbox)
    result = alice.cone("drop", AUTO)
    assert result.returncode == 0, result.stderr
    assert re.search(rf'Dropped your access to "{AUTO}" \(task \d+\)\.', result.stderr)
    assert "stay valid until they expire, in " in result.stderr and "AWS cannot recall them" in result.stderr
    assert len(requests(sandbox, REVOKE)) == 1
    assert grants_line(alice, AUTO) is None  # the prompt changes at once
    assert not any((alice.state_dir / "credentials").iterdir())
    assert grant_end(alice, AUTO) is None
    check = alice.cone("check", AUTO, "--refresh")
    assert check.returncode == 3


def test_drop_without_a_grant_says_so_and_exits_3(alice, sandbox):
    reset_log(sandbox)
    result = alice.cone("drop", AUTO)
    assert result.returncode == 3
    assert f'You have no access to "{AUTO}" to drop.' in result.stderr
    assert requests(sandbox, REVOKE) == []


def test_drop_json(alice):
    alice.cone("creds", AUTO)
    result, document = alice.cone_json("drop", AUTO)
    assert result.returncode == 0 and document["dropped"] is True and document["profile"] == AUTO
    assert document["credentials_valid_until"] is not None


# -- extend -----------------------------------------------------------------------------

def test_extend_an_auto_approved_grant_moves_its_end(alice, sandbox):
    assert alice.cone("creds", AUTO).returncode == 0
    before = grant_end(alice, AUTO)
    sandbox.admin("clock", "advance", "2h")
    reset_log(sandbox)
    result = alice.cone("extend", AUTO)
    assert result.returncode == 0, result.stderr
    assert re.search(r"Extension requested \(task: \d+\)", result.stderr)
    assert "Access granted!" in result.stderr and f'Access to "{AUTO}" extended (' in result.stderr
    [submitted] = requests(sandbox, GRANT)
    after = grant_end(alice, AUTO)
    assert abs(after - before - 7200) <= 5, (before, after)  # decision (2 h on) + 8 h
    # The next credentials carry the new end.
    creds = json.loads(alice.cone("creds", AUTO).stdout)
    assert creds["AccessKeyId"]


def test_extend_waits_for_an_approver_like_a_request(alice, sandbox):
    request = alice.cone("request", APPROVAL)
    task = re.search(r"task: (\d+)", request.stderr).group(1)
    sandbox.admin("approve", task)
    assert grant_end(alice, APPROVAL) is not None
    sandbox.admin("clock", "advance", "90m")
    before = grant_end(alice, APPROVAL)
    pending = alice.cone("extend", APPROVAL, "--duration", "1h", "--justification", "the migration runs late")
    assert pending.returncode == 4, pending.stderr
    extension = re.search(r"Extension requested \(task: (\d+)\)", pending.stderr).group(1)
    assert f"Waiting for approval (task: {extension})" in pending.stderr
    assert grant_end(alice, APPROVAL) == before  # nothing changes before the decision
    sandbox.admin("approve", extension)
    after = grant_end(alice, APPROVAL)
    assert after > before


def test_extend_without_a_grant_points_at_request(alice, sandbox):
    reset_log(sandbox)
    result = alice.cone("extend", AUTO)
    assert result.returncode == 3
    assert f'You have no access to "{AUTO}" to extend: request it with `cone-shell request {AUTO}`.' in result.stderr
    assert counts(sandbox).get(GRANT, 0) == 0


def test_extend_json_is_a_requests_document(alice):
    alice.cone("creds", AUTO)
    result, document = alice.cone_json("extend", AUTO, command="request")
    assert result.returncode == 0 and document["state"] == "active"


def test_the_sandbox_refuses_an_extension_without_a_grant(alice, sandbox):
    from sandbox_support import C1
    c1 = C1.sign_in(sandbox.exports)
    entitlement = c1.entitlement("Production", "ReadOnlyAccess")
    reply = c1.request(entitlement, source={"isExtension": True})
    assert reply.status == 400 and "no active grant" in reply.json["message"], reply


# -- logout -----------------------------------------------------------------------------

def test_logout_signs_out_of_both_and_removes_cached_access(alice, sandbox):
    assert alice.cone("creds", AUTO).returncode == 0
    config = alice.c1_config.read_bytes()
    assert any(p.name.startswith("c1-token-") for p in alice.state_dir.iterdir())
    reset_log(sandbox)
    result = alice.cone("logout")
    assert result.returncode == 0, result.stderr
    assert f"Signed out of AWS IAM Identity Center at {sandbox.exports['CONE_SANDBOX_SSO_START_URL']}." in result.stderr
    assert "Forgot 1 cached ConductorOne access token." in result.stderr
    assert "Removed the cached role credentials of 1 profile." in result.stderr
    assert "Your client credential stays in ~/.conductorone/config.yaml" in result.stderr
    assert len(requests(sandbox, "POST /logout")) == 1
    assert not alice.sso_token_file.exists()
    assert not any(p.name.startswith("c1-token-") for p in alice.state_dir.iterdir())
    assert not (alice.state_dir / "grants").exists() and not any((alice.state_dir / "credentials").iterdir())
    assert alice.c1_config.read_bytes() == config
    # Signed out: the next credentials need a sign-in, which needs a terminal.
    creds = alice.cone("creds", AUTO)
    assert creds.returncode == 7, creds.stderr


def test_logout_aws_only_keeps_the_c1_token_and_says_when_not_signed_in(alice):
    alice.cone("creds", AUTO)
    first = alice.cone("logout", "--aws")
    assert first.returncode == 0 and "Signed out of AWS IAM Identity Center" in first.stderr
    assert "ConductorOne" not in first.stderr
    assert any(p.name.startswith("c1-token-") for p in alice.state_dir.iterdir())
    again = alice.cone("logout", "--aws")
    assert again.returncode == 0 and again.stderr == "Not signed in to AWS IAM Identity Center.\n"
    result, document = alice.cone_json("logout", "--aws")
    assert document["aws_signed_out"] == [] and document["c1_tokens_removed"] == 0 and result.stderr == ""
