"""The prompt segment: the same text from cone_shell_prompt in bash, zsh and fish and from
`cone-shell prompt`, no process started on a normal prompt, and at most one background
refresh for a stale grants file."""
import re
import subprocess
import time

import pexpect
import pytest

from cone import cone_shell
from shell_support import (SHELLS, Fakes, Tmux, base_env, init_script, quote, require, run_shell,
                           shell_argv, source_line, write_state)

PROFILES = ["prod", "long", "forever", "dev", "qa", "old", "gone", "unknown", ""]
EXPECTED = {
    "prod": "aws:prod 42m +2",
    "long": "aws:long 2h05m +2",
    "forever": "aws:forever ∞ +2",
    "dev": "aws:dev ⧗#1042 +3",
    "qa": "aws:qa ⧗#? +3",
    "old": "aws +3", "gone": "aws +3", "unknown": "aws +3", "": "aws +3",
}


def fixture_grants(now):
    # Expiries end 30 s before a minute boundary: the test has 29 s before a value changes.
    return [("prod", "active", now + 42 * 60 - 30, "-"),
            ("long", "active", now + 125 * 60 - 30, "-"),
            ("forever", "active", 0, "-"),
            ("dev", "pending", 0, "1042"),
            ("qa", "pending", 0, "-"),
            ("old", "active", now - 5, "-"),
            ("gone", "none", 0, "-")]


@pytest.fixture
def inits(tmp_path):
    paths = {}
    for shell in SHELLS:
        paths[shell] = tmp_path / f"init.{shell}"
        paths[shell].write_text(init_script(shell))
    return paths


def shell_segments(shell, init, env, profiles):
    """cone_shell_prompt's output for each profile (as AWS_PROFILE), one per line."""
    if shell == "fish":
        loop = "for p in $argv_profiles; set -gx AWS_PROFILE $p; cone_shell_prompt; echo '|'; end"
        words = " ".join(quote("fish", p) for p in profiles)
        script = f"{source_line(shell, init)}\nset argv_profiles {words}\n{loop}"
    else:
        words = " ".join(quote(shell, p) for p in profiles)
        script = (f"{source_line(shell, init)}\nfor p in {words}; do export AWS_PROFILE=\"$p\"; "
                  "cone_shell_prompt; echo '|'; done")
    out = run_shell(shell, script, env)
    assert out.status == 0 and out.stderr == "", out
    return out.stdout.split("|\n")[:-1]


def binary_segments(env, profiles, *args):
    return [subprocess.run([cone_shell(), "prompt", *args], env={**env, "AWS_PROFILE": p},
                           capture_output=True, text=True, check=True).stdout for p in profiles]


@pytest.mark.parametrize("shell", SHELLS)
def test_shells_and_binary_print_the_same_segment(shell, inits, tmp_path):
    state = tmp_path / "state"
    write_state(state, [], fixture_grants(int(time.time())))
    env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(state))
    expected = [EXPECTED[p] for p in PROFILES]
    assert shell_segments(shell, inits[shell], env, PROFILES) == expected
    assert binary_segments(env, PROFILES) == expected


@pytest.mark.parametrize("shell", SHELLS)
def test_formats_and_colours_from_the_environment(shell, inits, tmp_path):
    state = tmp_path / "state"
    write_state(state, [], fixture_grants(int(time.time())))
    env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(state),
                   CONE_SHELL_PROMPT_ACTIVE="☁ {profile}|{minutes}|{left}|{count} & \\1 $HOME",
                   CONE_SHELL_PROMPT_PENDING="{profile} waits on {task}",
                   CONE_SHELL_PROMPT_OTHERS="", CONE_SHELL_PROMPT_NONE="-",
                   CONE_SHELL_PROMPT_COLOR="On", CONE_SHELL_PROMPT_COLOR_PENDING="1;35")
    got = shell_segments(shell, inits[shell], env, ["prod", "dev", "gone"])
    markup = {"bash": "bash", "zsh": "zsh", "fish": "plain"}[shell]
    assert got == binary_segments(env, ["prod", "dev", "gone"], "--markup", markup)
    on, off = {"bash": ("\x01\x1b[{}m\x02", "\x01\x1b[0m\x02"), "zsh": ("%{{\x1b[{}m%}}", "%{\x1b[0m%}"),
               "fish": ("\x1b[{}m", "\x1b[0m")}[shell]
    assert got == [on.format(32) + "☁ prod|42|42m|2 & \\1 $HOME" + off,
                   on.format("1;35") + "dev waits on 1042" + off, "-"]


