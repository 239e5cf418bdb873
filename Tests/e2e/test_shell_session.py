"""End-to-end sessions: a real bash, zsh and fish in tmux, the init loaded as the README
says, against cone-sandbox with the real AWS CLI. An auto-approved profile just works;
one that needs an approval shows the waiting feedback until the test approves it as
bob, then prints the ARN, and the next prompt shows the grant with its time left. Each
session runs with the AWS CLI v2 (what users run) and v1."""
import re

import pytest

from aws_cli import with_cli
from shell_support import SHELLS, Tmux, arn_pattern, last_prompt, require, session_rc, signed_in_user

# Both grants are fresh: readonly's is 8 h, admin's 2 h (rounded up to the minute).
READONLY_LEFT = r"(7h59m|8h00m)"
ADMIN_LEFT = r"(1h59m|2h00m)"


@pytest.fixture
def user(aws_cli, sandbox, env, tmp_path):
    require("tmux")
    return signed_in_user(sandbox, with_cli(env, aws_cli), tmp_path)


def start(shell, user):
    rc, prompt = session_rc(shell)
    t = Tmux.start(shell, user, rc, prompt=prompt)
    t.wait_for(r"^\$\s*$")
    return t


@pytest.mark.parametrize("shell", SHELLS)
def test_approval_needed_waits_then_runs_aws_and_the_prompt_shows_the_grant(shell, user, sandbox):
    with start(shell, user) as t:
        t.send_line("aws sts get-caller-identity --profile production-administratoraccess")
        screen = t.wait_for(r"Access request submitted \(task: \d+\)")
        task = re.search(r"Access request submitted \(task: (\d+)\)", screen).group(1)
        t.wait_for(rf"Waiting for approval by bob@example\.com \(task {task}\)… \d+s  Ctrl-C stops waiting")
        approved = sandbox.admin("approve", task)
        assert f"Approved task {task}" in approved.stdout
        screen = t.wait_for(arn_pattern("AdministratorAccess"), timeout=30)
        assert "Access granted!" in screen
        screen = t.wait_for(rf"^\[aws:production-administratoraccess {ADMIN_LEFT}\] \$\s*$")
        assert "Waiting for" not in last_prompt(screen)


@pytest.mark.parametrize("shell", SHELLS)
def test_auto_approved_profile_needs_no_interaction(shell, aws_cli, user):
    with start(shell, user) as t:
        t.send_line("aws --version")
        t.wait_for(rf"^aws-cli/{aws_cli[1]}\.")
        t.send_keys("C-l")
        t.send_line("aws sts get-caller-identity --profile production-readonlyaccess")
        screen = t.wait_for(rf"^\[aws:production-readonlyaccess {READONLY_LEFT}\] \$\s*$", timeout=30)
        assert re.search(arn_pattern("ReadOnlyAccess"), screen), screen
        assert "approval" not in screen
        # With the grant active the wrapper goes straight to aws: no request this time.
        t.send_keys("C-l")
        t.send_line("aws sts get-caller-identity --profile production-readonlyaccess; echo done")
        screen = t.wait_for(r"^done$")
        assert re.search(arn_pattern("ReadOnlyAccess"), screen), screen
        assert "Access request" not in screen and "already" not in screen
