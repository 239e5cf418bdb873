"""Completion in the real shells: cone-managed profile names after `--profile ` and
`--profile=` (active grants first in bash, described in zsh and fish), aws_completer's
answers for every other word (AWS CLI v2's, then v1's), cone-shell's own completion, and completions/ kept current."""
import os
import re
import shutil
import subprocess
import time

import pytest

from aws_cli import cli_dir, with_cli
from cone import ROOT, cone_shell
from shell_support import Tmux, base_env, init_script, quote, require, run_shell, source_line, write_state

PROFILES = ["prod-admin", "prod-readonly", "production-ops", "dev"]
# Active first, then the file's order.
BASH_PRO = ["production-ops", "prod-admin", "prod-readonly"]


@pytest.fixture
def setup(tmp_path):
    """Init scripts, a state directory, and an environment whose PATH has the built
    binary and aws_completer."""
    state = tmp_path / "state"
    now = int(time.time())
    write_state(state, PROFILES, [("production-ops", "active", now + 600 - 30, "-"),
                                  ("prod-readonly", "pending", 0, "77")])
    inits = {}
    for shell in ("bash", "zsh", "fish"):
        inits[shell] = tmp_path / f"init.{shell}"
        inits[shell].write_text(init_script(shell))
    path = f"{os.path.dirname(cone_shell())}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(state), PATH=path)
    return inits, env


def with_completer(setup, aws_cli):
    """`setup` with that AWS CLI's aws_completer first on PATH."""
    inits, env = setup
    env = with_cli(env, aws_cli)
    assert shutil.which("aws_completer", path=env["PATH"]) == str(cli_dir(aws_cli) / "aws_completer")
    return inits, env


def bash_complete(setup, words, wordbreaks=None):
    """Calls the registered `aws` completion function with COMP_* as bash sets them."""
    inits, env = setup
    line = " ".join(words)
    arrays = " ".join(quote("bash", w) for w in words)
    breaks = f"COMP_WORDBREAKS={quote('bash', wordbreaks)}\n" if wordbreaks is not None else ""
    script = (f"{source_line('bash', inits['bash'])}\n{breaks}"
              f"COMP_WORDS=({arrays}); COMP_CWORD={len(words) - 1}\n"
              f"COMP_LINE={quote('bash', line)}; COMP_POINT=${{#COMP_LINE}}\n"
              "complete -p aws | grep -q -- '-F __cone_shell_complete_aws aws$' && __cone_shell_complete_aws\n"
              "printf '%s\\n' \"${COMPREPLY[@]}\"")
    out = run_shell("bash", script, env, interactive=True)
    return out.stdout.split("\n")[:-1]


def test_bash_profiles_after_profile(setup):
    assert bash_complete(setup, ["aws", "s3", "ls", "--profile", "pro"]) == BASH_PRO
    assert bash_complete(setup, ["aws", "s3", "ls", "--profile", ""]) == ["production-ops", "prod-admin",
                                                                           "prod-readonly", "dev"]
    # Case is ignored, as fish and zsh's common matchers do.
    assert bash_complete(setup, ["aws", "s3", "ls", "--profile", "PROD-A"]) == ["prod-admin"]


def test_bash_profiles_after_profile_equals(setup):
    # bash splits at '=' (COMP_WORDBREAKS) unless told otherwise.
    assert bash_complete(setup, ["aws", "s3", "ls", "--profile", "=", "pro"]) == BASH_PRO
    assert bash_complete(setup, ["aws", "s3", "ls", "--profile", "="]) == BASH_PRO + ["dev"]
    assert bash_complete(setup, ["aws", "s3", "ls", "--profile=pro"], wordbreaks=" \t\n") == \
        ["--profile=" + p for p in BASH_PRO]


def test_bash_other_words_come_from_aws_completer(setup, aws_cli):
    assert "ls" in bash_complete(with_completer(setup, aws_cli), ["aws", "s3", "l"])