CORRUPT = {
    "empty": ("", ""),
    "garbage": ("garbage\n\x01\x02\n", ""),
    "three fields": ("written\t1\nprod\tactive\t0\n", ""),
    "five fields": ("written\t1\nprod\tactive\t0\t-\textra\n", ""),
    "unknown state": ("written\t1\nprod\tbogus\t0\t-\n", ""),
    "no header": ("prod\tactive\t0\t-\n", "aws:prod ∞"),
    "bad expiry": ("written\tx\nprod\tactive\tsoon\t-\n", "aws:prod ∞"),
    "code in expiry": ("written\t1\nprod\tactive\ta[$(touch pwned)]\t-\n", "aws:prod ∞"),
    "octal-looking": ("written\t1\nprod\tactive\t0999999999999\t-\n", None),
    "empty lines": ("\n\nwritten\t1\n\nprod\tpending\t0\t\n", "aws:prod ⧗#?"),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_corrupt_or_missing_files_never_print_errors(case, inits, tmp_path):
    text, expected = CORRUPT[case]
    state = tmp_path / "state"
    state.mkdir()
    (state / "grants").write_text(text)
    env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(state))
    got = {shell: shell_segments(shell, inits[shell], env, ["prod"])[0] for shell in SHELLS}
    binary = binary_segments(env, ["prod"])[0]
    if expected is not None:
        assert binary == expected
    assert got == {shell: binary for shell in SHELLS}
    assert not (tmp_path / "pwned").exists() and not (state / "pwned").exists()
    (state / "grants").unlink()
    assert {shell: shell_segments(shell, inits[shell], env, ["prod"])[0] for shell in SHELLS} == \
        {shell: "" for shell in SHELLS}


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_a_normal_prompt_starts_no_process(shell, inits, tmp_path):
    """strace counts forks, clones and execs between two markers around 100 prompts."""
    require("strace")
    state = tmp_path / "state"
    now = int(time.time())
    write_state(state, ["prod"], [("prod", "active", now + 3600, "-"), ("dev", "active", 0, "-")])
    start, end = tmp_path / "start-mark", tmp_path / "end-mark"
    start.touch()
    end.touch()
    log = tmp_path / "strace.log"
    env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(state), AWS_PROFILE="prod")
    child = pexpect.spawn("strace", ["-f", "-o", str(log), "-e",
                                     "trace=fork,vfork,clone,clone3,execve,openat",
                                     *shell_argv(shell, interactive=True)],
                          env=env, encoding="utf-8", timeout=20)
    child.delaybeforesend = None
    prompt = re.compile(r"P\[aws:prod \S+ \+1\]> ")
    setup = "PS1='P[${CONE_SHELL_PROMPT}]> '" if shell == "bash" else \
        "setopt prompt_subst; PROMPT='P[${CONE_SHELL_PROMPT}]> '"
    child.sendline(f"{source_line(shell, inits[shell])}; {setup}")
    child.expect(prompt)
    child.sendline(f": < {start}")
    child.expect(prompt)
    for _ in range(100):
        child.sendline("")
        child.expect(prompt)
    child.sendline(f": < {end}")
    child.expect(prompt)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    lines = log.read_text().splitlines()
    first = next(i for i, l in enumerate(lines) if str(start) in l and "openat" in l)
    last = next(i for i, l in enumerate(lines) if str(end) in l and "openat" in l)
    spawned = [l for l in lines[first:last]
               if re.search(r"\b(fork|vfork|clone|clone3|execve)\(", l)]
    assert spawned == []


@pytest.mark.parametrize("shell", SHELLS)
def test_stale_grants_start_one_silent_background_refresh(shell, tmp_path):
    require("tmux")
    fakes = Fakes.create(tmp_path)
    init = tmp_path / f"init.{shell}"
    init.write_text(init_script(shell, binary=str(fakes.cone_shell)))
    state = tmp_path / "state"
    stale = int(time.time()) - 1000
    write_state(state, ["prod"], [("prod", "active", 0, "-")], written=stale, mtime=stale)
    env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(state), PATH="/usr/bin:/bin",
                   **fakes.env())

    def refreshes():
        return [c["args"] for c in fakes.calls() if c["args"][0] == "status"]

    for session in range(2):
        with Tmux.start(shell, env, source_line(shell, init), prompt="P> ") as t:
            for n in range(4):
                t.send_line(f"echo mark{n}")
                t.wait_for(rf"^mark{n}\n(.*\n)*P>\s*$")
            deadline = time.monotonic() + 10
            while not refreshes() and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.3)
            t.send_line("echo end")
            screen = t.wait_for(r"^end\n(.*\n)*P>\s*$")
        assert refreshes() == [["status", "--quiet"]], f"session {session}"
        assert not re.search(r"\[\d+\]|Done|has ended|Job", screen), screen
    # A fresh file starts nothing.
    fakes.clear()
    write_state(state, ["prod"], [("prod", "active", 0, "-")])
    (state / "prompt-refresh").unlink()
    with Tmux.start(shell, env, source_line(shell, init), prompt="P> ") as t:
        t.send_line("echo one")
        t.wait_for(r"^one\n(.*\n)*P>\s*$")
        time.sleep(0.5)
    assert refreshes() == []
