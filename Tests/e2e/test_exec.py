"""Issue 16 item 2: `cone-shell exec PROFILE -- COMMAND` runs a program with the role's
credentials in its environment, after the access flow, as that program itself (the
real AWS CLI and boto3 against cone-sandbox)."""
import json
import re
import subprocess

import pytest

from access_support import GRANT, Person, arn_pattern, assert_arn, counts, reset_log
from shell_support import Tmux, require, signed_in_user

PROFILE = "production-readonlyaccess"
APPROVAL = "production-administratoraccess"
SHOW_ENV = ("import json, os; print(json.dumps({k: os.environ.get(k) for k in ["
            "'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', "
            "'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_SECURITY_TOKEN', 'CONE_SHELL_EXEC_PROFILE']}))")
BOTO3_IDENTITY = "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])"


@pytest.fixture
def alice(home, sandbox):
    return Person(home, sandbox).ready()


def test_the_program_gets_the_roles_credentials_and_no_profile(alice, sandbox):
    result = alice.cone("exec", PROFILE, "--", "python3", "-c", SHOW_ENV,
                        env={"AWS_PROFILE": "something-else", "AWS_SECURITY_TOKEN": "an-older-session"})
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    creds = json.loads(alice.cone("creds", PROFILE).stdout)
    assert seen["AWS_ACCESS_KEY_ID"] == creds["AccessKeyId"] and seen["AWS_SECRET_ACCESS_KEY"] == creds["SecretAccessKey"]
    assert seen["AWS_SESSION_TOKEN"] == creds["SessionToken"]
    assert seen["AWS_CREDENTIAL_EXPIRATION"] == creds["Expiration"]
    assert seen["AWS_REGION"] == seen["AWS_DEFAULT_REGION"] == "us-east-1"
    assert seen["AWS_PROFILE"] is None and seen["CONE_SHELL_EXEC_PROFILE"] == PROFILE
    assert seen["AWS_SECURITY_TOKEN"] is None  # botocore would read it before AWS_SESSION_TOKEN


def test_the_aws_cli_and_boto3_run_as_the_role(alice):
    cli = alice.cone("exec", PROFILE, "--", "aws", "sts", "get-caller-identity")
    assert cli.returncode == 0, cli.stderr
    assert_arn(json.loads(cli.stdout)["Arn"], "111111111111", "ReadOnlyAccess")
    sdk = alice.cone("exec", PROFILE, "--", "python3", "-c", BOTO3_IDENTITY)
    assert sdk.returncode == 0, sdk.stderr
    assert_arn(sdk.stdout.strip(), "111111111111", "ReadOnlyAccess")


def test_the_command_replaces_cone_shell_and_its_status_is_the_result(alice):
    alice.cone("creds", PROFILE)
    process = subprocess.Popen(["cone-shell", "exec", PROFILE, "--", "sh", "-c", 'echo "$$"; exit 42'],
                               env=alice.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               stdin=subprocess.DEVNULL)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 42, err
    assert int(out.strip()) == process.pid  # no process left in between


def test_a_missing_command_exits_127(alice):
    result = alice.cone("exec", PROFILE, "--", "no-such-program-anywhere")
    assert result.returncode == 127
    assert "cannot run no-such-program-anywhere" in result.stderr


def test_without_access_the_seeds_messages_and_statuses_and_nothing_runs(alice, sandbox, tmp_path):
    marker = tmp_path / "ran"
    reset_log(sandbox)
    result = alice.cone("exec", APPROVAL, "--", "touch", str(marker))
    assert result.returncode == 4, result.stderr
    assert f'Request submitted for "{APPROVAL}" but requires approval.' in result.stderr
    assert not marker.exists()
    assert counts(sandbox)[GRANT] == 1


def test_nesting_inside_another_profile_is_refused_unless_asked(alice):
    inner = {"CONE_SHELL_EXEC_PROFILE": "staging-poweruseraccess"}
    refused = alice.cone("exec", PROFILE, "--", "true", env=inner)
    assert refused.returncode == 64 and "already runs under `cone-shell exec staging-poweruseraccess`" in refused.stderr
    assert alice.cone("exec", PROFILE, "--nest", "--", "true", env=inner).returncode == 0
    assert alice.cone("exec", PROFILE, "--", "true", env={"CONE_SHELL_EXEC_PROFILE": PROFILE}).returncode == 0


def test_a_command_is_required(alice):
    result = alice.cone("exec", PROFILE)
    assert result.returncode == 64 and "give the command to run after --" in result.stderr


def test_on_a_terminal_it_waits_for_the_approver_then_runs_the_command(sandbox, env, tmp_path):
    """In a terminal (tmux), a profile that needs an approval is requested in the
    foreground: the waiting line, the approval, then the program runs as the role."""
    require("tmux")
    user = signed_in_user(sandbox, env, tmp_path)
    with Tmux.start("bash", user, prompt="$ ") as t:
        t.wait_for(r"^\$\s*$")
        t.send_line(f"cone-shell exec {APPROVAL} -- aws sts get-caller-identity --query Arn --output text; echo rc=$?")
        screen = t.wait_for(r"Waiting for approval by bob@example\.com \(task \d+\)")
        number = re.search(r"Access request submitted \(task: (\d+)\)", screen).group(1)
        sandbox.admin("approve", number)
        screen = t.wait_for(r"^rc=0\s*$", timeout=45)
    assert "Access granted!" in screen
    assert re.search(arn_pattern("111111111111", "AdministratorAccess"), screen), screen
