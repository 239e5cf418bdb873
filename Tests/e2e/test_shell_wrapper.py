"""The `aws` wrapper's decisions in bash, zsh and fish, with a test-only fake `aws` and a
test-only fake `cone-shell request` (shell_support.Fakes)."""
import os
import time

import pytest

from cone import cone_shell
from shell_support import (SHELLS, Fakes, base_env, init_script, quote, run_shell, run_tty, source_line,
                           write_state)

STATUS = {"bash": "$?", "zsh": "$?", "fish": "$status"}


@pytest.fixture
def fakes(tmp_path):
    return Fakes.create(tmp_path)


@pytest.fixture
def inits(tmp_path, fakes):
    """Each shell's init output, pointed at the fake cone-shell."""
    paths = {}
    for shell in SHELLS:
        paths[shell] = tmp_path / f"init.{shell}"
        paths[shell].write_text(init_script(shell, binary=str(fakes.cone_shell)))
    return paths


@pytest.fixture
def state(tmp_path):
    return tmp_path / "state"


def grants_for(prod_state: str):
    now = int(time.time())
    expires = now + 3600 if prod_state == "active" else 0
    return [("prod", prod_state, expires, "-")]


@pytest.fixture
def env(tmp_path, fakes, state):
    return base_env(tmp_path, PATH=f"{fakes.bin}:/usr/bin:/bin",
                    CONE_SHELL_STATE_DIR=str(state), **fakes.env())


def script(shell, init, command, pre=""):
    return f"{pre}\n{source_line(shell, init)}\n{command}\necho \"rc={STATUS[shell]}\"\n"


def requests(fakes):
    return [c["args"] for c in fakes.calls() if c["cmd"] == "cone-shell" and c["args"][0] == "request"]


def aws_runs(fakes):
    return [c["args"] for c in fakes.calls() if c["cmd"] == "aws"]


@pytest.mark.parametrize("shell", SHELLS)
def test_managed_inactive_on_a_terminal_requests_then_runs_aws(shell, inits, fakes, env, state):
    write_state(state, ["prod", "dev"], grants_for("none"))
    out = run_tty(shell, script(shell, inits[shell], "aws s3 ls --profile prod"), env)
    assert "rc=0" in out.stdout, out.stdout
    assert "fake request: waiting" in out.stdout and "fake-aws ran" in out.stdout
    assert requests(fakes) == [["request", "prod", "--wait", "--justification", "aws s3 ls --profile prod"]]
    assert aws_runs(fakes) == [["s3", "ls", "--profile", "prod"]]
    assert [c["cmd"] for c in fakes.calls()] == ["cone-shell", "aws"]
    assert fakes.calls()[0]["tty"] and fakes.calls()[1]["tty"]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("case", ["active", "unmanaged", "wrap-off", "stdin-pipe"])
def test_straight_to_aws(shell, case, inits, fakes, env, state):
    write_state(state, ["prod"], grants_for("active" if case == "active" else "none"))
    command = {"active": "aws s3 ls --profile prod",
               "unmanaged": "aws s3 ls --profile other",
               "wrap-off": "CONE_SHELL_WRAP=0 aws s3 ls --profile prod",
               "stdin-pipe": "echo piped | aws s3 ls --profile prod"}[case]
    if shell == "fish" and case == "wrap-off":
        command = "set -gx CONE_SHELL_WRAP 0; aws s3 ls --profile prod"
    out = run_tty(shell, script(shell, inits[shell], command), env)
    assert "rc=0" in out.stdout, out.stdout
    assert requests(fakes) == []
    assert len(aws_runs(fakes)) == 1


@pytest.mark.parametrize("shell", SHELLS)
def test_without_a_terminal_never_requests(shell, inits, fakes, env, state):
    write_state(state, ["prod"], grants_for("none"))
    out = run_shell(shell, script(shell, inits[shell], "aws s3 ls --profile prod | cat"), env)
    assert "fake-aws ran" in out.stdout and "rc=0" in out.stdout
    assert requests(fakes) == []


@pytest.mark.parametrize("shell", SHELLS)
def test_failed_request_returns_its_status_and_skips_aws(shell, inits, fakes, env, state):
    write_state(state, ["prod"], grants_for("pending"))
    out = run_tty(shell, script(shell, inits[shell], "aws s3 ls --profile prod"),
                  {**env, "FAKE_REQUEST_STATUS": "6"})
    assert "rc=6" in out.stdout
    assert len(requests(fakes)) == 1 and aws_runs(fakes) == []


@pytest.mark.parametrize("shell", SHELLS)
def test_returns_aws_exit_status(shell, inits, fakes, env, state):
    write_state(state, ["prod"], grants_for("active"))
    out = run_tty(shell, script(shell, inits[shell], "aws s3 ls --profile prod"),
                  {**env, "FAKE_AWS_STATUS": "3"})
    assert "rc=3" in out.stdout


@pytest.mark.parametrize("shell", SHELLS)
def test_arguments_reach_aws_intact(shell, inits, fakes, env, state):
    write_state(state, ["prod"], grants_for("none"))
    args = ["s3", "cp", "a b", "it's \"quoted\"", "*", "", "x\ny", "$HOME", "--profile=prod"]
    command = "aws " + " ".join(quote(shell, a) for a in args)
    out = run_tty(shell, script(shell, inits[shell], command), env)
    assert "rc=0" in out.stdout, out.stdout
    assert aws_runs(fakes) == [args]
    assert requests(fakes)[0][-1] == "aws " + " ".join(args)


NO_CREDENTIALS = ["aws", "aws help", "aws s3 ls --profile prod help", "aws --version",
                  "aws configure list --profile prod", "aws --profile prod configure get x",
                  "aws s3 ls --profile prod --no-sign-request"]


