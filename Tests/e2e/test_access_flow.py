"""Issue 5: the access flow with the real AWS CLI v1 (credential_process → `cone-shell
creds`) against cone-sandbox: every outcome of the seed with its message and exit status,
provisioning delays, grant expiry, and many calls at once."""
import json
import subprocess
import threading
import time

import pytest
from botocore.exceptions import ClientError

from access_support import (CUSTOM_PROCESS_ERROR, GRANT, ROLE_CREDENTIALS, STS, Person, assert_arn, assert_valid,
                            c1_grant, counts, on_first, parse_c1_time, parse_time, requests, reset_log)
from sandbox_support import aws_client


@pytest.fixture
def alice(home, sandbox):
    return Person(home, sandbox).ready()


def test_first_aws_call_from_an_empty_home(home, sandbox):
    alice = Person(home, sandbox)
    assert sorted(p.name for p in home.iterdir()) == []
    setup = alice.setup()
    assert "+ production-readonlyaccess  (111111111111 ReadOnlyAccess)" in setup.stdout
    alice.login_aws()

    reset_log(sandbox)
    first = alice.aws("sts", "get-caller-identity", "--profile", "production-readonlyaccess")
    assert first.returncode == 0, first.stderr
    identity = json.loads(first.stdout)
    assert_arn(identity["Arn"], "111111111111", "ReadOnlyAccess")
    assert identity["Account"] == "111111111111"
    seen = counts(sandbox)
    assert seen[GRANT] == 1 and seen[ROLE_CREDENTIALS] == 1 and seen[STS] == 1, seen
    assert all(r["status"] == 200 for r in requests(sandbox, STS))  # the sandbox checked the SigV4 signature

    reset_log(sandbox)
    second = alice.aws("sts", "get-caller-identity", "--profile", "production-readonlyaccess")
    assert json.loads(second.stdout)["Arn"] == identity["Arn"]
    assert counts(sandbox) == {STS: 1}  # cached credentials: no C1, no SSO


def test_auto_approved(alice, sandbox):
    creds = alice.cone("creds", "production-readonlyaccess")
    assert creds.returncode == 0, creds.stderr
    assert creds.stderr.splitlines()[:2] == [
        'No active grant for "production-readonlyaccess" — submitting access request...',
        "Access request submitted (task: 1001)"]
    assert "Access granted!" in creds.stderr
    document = json.loads(creds.stdout)
    assert_valid("credential_process", document)
    assert document["AccessKeyId"].startswith("ASIA") and document["AccountId"] == "111111111111"
    assert parse_time(document["Expiration"]) > time.time() + 50 * 60  # the role session's hour
    assert len(requests(sandbox, GRANT)) == 1


def test_needs_approval_then_approved(alice, sandbox):
    profile = "production-administratoraccess"
    refused = alice.aws("sts", "get-caller-identity", "--profile", profile)
    assert refused.returncode == 255
    assert CUSTOM_PROCESS_ERROR in refused.stderr
    assert (f'Request submitted for "{profile}" but requires approval.\n'
            "Check status: cone-shell task 1001\nOnce approved, retry the command.") in refused.stderr

    duplicate = alice.cone("creds", profile)
    assert duplicate.returncode == 4 and duplicate.stdout == ""
    assert duplicate.stderr == (f'A pending request already exists for "{profile}".\n'
                                "Check status: cone-shell task 1001\nOnce resolved, retry the command.\n")
    assert len(requests(sandbox, GRANT)) == 1  # the open request was found, not duplicated

    sandbox.admin("approve", "1001")
    assert_arn(alice.caller_arn(profile), "111111111111", "AdministratorAccess")
    assert len(requests(sandbox, GRANT)) == 1


def test_denied(alice, sandbox):
    profile = "staging-billingaccess"
    direct = alice.cone("creds", profile)
    assert direct.returncode == 6 and direct.stdout == ""
    assert direct.stderr.splitlines()[-1] == f'Access request for "{profile}" was denied'
    through_aws = alice.aws("sts", "get-caller-identity", "--profile", profile)
    assert through_aws.returncode == 255
    assert CUSTOM_PROCESS_ERROR in through_aws.stderr and f'Access request for "{profile}" was denied' in through_aws.stderr
    assert len(requests(sandbox, GRANT)) == 2  # a denied request is closed: asking again is a new request


