"""Issue 11: nothing is requested by accident, nothing foreign is trusted. The real
cone-shell and AWS CLI against cone-sandbox, with hostile names, planted state files,
a signed-out SSO session and a Tab press."""
import json
import os
import re
import resource
import signal
import stat
import subprocess
import time

import pytest
import yaml

from access_support import (GRANT, ROLE_CREDENTIALS, Person, counts, default_scenario, requests, reset_log,
                            write_scenario)
from aws_cli import V2_DIR, needs_v2
from cone import Sandbox

PROFILE = "production-readonlyaccess"
APPROVAL = "production-administratoraccess"
#: Bytes no output may carry: C0 controls but newline and tab, DEL, and C1 controls
#: as UTF-8 (U+0080–U+009F).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


@pytest.fixture
def alice(home, sandbox):
    return Person(home, sandbox).ready()


def cached(alice: Person) -> dict:
    result = alice.cone("creds", PROFILE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# -- Tab never requests access (item 2) ---------------------------------------------

@pytest.mark.parametrize("marker", [{"COMP_LINE": "aws iam get-role --profile p --role-name ", "COMP_POINT": "40"},
                                    {"CONE_SHELL_COMPLETING": "1"}])
def test_completion_never_requests_access(alice, sandbox, marker):
    reset_log(sandbox)
    result = alice.cone("creds", PROFILE, env=marker, timeout=20)
    assert result.returncode == 3, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "completion never requests access" in result.stderr
    assert GRANT not in counts(sandbox) and "POST /device_authorization" not in counts(sandbox)
    assert not alice.opened_urls()


def test_completion_serves_cached_credentials_and_an_active_grants(alice, sandbox):
    document = cached(alice)
    marker = {"CONE_SHELL_COMPLETING": "1"}
    assert json.loads(alice.cone("creds", PROFILE, env=marker).stdout)["AccessKeyId"] == document["AccessKeyId"]
    # The grant stays active while the cache is gone: completion fetches its credentials
    # without a request.
    for path in (alice.state_dir / "credentials").iterdir():
        path.unlink()
    reset_log(sandbox)
    again = alice.cone("creds", PROFILE, env=marker)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["AccessKeyId"].startswith("ASIA")
    assert GRANT not in counts(sandbox) and counts(sandbox)[ROLE_CREDENTIALS] == 1


# -- server text never reaches a terminal raw (item 3) --------------------------------

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZWNobyBwd25lZA==\x07\u009b31m%F{red}"


def hostile_scenario(tmp_path):
    scenario = default_scenario()
    for account in scenario["accounts"]:
        account["name"] += HOSTILE
    for permission_set in scenario["permissionSets"]:
        permission_set["name"] += HOSTILE
    for entitlement in scenario["entitlements"]:
        if "account" in entitlement:
            entitlement["account"] += HOSTILE
            entitlement["permissionSet"] += HOSTILE
        form = entitlement.get("form")
        if form:
            form["displayName"] += HOSTILE
            form["description"] += HOSTILE
            for field in form["fields"]:
                field["displayName"] += HOSTILE
                if "description" in field:
                    field["description"] += HOSTILE
    for user in scenario["users"]:
        user["displayName"] += HOSTILE
    return write_scenario(tmp_path / "hostile.yaml", scenario)


def test_no_control_byte_from_a_server_reaches_any_output(home, tmp_path):
    with Sandbox.start(tmp_path / "hostile", "--scenario", str(hostile_scenario(tmp_path))) as sandbox:
        alice = Person(home, sandbox)
        outputs = [alice.setup(), alice.cone("profiles")]
        alice.sso_login_as_aws_cli_v2()
        names = alice.cone("profiles", "--names").stdout.split()
        assert names and all(not CONTROL.search(name) for name in names)
        auto, approval = sorted(n for n in names if "readonly" in n)[0], sorted(n for n in names if "admin" in n)[0]
        outputs += [alice.cone("creds", auto), alice.cone("request", approval, "--justification", "x"),
                    alice.cone("status"), alice.cone("status", "--json"), alice.cone("check", approval),
                    alice.cone("whoami"), alice.cone("task", "1002"), alice.cone("doctor")]
        for result in outputs:
            assert not CONTROL.search(result.stdout + result.stderr), (result.args, result.stdout, result.stderr)
        assert "pwned" in "".join(r.stdout + r.stderr for r in outputs)  # the text is shown, made safe
        for path in alice.state_dir.rglob("*"):
            if path.is_file() and path.name != "prompt-refresh":
                assert not CONTROL.search(path.read_bytes().decode("utf-8", "replace").replace("\t", "").replace("\n", "")), path


# -- state that is not the user's is not trusted (item 4) ------------------------------

def test_a_credential_file_planted_by_another_user_is_refused(alice):
    document = cached(alice)
    credential = alice.credential_file(PROFILE)
    os.chown(credential, 65534, 65534)
    result = alice.cone("creds", PROFILE)
    assert result.returncode == 1
    assert "belongs to another user (uid 65534)" in result.stderr and str(credential) in result.stderr
    assert document["SecretAccessKey"] not in result.stdout
    aws = alice.aws("sts", "get-caller-identity", "--profile", PROFILE)
    assert aws.returncode != 0 and "belongs to another user" in aws.stderr
    doctor = alice.cone("doctor")
    assert f"cone-shell refuses to use credentials/{credential.name}" in doctor.stdout, doctor.stdout


def test_a_cache_others_can_write_is_refused_and_a_directory_cone_shell_made_is_tightened(alice):
    cached(alice)
    credentials = alice.state_dir / "credentials"
    credentials.chmod(0o777)
    assert alice.cone("creds", PROFILE).returncode == 0
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o700  # cone-shell made it: closed again
    alice.credential_file(PROFILE).chmod(0o666)
    result = alice.cone("creds", PROFILE)
    assert result.returncode == 1 and "writable by group or others (mode 0666)" in result.stderr
    assert "chmod go-w" in result.stderr


def test_a_state_directory_cone_shell_did_not_make_is_neither_changed_nor_used(alice, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    result = alice.cone("creds", PROFILE, env={"CONE_SHELL_STATE_DIR": str(shared)})
    assert result.returncode == 1 and "writable by group or others" in result.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert list(shared.iterdir()) == []


def test_a_planted_lock_link_is_not_followed(alice, tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("keep")
    locks = alice.state_dir / "locks"
    locks.mkdir(mode=0o700, exist_ok=True)
    (locks / f"{PROFILE}.lock").symlink_to(victim)
    alice.cone("creds", PROFILE)
    assert victim.read_text() == "keep"


def test_a_cached_credential_is_only_for_the_account_and_role_configured_now(alice, sandbox):
    cached(alice)
    config = alice.aws_config.read_text()
    alice.aws_config.write_text(config.replace("cone_sso_role_name = ReadOnlyAccess",
                                               "cone_sso_role_name = AdministratorAccess", 1))
    reset_log(sandbox)
    result = alice.cone("creds", PROFILE)
    # The cache was for ReadOnlyAccess: cone-shell asks again instead of serving it.
    assert counts(sandbox).get(ROLE_CREDENTIALS, 0) + counts(sandbox).get(GRANT, 0) >= 1, result.stderr


def test_the_sso_token_cache_is_written_through_a_link(alice, tmp_path):
    token = alice.sso_token_file
    elsewhere = tmp_path / "dotfiles-token.json"
    elsewhere.write_bytes(token.read_bytes())
    elsewhere.chmod(0o600)
    token.unlink()
    token.symlink_to(elsewhere)
    data = json.loads(elsewhere.read_text())
    data["expiresAt"] = "2000-01-01T00:00:00Z"  # expired: the next call refreshes it
    elsewhere.write_text(json.dumps(data))
    assert alice.cone("creds", PROFILE).returncode == 0
    assert token.is_symlink()
    assert json.loads(elsewhere.read_text())["expiresAt"] != "2000-01-01T00:00:00Z"


# -- a C1 profile chosen at setup is used later (item 6) -------------------------------

def test_the_c1_profile_chosen_at_setup_is_the_one_used_later(home, sandbox):
    exports = sandbox.exports
    alice = Person(home, sandbox)
    for name in ("CONE_CLIENT_ID", "CONE_CLIENT_SECRET"):
        alice.env.pop(name, None)
    alice.c1_config.parent.mkdir(mode=0o700)
    alice.c1_config.write_text(yaml.safe_dump({"profiles": {
        "default": {"client-id": "nobody@elsewhere.invalid/pcc", "client-secret": "secret-token:conductorone.com:v1:e30"},
        "work": {"client-id": exports["CONE_CLIENT_ID"], "client-secret": exports["CONE_CLIENT_SECRET"],
                 "api-endpoint": exports["CONE_API_ENDPOINT"]}}}))
    alice.c1_config.chmod(0o600)
    alice.setup("--c1-profile", "work")
    assert "cone_shell_c1_profile = work" in alice.aws_config.read_text()
    alice.sso_login_as_aws_cli_v2()
    assert alice.caller_arn(PROFILE)  # credential_process asked the work tenant
    assert alice.cone("check", PROFILE, "--refresh").returncode == 0
    assert alice.cone("status", "--quiet").returncode == 0


# -- sign-out means sign-out (item 7) --------------------------------------------------

def test_signing_out_of_aws_sso_ends_the_cached_credentials(alice):
    cached(alice)
    alice.sso_token_file.unlink()  # what `aws sso logout` does to the token cache
    result = alice.cone("creds", PROFILE)
    assert result.returncode == 7, result.stderr
    assert "AccessKeyId" not in result.stdout


# -- usage errors exit 64 (item 10) ----------------------------------------------------

def test_usage_errors_inside_a_command_exit_64(alice):
    result = alice.cone("setup", "--sso-url", "http://x")
    assert result.returncode == 64, result.stderr
    assert "must start with https://" in result.stderr


# -- issue 12: a full disk, names that do not fit, unbounded reads -------------------

def without_file_writes():
    """A child that may not grow any file (RLIMIT_FSIZE 0: every write fails with EFBIG),
    as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_a_full_disk_still_hands_out_the_credentials(alice):
    import subprocess
    result = subprocess.run(["cone-shell", "creds", PROFILE], env=alice.env, capture_output=True, text=True,
                            timeout=120, preexec_fn=without_file_writes, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["AccessKeyId"].startswith("ASIA")
    assert "could not be cached" in result.stderr


def test_a_fifo_or_a_huge_cache_file_never_blocks_the_hot_path(alice):
    cached(alice)
    credential = alice.credential_file(PROFILE)
    credential.unlink()
    os.mkfifo(credential, 0o600)
    started = time.monotonic()
    result = alice.cone("creds", PROFILE, timeout=60)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    credential = alice.credential_file(PROFILE)
    with open(credential, "r+b") as file:
        file.truncate(64 << 20)
    started = time.monotonic()
    assert alice.cone("creds", PROFILE, timeout=60).returncode == 0
    assert time.monotonic() - started < 30


def test_an_aws_config_that_is_not_a_file_is_an_error_that_says_so(alice):
    result = alice.cone("profiles", "--names", env={"AWS_CONFIG_FILE": "/dev/zero"}, timeout=30)
    result = alice.cone("creds", PROFILE, env={"AWS_CONFIG_FILE": "/dev/zero"}, timeout=30)
    assert result.returncode == 1 and "/dev/zero: it is not a regular file" in result.stderr


def test_names_that_do_not_fit(home, tmp_path):
    scenario = default_scenario()
    scenario["accounts"] += [{"id": "333333333333", "name": "PRODUCTION", "email": "a@example.com"},
                             {"id": "444444444444", "name": "PRODUCTİON", "email": "b@example.com"},
                             {"id": "555555555555", "name": "-", "email": "c@example.com"},
                             {"id": "666666666666", "name": "L" * 300, "email": "d@example.com"}]
    scenario["entitlements"] += [{"account": name, "permissionSet": "ReadOnlyAccess", "policy": "auto", "maxGrant": "1h"}
                                 for name in ("PRODUCTION", "PRODUCTİON", "-", "L" * 300)]
    names = {}
    for order in ("forward", "reversed"):
        if order == "reversed":
            scenario["entitlements"].reverse()
        path = write_scenario(tmp_path / f"{order}.yaml", scenario)
        with Sandbox.start(tmp_path / order, "--scenario", str(path)) as sandbox:
            person = Person(tmp_path / f"home-{order}", sandbox)
            (tmp_path / f"home-{order}").mkdir()
            setup = person.setup()
            names[order] = sorted(person.cone("profiles", "--names").stdout.split())
            assert "was taken" in setup.stdout  # the collisions are reported
            assert not any(name.startswith("-") for name in names[order])
            assert max(len(name.encode()) for name in names[order]) <= 100
            long_name = next(n for n in names[order] if n.startswith("llll"))
            person.sso_login_as_aws_cli_v2()
            assert person.cone("creds", long_name).returncode == 0
            assert person.cone("creds", long_name).returncode == 0  # served from the cache file
    assert names["forward"] == names["reversed"]  # named from the ids, not the catalog's order


# -- AWS CLI v2's server-side completion (item 2, as a person sees it) ----------------

@needs_v2
def test_tab_in_aws_cli_v2_never_requests_access(alice, sandbox):
    line = f"aws iam get-role --profile {APPROVAL} --role-name "
    reset_log(sandbox)
    completed = subprocess.run([str(V2_DIR / "aws_completer")], capture_output=True, text=True, timeout=60,
                               env={**alice.env, "COMP_LINE": line, "COMP_POINT": str(len(line))},
                               stdin=subprocess.DEVNULL)
    # v2 resolved the profile's credentials to list roles: credential_process ran, saw the
    # completion and refused (the completer then offers nothing; the wrappers hide its stderr).
    assert "completion never requests access" in completed.stderr, completed.stderr
    seen = counts(sandbox)
    assert GRANT not in seen and "POST /device_authorization" not in seen, seen
    assert not any(r["route"].startswith("/api/v1/task") for r in requests(sandbox))
