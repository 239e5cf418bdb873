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
    assert requests(fakes) == [["request", "prod", "--wait", "--justification", "aws s3 ls"]]
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
    assert requests(fakes)[0][-1] == "aws s3 cp"


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


# (command line, the justification sent): at most `aws SERVICE OPERATION`, never a value.
JUSTIFICATIONS = [
    ("aws secretsmanager create-secret --name x --secret-string hunter2 --profile prod",
     "aws secretsmanager create-secret"),
    ("aws --region eu-west-1 --output json ec2 --query Reservations describe-instances --profile prod",
     "aws ec2 describe-instances"),
    ("aws ec2 --region eu-west-1 describe-instances --filters Name=tag:x,Values=hunter2 --profile prod",
     "aws ec2 describe-instances"),
    ("aws --debug --profile=prod sts --endpoint-url=http://hunter2 get-caller-identity",
     "aws sts get-caller-identity"),
    ("aws s3 cp ./hunter2.txt s3://bucket/hunter2 --profile prod", "aws s3 cp"),
    # An unknown option may take the next word as its value: nothing after it is sent.
    ("aws --secret hunter2 s3 ls --profile prod", "aws"),
    ("aws s3 --hunter hunter2 ls --profile prod", "aws s3"),
    # Words that do not look like a command's name stop it too.
    ("aws s3 Hunter2 --profile prod", "aws s3"),
    ("aws 'hunter 2' ls --profile prod", "aws"),
]


@pytest.mark.parametrize("shell", SHELLS)
def test_the_justification_is_at_most_service_and_operation(shell, inits, fakes, env, state):
    write_state(state, ["prod"], [])
    lines = [command if shell != "fish" else command.replace("'hunter 2'", '"hunter 2"')
             for command, _ in JUSTIFICATIONS]
    run_tty(shell, script(shell, inits[shell], "\n".join(lines)), env)
    sent = requests(fakes)
    assert [r[-1] for r in sent] == [expected for _, expected in JUSTIFICATIONS]
    assert all(r[:4] == ["request", "prod", "--wait", "--justification"] for r in sent), sent
    assert not [r for r in sent if any("hunter" in a for a in r)]
    assert len(aws_runs(fakes)) == len(JUSTIFICATIONS)


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("stamp", [True, False], ids=["names-kept", "no-stamp"])
def test_profile_names_are_matched_literally(shell, stamp, inits, fakes, env, state):
    """`prod*`, `prod?` and `[p]rod` are names no profile has: aws runs without a request
    (fish once matched them as patterns and asked for access), whether the shell keeps
    the names (a stamp) or searches the index each time (none)."""
    write_state(state, ["prod", "prod-admin", "@", "a]b", "$(touch pwned)"], [], stamp=stamp)
    words = ["prod*", "prod?", "[p]rod", "prod-*", ".*"]
    command = "\n".join(f"aws s3 ls --profile {quote(shell, w)}" for w in words)
    run_tty(shell, script(shell, inits[shell], command + "\naws s3 ls --profile prod-admin"), env)
    assert [r[1] for r in requests(fakes)] == ["prod-admin"]
    assert len(aws_runs(fakes)) == len(words) + 1


@pytest.mark.parametrize("shell", SHELLS)
def test_odd_names_are_managed_as_written_and_run_nothing(shell, inits, fakes, env, state, tmp_path):
    write_state(state, ["@", "a]b", "$(touch pwned)", "x y"], [])
    names = ["@", "a]b", "$(touch pwned)", "*", "a"]
    command = "\n".join(f"aws s3 ls --profile {quote(shell, w)}" for w in names)
    run_tty(shell, script(shell, inits[shell], command), {**env, "HOME": str(tmp_path)})
    assert [r[1] for r in requests(fakes)] == ["@", "a]b", "$(touch pwned)"]
    assert not any(tmp_path.rglob("pwned"))


@pytest.mark.parametrize("shell", SHELLS)
def test_the_kept_names_follow_a_new_index(shell, inits, fakes, env, state, tmp_path):
    """A shell keeps the managed names until the binary writes a new index and stamp:
    a profile set up meanwhile is managed at once."""
    write_state(state, ["prod"], [])
    later = tmp_path / "later"
    write_state(later, ["prod", "newp"], [])
    copy = f"cp {quote(shell, str(later / 'profiles'))} {quote(shell, str(later / 'profiles-stamp'))} " \
           f"{quote(shell, str(state))}/"
    command = f"aws s3 ls --profile newp\n{copy}\naws s3 ls --profile newp"
    run_tty(shell, script(shell, inits[shell], command), env)
    assert [r[1] for r in requests(fakes)] == ["newp"]
    assert len(aws_runs(fakes)) == 2