def test_form_required(alice, sandbox):
    profile = "production-databaseadministrator"
    direct = alice.cone("creds", profile)
    assert direct.returncode == 5 and direct.stdout == ""
    assert direct.stderr == (f'No active grant for "{profile}". This entitlement requires a request form — '
                             f"request access with:\n  cone-shell request {profile}\n")
    through_aws = alice.aws("sts", "get-caller-identity", "--profile", profile)
    assert through_aws.returncode == 255
    assert CUSTOM_PROCESS_ERROR in through_aws.stderr and f"cone-shell request {profile}" in through_aws.stderr
    assert GRANT not in counts(sandbox)  # nothing was submitted without the form

    # The hint works: the form filled from flags, then approved.
    request = alice.cone("request", profile, "--field", "ticket=OPS-123", "--field", "reason=incident",
                         "--field", "acknowledge=true")
    assert request.returncode == 4, request.stderr
    sandbox.admin("approve", "1001")
    granted = alice.cone("creds", profile)
    assert granted.returncode == 0, granted.stderr
    assert json.loads(granted.stdout)["AccountId"] == "111111111111"
    check = alice.cone("check", profile)
    # A 4 h grant, its time left rounded up as the prompt shows it.
    assert check.returncode == 0 and check.stdout in (f"{profile}: active, 4h00m left\n", f"{profile}: active, 3h59m left\n")


def test_provisioning_delay_is_waited_out(alice, sandbox):
    # staging-poweruseraccess: AWS honours a new grant 5 s (sandbox time) after it.
    watcher = on_first(sandbox, ROLE_CREDENTIALS, 403, lambda: sandbox.admin("clock", "advance", "5s"))
    result = alice.aws("sts", "get-caller-identity", "--profile", "staging-poweruseraccess")
    watcher.join(5)
    assert result.returncode == 0, result.stderr
    assert_arn(json.loads(result.stdout)["Arn"], "222222222222", "PowerUserAccess")
    tries = [r["status"] for r in requests(sandbox, ROLE_CREDENTIALS)]
    assert tries[0] == 403 and tries[-1] == 200, tries


def test_grant_expiry(alice, sandbox, monkeypatch):
    profile = "production-readonlyaccess"
    request = alice.cone("request", profile, "--duration", "20m")
    assert request.returncode == 0, request.stderr
    creds = alice.cone("creds", profile)
    assert creds.returncode == 0, creds.stderr
    expiration = parse_time(json.loads(creds.stdout)["Expiration"])
    deprovision = parse_c1_time(c1_grant(sandbox, "Production", "ReadOnlyAccess")["deprovisionAt"])
    # The grant's end, not the role session's hour.
    assert int(expiration) == int(deprovision), (creds.stdout, deprovision)

    sandbox.admin("clock", "advance", "30m")
    # AWS refuses the role now (botocore itself, with the token cone-shell wrote)...
    sso = aws_client("sso", sandbox, monkeypatch)
    with pytest.raises(ClientError) as refused:
        sso.get_role_credentials(accessToken=alice.sso_token()["accessToken"], accountId="111111111111",
                                 roleName="ReadOnlyAccess")
    assert refused.value.response["Error"]["Code"] == "ForbiddenException"
    # ...and cone-shell, asking C1, says there is no access.
    check = alice.cone("check", profile, "--refresh")
    assert check.returncode == 3, check.stderr
    assert check.stdout.strip() == f"{profile}: no access (request it with `cone-shell request {profile}`)"
    status, document = alice.cone_json("status")
    entry = next(p for p in document["profiles"] if p["profile"] == profile)
    assert entry["state"] == "none" and entry["expires_at"] is None


# -- many at once -------------------------------------------------------------------------------

def run_parallel(alice: Person, profile: str, count: int = 16) -> list[subprocess.CompletedProcess]:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def call(index):
        barrier.wait()
        results[index] = alice.aws("sts", "get-caller-identity", "--profile", profile)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_parallel_calls_make_one_request_auto_approved(alice, sandbox):
    results = run_parallel(alice, "production-readonlyaccess")
    assert [r.returncode for r in results] == [0] * 16, [r.stderr for r in results if r.returncode]
    [arn] = {json.loads(r.stdout)["Arn"] for r in results}
    assert_arn(arn, "111111111111", "ReadOnlyAccess")
    assert len(requests(sandbox, GRANT)) == 1
    assert len(requests(sandbox, ROLE_CREDENTIALS)) == 1  # the others found the cached credentials


def test_parallel_calls_make_one_request_needing_approval(alice, sandbox):
    results = run_parallel(alice, "production-administratoraccess")
    assert [r.returncode for r in results] == [255] * 16
    for result in results:
        assert CUSTOM_PROCESS_ERROR in result.stderr
        assert "cone-shell task 1001" in result.stderr
        assert "requires approval" in result.stderr or "A pending request already exists" in result.stderr
    assert len(requests(sandbox, GRANT)) == 1