def test_bash_keeps_a_completion_function_registered_before(setup):
    inits, env = setup
    script = ("_mine() { COMPREPLY=(mine-$2); }\ncomplete -F _mine aws\n"
              f"{source_line('bash', inits['bash'])}\n{source_line('bash', inits['bash'])}\n"
              "COMP_WORDS=(aws s3 x); COMP_CWORD=2; COMP_LINE='aws s3 x'; COMP_POINT=8\n"
              "__cone_shell_complete_aws; echo \"${COMPREPLY[*]}\"")
    assert run_shell("bash", script, env, interactive=True).stdout == "mine-x\n"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("typed,expected", [
    ("aws s3 ls --profile produ", "aws s3 ls --profile production-ops "),
    ("aws s3 ls --profile=produ", "aws s3 ls --profile=production-ops "),
])
def test_tab_in_a_terminal(shell, typed, expected, setup):
    """The whole path: readline / ZLE / fish's reader completing a unique match."""
    require("tmux")
    inits, env = setup
    rc = source_line(shell, inits[shell])
    if shell == "zsh":
        rc = "autoload -Uz compinit && compinit -u -D\n" + rc
    with Tmux.start(shell, env, rc, prompt="P> ") as t:
        t.wait_for(r"P>\s*$")
        t.send_text(typed)
        t.send_keys("Tab")
        t.wait_for("^P> " + expected.replace("+", r"\+").rstrip() + r"\s*$")


def zsh_tab(setup, typed, expect, tabs=1):
    """Types `typed` and TAB in an interactive zsh (compinit, then init) and returns the
    screen once the regex `expect` shows on it."""
    require("tmux")
    inits, env = setup
    rc = "autoload -Uz compinit && compinit -u -D\n" + source_line("zsh", inits["zsh"])
    with Tmux.start("zsh", env, rc, prompt="P> ") as t:
        t.wait_for(r"P>\s*$")
        t.send_text(typed)
        t.send_keys(*["Tab"] * tabs)
        return t.wait_for(expect)


def test_zsh_lists_profiles_with_their_grants(setup):
    for typed in ("aws s3 ls --profile pro", "aws s3 ls --profile=pro"):
        # The first TAB inserts the common prefix, the second lists.
        screen = zsh_tab(setup, typed, r"production-ops +-- .*\(active 10m\)", tabs=2)
        assert re.search(r"^prod-readonly +-- 111111111112 Role \(pending ⧗#77\)$", screen, re.M)
        assert re.search(r"^prod-admin +-- 111111111111 Role$", screen, re.M)
        assert "dev " not in screen


def test_zsh_other_words_come_from_aws_completer(setup, aws_cli):
    zsh_tab(with_completer(setup, aws_cli), "aws s3 l", r"^P> aws s3 ls\s*$")


def fish_complete(setup, line):
    inits, env = setup
    out = run_shell("fish", f"{source_line('fish', inits['fish'])}\ncomplete -C {quote('fish', line)}", env,
                    interactive=True)
    assert out.status == 0, out
    return out.stdout.splitlines()


def test_fish_profiles_described_active_first(setup):
    assert fish_complete(setup, "aws s3 ls --profile pro") == [
        "production-ops\t111111111113 Role (active 10m)",
        "prod-readonly\t111111111112 Role (pending ⧗#77)",
        "prod-admin\t111111111111 Role",
    ]
    assert [l.split("\t")[0] for l in fish_complete(setup, "aws s3 ls --profile=pro")] == \
        ["--profile=production-ops", "--profile=prod-readonly", "--profile=prod-admin"]


def test_fish_other_words_come_from_aws_completer(setup, aws_cli):
    assert "ls" in [l.split("\t")[0] for l in fish_complete(with_completer(setup, aws_cli), "aws s3 l")]


def test_cone_shells_own_completion_is_loaded_on_first_tab(setup, tmp_path):
    inits, env = setup
    script = (f"{source_line('bash', inits['bash'])}\n"
              "COMP_WORDS=(cone-shell pro); COMP_CWORD=1; COMP_LINE='cone-shell pro'; COMP_POINT=14\n"
              "__cone_shell_complete_cone_shell cone-shell pro cone-shell; echo \"status $?\"\n"
              "complete -p cone-shell\n"
              "_cone-shell cone-shell pro cone-shell; printf '%s\\n' \"${COMPREPLY[@]}\"")
    out = run_shell("bash", script, env, interactive=True).stdout.splitlines()
    assert out[0] == "status 124" and "_cone-shell" in out[1] and "prompt" in out[2:]
    assert "prompt" in [l.split("\t")[0] for l in fish_complete(setup, "cone-shell pro")]
    zsh_tab(setup, "cone-shell prom", r"^P> cone-shell prompt\s*$")


STATIC = {"bash": "cone-shell.bash", "zsh": "_cone-shell", "fish": "cone-shell.fish"}


@pytest.mark.parametrize("shell", sorted(STATIC))
def test_static_completions_are_current(shell):
    generated = subprocess.run([cone_shell(), "--generate-completion-script", shell], check=True,
                               capture_output=True, text=True).stdout
    path = ROOT / "completions" / STATIC[shell]
    assert path.exists() and path.read_text() == generated, \
        f"{path.relative_to(ROOT)} is stale: run `make completions`"