# TEST-ONLY: an aws_completer that notes what it was told.
FAKE_COMPLETER = """#!/bin/sh
echo "completing=${CONE_SHELL_COMPLETING-unset} line=$COMP_LINE" >>"$FAKE_LOG.completer"
echo ls
"""


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_a_completion_that_runs_aws_never_requests(shell, inits, fakes, env, state):
    """A user's completion function that runs aws (on a terminal, the profile managed and
    without a grant): no request, and aws is told it runs for a completion."""
    write_state(state, ["prod"], [])
    if shell == "bash":
        # (What init keeps of a completion registered before it, in an interactive shell.)
        command = ("_mine() { aws s3 ls --profile prod; }\n"
                   f"{source_line(shell, inits[shell])}\n"
                   "__cone_shell_aws_function=_mine __cone_shell_aws_options=()\n"
                   "COMP_WORDS=(aws s3 x); COMP_CWORD=2; COMP_LINE='aws s3 x'; COMP_POINT=8\n"
                   "__cone_shell_complete_aws")
        out = run_tty("bash", command + '\necho "rc=$?"', env)
    else:
        # compstate exists only while zsh completes: a widget bound to a key runs it.
        command = ("_mine() { aws s3 ls --profile prod; }\n"
                   f"{source_line(shell, inits[shell])}\n"
                   "__cone_shell_aws_completion=_mine\n"
                   "typeset -A compstate; compstate[context]=command\n"
                   "__cone_shell_complete_aws")
        out = run_tty("zsh", command + '\necho "rc=$?"', env)
    assert "rc=0" in out.stdout, out.stdout
    assert requests(fakes) == [] and len(aws_runs(fakes)) == 1
    assert "fake request" not in out.stdout


@pytest.mark.parametrize("shell", SHELLS)
def test_the_aws_completer_is_told_it_completes(shell, inits, fakes, env, state, tmp_path):
    """Every word but a profile name goes to aws_completer, with CONE_SHELL_COMPLETING set,
    so that the `cone-shell creds` it may run never requests access."""
    (fakes.bin / "aws_completer").write_text(FAKE_COMPLETER)
    (fakes.bin / "aws_completer").chmod(0o755)
    write_state(state, ["prod"], [])
    if shell == "fish":
        out = run_shell("fish", f"{source_line(shell, inits[shell])}\ncomplete -C 'aws s3 l'", env,
                        interactive=True)
    elif shell == "bash":
        out = run_shell("bash", f"{source_line(shell, inits[shell])}\n"
                        "COMP_WORDS=(aws s3 l); COMP_CWORD=2; COMP_LINE='aws s3 l'; COMP_POINT=8\n"
                        "__cone_shell_complete_aws; echo \"${COMPREPLY[*]}\"", env, interactive=True)
    else:
        out = run_shell("zsh", f"{source_line(shell, inits[shell])}\n"
                        "compadd() { print -rl -- ${(P)${@[-1]}}; }; CURRENT=3; words=(aws s3 l); BUFFER='aws s3 l'; "
                        "CURSOR=8; compset() { return 1 }; candidates=(); __cone_shell_complete_aws", env,
                        interactive=True)
    assert "ls" in out.stdout, out
    told = (tmp_path / "calls.jsonl.completer").read_text()
    assert told.startswith("completing=1 line=aws s3 l"), told


# -- the offer to extend a grant that is ending (issue 15) ----------------------------------

OFFER = r"Access to prod ends in \d+ min — extend\? \[y/N\] "


def extends(fakes):
    return [c["args"] for c in fakes.calls() if c["cmd"] == "cone-shell" and c["args"][0] == "extend"]


def ending_grant(state, minutes_left: float):
    now = int(time.time())
    write_state(state, ["prod"], [("prod", "active", now + int(minutes_left * 60), "-")])


@pytest.mark.parametrize("shell", SHELLS)
def test_an_ending_grant_is_offered_an_extension_once(shell, inits, fakes, env, state):
    ending_grant(state, 3.5)
    twice = "aws s3 ls --profile prod\naws s3 ls --profile prod"
    out = run_tty(shell, script(shell, inits[shell], twice), env, answers=((OFFER, "y"),))
    assert "Access to prod ends in 4 min — extend? [y/N]" in out.stdout, out.stdout
    assert out.stdout.count("extend? [y/N]") == 1  # once per grant
    assert extends(fakes) == [["extend", "prod", "--wait"]]
    assert len(aws_runs(fakes)) == 2 and "rc=0" in out.stdout


@pytest.mark.parametrize("shell", SHELLS)
def test_no_is_the_default_and_aws_still_runs(shell, inits, fakes, env, state):
    ending_grant(state, 3.5)
    out = run_tty(shell, script(shell, inits[shell], "aws s3 ls --profile prod"), env, answers=((OFFER, ""),))
    assert extends(fakes) == [] and len(aws_runs(fakes)) == 1 and "rc=0" in out.stdout


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("case", ["far-from-the-end", "turned-off", "no-terminal", "warn-is-shorter"])
def test_no_offer(shell, case, inits, fakes, env, state):
    ending_grant(state, 30 if case == "far-from-the-end" else 3.5)
    settings = {"turned-off": {"CONE_SHELL_OFFER_EXTEND": "0"},
                "warn-is-shorter": {"CONE_SHELL_PROMPT_WARN": "2"}}.get(case, {})
    run = run_shell if case == "no-terminal" else run_tty
    out = run(shell, script(shell, inits[shell], "aws s3 ls --profile prod"), {**env, **settings})
    assert "extend?" not in out.stdout + (getattr(out, "stderr", "") or "")
    assert extends(fakes) == [] and len(aws_runs(fakes)) == 1