@pytest.mark.parametrize("shell", SHELLS)
def test_commands_needing_no_credentials_skip_the_request(shell, inits, fakes, env, state):
    write_state(state, ["prod", "default"], grants_for("none"))
    run_tty(shell, script(shell, inits[shell], "\n".join(NO_CREDENTIALS)), env)
    assert requests(fakes) == [] and len(aws_runs(fakes)) == len(NO_CREDENTIALS)


# (variables, command, the profile requested)
RESOLUTION = [
    ({}, "aws s3 ls --profile dev --profile=prod", "prod"),
    ({}, "aws --region eu-west-1 s3 ls --profile=dev --profile prod", "prod"),
    ({"AWS_PROFILE": "prod", "AWS_DEFAULT_PROFILE": "dev"}, "aws s3 ls", "prod"),
    ({"AWS_DEFAULT_PROFILE": "dev"}, "aws s3 ls", "dev"),
    ({"AWS_PROFILE": "prod"}, "aws s3 ls --profile dev", "dev"),
    ({}, "aws s3 ls", "default"),
]


@pytest.mark.parametrize("shell", SHELLS)
def test_profile_resolution(shell, inits, fakes, env, state):
    write_state(state, ["prod", "dev", "default"], [])
    lines = []
    for variables, command, _ in RESOLUTION:
        sets = {"fish": "; ".join(f"set -gx {k} {v}" for k, v in variables.items()),
                "bash": "; ".join(f"export {k}={v}" for k, v in variables.items()),
                "zsh": "; ".join(f"export {k}={v}" for k, v in variables.items())}[shell]
        clear = "set -e AWS_PROFILE AWS_DEFAULT_PROFILE" if shell == "fish" else \
            "unset AWS_PROFILE AWS_DEFAULT_PROFILE"
        lines.append(f"{clear}; {sets + '; ' if sets else ''}{command}")
    run_tty(shell, script(shell, inits[shell], "\n".join(lines)), env)
    assert [r[1] for r in requests(fakes)] == [expected for _, _, expected in RESOLUTION]


@pytest.mark.parametrize("shell", SHELLS)
def test_justification_can_be_given(shell, inits, fakes, env, state):
    write_state(state, ["prod"], [])
    run_tty(shell, script(shell, inits[shell], "aws s3 ls --profile prod"),
            {**env, "CONE_SHELL_JUSTIFICATION": "INC-42 outage"})
    assert requests(fakes)[0][-2:] == ["--justification", "INC-42 outage"]


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_an_alias_defined_before_init_is_replaced(shell, inits, fakes, env, state):
    write_state(state, ["prod"], grants_for("none"))
    pre = "shopt -s expand_aliases\n" if shell == "bash" else ""
    pre += "alias aws='echo ALIAS'"
    out = run_tty(shell, script(shell, inits[shell], "aws s3 ls --profile prod", pre=pre), env)
    assert "ALIAS" not in out.stdout and "rc=0" in out.stdout
    assert len(requests(fakes)) == 1 and len(aws_runs(fakes)) == 1


@pytest.mark.parametrize("shell", SHELLS)
def test_a_function_defined_before_init_still_runs_aws(shell, inits, fakes, env, state):
    write_state(state, ["prod"], grants_for("none"))
    pre = {"bash": 'aws() { echo "USER $*"; command aws "$@"; }',
           "zsh": 'aws() { echo "USER $*"; command aws "$@"; }',
           "fish": "alias aws 'echo USER; command aws'"}[shell]
    out = run_tty(shell, script(shell, inits[shell], "aws s3 ls --profile prod", pre=pre), env)
    assert "USER" in out.stdout and "rc=0" in out.stdout
    assert len(requests(fakes)) == 1 and len(aws_runs(fakes)) == 1


@pytest.mark.parametrize("shell", SHELLS)
def test_missing_aws_says_so_with_127(shell, inits, fakes, env, state):
    write_state(state, ["prod"], grants_for("none"))
    out = run_tty(shell, script(shell, inits[shell], "aws s3 ls --profile prod"),
                  {**env, "PATH": "/usr/bin:/bin"})
    assert "rc=127" in out.stdout and "aws: command not found" in out.stdout
    assert fakes.calls() == []


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_works_under_set_eu(shell, inits, fakes, env, state):
    write_state(state, ["prod"], grants_for("active"))
    strict = "set -euo pipefail" if shell == "bash" else "set -eu -o pipefail"
    command = 'aws s3 ls --profile prod | cat; (exit 0)\nFAKE_AWS_STATUS=3 aws s3 ls || echo "failed=$?"'
    out = run_tty(shell, script(shell, inits[shell], command, pre=strict), env)
    assert "failed=3" in out.stdout and "rc=0" in out.stdout, out.stdout


@pytest.mark.parametrize("shell", SHELLS)
def test_prompt_shows_the_profile_the_wrapper_last_ran(shell, inits, fakes, env, state):
    """With AWS_PROFILE unset, the next prompt shows the grant of the profile used."""
    now = int(time.time())
    write_state(state, ["prod", "dev"], [("prod", "active", now + 42 * 60 - 30, "-"),
                                          ("dev", "active", 0, "-")])
    real = quote(shell, os.path.realpath(cone_shell()))
    show = {"bash": f'echo "[$(cone_shell_prompt)] [$({real} prompt)]"',
            "zsh": f'echo "[$(cone_shell_prompt)] [$({real} prompt)]"',
            "fish": f'echo "["(cone_shell_prompt)"] ["({real} prompt)"]"'}[shell]
    command = f"aws sts get-caller-identity --profile prod\n{show}"
    out = run_tty(shell, script(shell, inits[shell], command), env)
    assert "[aws:prod 42m +1] [aws:prod 42m +1]" in out.stdout, out.stdout
