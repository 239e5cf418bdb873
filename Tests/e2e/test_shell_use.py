"""Issue 16 item 1: `cone-shell use PROFILE`, the shell function from `init`, gets access
and sets AWS_PROFILE in the shell itself, so a plain `aws` (v1 through the wrapper, v2
straight through credential_process) and a boto3 script run as the role, and the prompt
follows; in real bash, zsh and fish against cone-sandbox."""
import re

import pytest

from access_support import GRANT, arn_pattern, counts, reset_log
from aws_cli import AWS_V2
from cone import bin_dir, run
from shell_support import SHELLS, Tmux, quote, require, run_shell, signed_in_user

PROFILE = "production-readonlyaccess"
APPROVAL = "production-administratoraccess"
BOTO3 = "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])"


@pytest.fixture
def user(sandbox, env, tmp_path):
    return signed_in_user(sandbox, env, tmp_path)


def script(shell: str, *lines: str) -> str:
    """The init loaded as the README says, then `lines`."""
    load = "cone-shell init fish | source" if shell == "fish" else f'eval "$(cone-shell init {shell})"'
    return "\n".join([load, *lines])


def show(shell: str, name: str) -> str:
    """A line `name=[value]`, `[-]` when the variable is unset."""
    if shell == "fish":
        return f"set -q {name}; and echo {name}=[${name}]; or echo {name}=[-]"
    return f'echo "{name}=[${{{name}-"-"}}]"'


def status(shell: str) -> str:
    return "echo status=$status" if shell == "fish" else "echo status=$?"


@pytest.mark.parametrize("shell", SHELLS)
def test_after_use_plain_aws_v1_and_v2_and_boto3_run_as_the_role_and_the_prompt_follows(shell, user):
    v2 = quote(shell, str(AWS_V2)) + " sts get-caller-identity --query Arn --output text" if AWS_V2.exists() else "echo"
    result = run_shell(shell, script(
        shell,
        f"cone-shell use {PROFILE}", show(shell, "AWS_PROFILE"),
        "aws sts get-caller-identity --query Arn --output text",
        v2,
        f'python3 -c "{BOTO3}"',
        # What the prompt shows (fish defines its hook only in an interactive shell).
        "echo CONE_SHELL_PROMPT=[(cone_shell_prompt)]" if shell == "fish"
        else "__cone_shell_hook; " + show(shell, "CONE_SHELL_PROMPT"),
    ), user, timeout=120)
    assert result.status == 0, result
    assert f'Using "{PROFILE}" in this shell' in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"AWS_PROFILE=[{PROFILE}]"
    arns = [line for line in lines if line.startswith("arn:")]
    assert len(arns) == (3 if AWS_V2.exists() else 2)
    assert all(re.fullmatch(arn_pattern("111111111111", "ReadOnlyAccess"), arn) for arn in arns), arns
    assert re.fullmatch(rf"CONE_SHELL_PROMPT=\[aws:{PROFILE} (7h59m|8h00m)\]", lines[-1]), lines[-1]


@pytest.mark.parametrize("shell", SHELLS)
def test_use_alone_shows_the_profile_and_clear_unsets_it(shell, user):
    result = run_shell(shell, script(
        shell,
        f"cone-shell use {PROFILE} 2>/dev/null",
        "cone-shell use",
        "cone-shell use --clear", show(shell, "AWS_PROFILE"),
        f"cone-shell use; {status(shell)}",
        f"cone-shell use {PROFILE} 2>/dev/null", "cone-shell use -u", show(shell, "AWS_PROFILE"),
    ), user, timeout=120)
    lines = result.stdout.splitlines()
    assert re.fullmatch(rf"{PROFILE}: active, (7h59m|8h00m) left", lines[0]), lines
    assert lines[1:] == ["AWS_PROFILE=[-]", "status=3", "AWS_PROFILE=[-]"]
    assert "No profile in use now (AWS_PROFILE unset)." in result.stderr
    assert "choose one with `cone-shell use PROFILE`" in result.stderr


@pytest.mark.parametrize("shell", SHELLS)
def test_without_access_the_profile_in_use_stays(shell, user, sandbox):
    reset_log(sandbox)
    result = run_shell(shell, script(
        shell,
        f"cone-shell use {PROFILE} 2>/dev/null",
        f"cone-shell use {APPROVAL}; {status(shell)}",
        f"cone-shell use no-such-profile; {status(shell)}",
        show(shell, "AWS_PROFILE"),
    ), user, timeout=120)
    assert result.stdout.splitlines() == ["status=4", "status=1", f"AWS_PROFILE=[{PROFILE}]"], result
    assert f'Request submitted for "{APPROVAL}" but requires approval.' in result.stderr
    assert "no-such-profile" in result.stderr
    assert counts(sandbox)[GRANT] == 2  # one request per known profile, none for the unknown


@pytest.mark.parametrize("shell", SHELLS)
def test_other_commands_and_help_reach_the_binary(shell, user):
    result = run_shell(shell, script(shell, "cone-shell --version", "cone-shell use --help"), user)
    assert result.status == 0, result
    assert re.match(r"\d+\.\d+\.\d+", result.stdout)
    assert "USAGE: cone-shell use" in result.stdout and "--clear" in result.stdout


def test_the_binary_alone_asks_for_the_integration_and_requests_nothing(user, sandbox):
    reset_log(sandbox)
    result = run([str(bin_dir() / "cone-shell"), "use", "it's-mine"], user)
    assert result.returncode == 64
    assert "add `eval \"$(cone-shell init bash)\"` to ~/.bashrc" in result.stderr
    assert "export AWS_PROFILE='it'\\''s-mine'" in result.stderr
    assert counts(sandbox).get(GRANT, 0) == 0


@pytest.mark.parametrize("shell", SHELLS)
def test_tab_completes_the_profile(shell, user):
    """readline, ZLE and fish's reader completing `cone-shell use` with a unique match."""
    require("tmux")
    rc = script(shell)
    if shell == "zsh":
        rc = "autoload -Uz compinit && compinit -u -D\n" + rc
    with Tmux.start(shell, user, rc, prompt="P> ") as t:
        t.wait_for(r"P>\s*$")
        t.send_text("cone-shell use production-rea")
        t.send_keys("Tab")
        t.wait_for(rf"^P> cone-shell use {PROFILE}\s*$", timeout=20)
