"""The prompt segment: the same text from cone_shell_prompt in bash, zsh and fish and from
`cone-shell prompt`, no process started on a normal prompt, and at most one background
refresh for a stale grants file."""
import os
import random
import re
import subprocess
import time
from pathlib import Path

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


def corrupt_files(now):
    """Files that break the grants rule every way we know of, each with what the prompt
    shows for prod (None: whatever the binary shows; all readers must still agree)."""
    junk = random.Random(12).randbytes(3000)
    return {
        "empty": (b"", ""),
        "header only": (b"written\t1\n", ""),
        "19-digit expiry": (b"written\t1\nprod\tactive\t1234567890123456789\t-\ndev\tactive\t0\t-\n", "aws +1"),
        "20-digit header": (b"written\t99999999999999999999\nprod\tactive\t0\t-\n", "aws:prod ∞"),
        "18-digit expiry": (b"written\t1\nprod\tactive\t999999999999999999\t-\n", "aws:prod ∞"),
        "huge task": (b"written\t1\nprod\tpending\t0\t" + b"9" * 40 + b"\n", "aws:prod ⧗#" + "9" * 40),
        "negative expiry": (b"written\t1\nprod\tactive\t-5\t-\n", ""),
        "leading zeros": (b"written\t1\nprod\tactive\t" + str(now + 600).zfill(18).encode() + b"\t-\n",
                          "aws:prod 10m"),
        "code in expiry": (b"written\t1\nprod\tactive\ta[$(touch pwned)]\t-\n", ""),
        "NUL after the task": (b"written\t1\nprod\tactive\t0\t-\0garbage\n", "aws:prod ∞"),
        "NUL in the expiry": (b"written\t1\nprod\tactive\t0\0\t-\ndev\tactive\t0\t-\n", "aws +1"),
        "NUL lines": (b"\0\0\n\0written\t1\nprod\tpending\t0\t\0" + b"7\n\0", ""),
        "NUL in the header": (b"written\t12\0" + b"34\nprod\tactive\t0\t-\n", "aws:prod ∞"),
        "extra tabs": (b"written\t1\nprod\tactive\t0\t-\t\nprod\t\tactive\t0\t-\n\tprod\tactive\t0\t-\n", ""),
        "three fields": (b"written\t1\nprod\tactive\t0\n", ""),
        "empty task": (b"written\t1\nprod\tpending\t0\t\n", ""),
        "CR LF": (b"written\t1\r\nprod\tactive\t0\t-\r\ndev\tactive\t0\t-\n", "aws +1"),
        "C0 in the profile": (b"written\t1\npr\x1bod\tactive\t0\t-\nprod\tpending\t0\t5\n", "aws:prod ⧗#5"),
        "C1 in the profile": (b"written\t1\nprod\xc2\x9b\tactive\t0\t-\nq\xc2\x85a\tactive\t0\t-\n", ""),
        "DEL and ESC in the task": (b"written\t1\nprod\tpending\t0\t12\x7f\nprod\tpending\t0\t1\x1b[2J\n", ""),
        "no-break space": (b"written\t1\ndev\xc2\xa0x\tactive\t0\t-\nprod\tactive\t0\t-\n", "aws:prod ∞ +1"),
        "not UTF-8": (b"written\t1\nd\xffev\tactive\t0\t-\nprod\tactive\t0\t-\n", "aws:prod ∞ +1"),
        "missing header": (b"prod\tactive\t0\t-\nwritten\t5\n", "aws:prod ∞"),
        "a none line first": (b"written\t1\nprod\tnone\t0\t-\nprod\tactive\t0\t-\n", "aws:prod ∞"),
        "the first line counts": (b"written\t1\nprod\tpending\t0\t7\nprod\tactive\t0\t-\n", "aws:prod ⧗#7"),
        "unknown state": (b"written\t1\nprod\tbogus\t0\t-\n", ""),
        "huge line": (b"written\t1\n" + b"x" * 1_000_000 + b"\tactive\t0\t-\nprod\tactive\t0\t-\n",
                      "aws:prod ∞ +1"),
        "20,000 old lines": (b"written\t1\n" + b"".join(b"p%05d\tnone\t0\t-\n" % i for i in range(20000))
                             + b"prod\tactive\t0\t-\n", "aws:prod ∞"),
        "binary junk": (junk, None),
        "binary junk, then a grant": (junk + b"\nprod\tactive\t0\t-\n", None),
    }


HOOK = {
    "bash": 'for p in {words}; do export AWS_PROFILE="$p"; __cone_shell_hook; printf "%s|" "$CONE_SHELL_PROMPT"; done',
    "zsh": 'for p in {words}; do export AWS_PROFILE="$p"; __cone_shell_hook; printf "%s|" "$CONE_SHELL_PROMPT"; done',
    "fish": 'for p in {words}; set -gx AWS_PROFILE $p; __cone_shell_hook; printf "%s|" "$CONE_SHELL_PROMPT"; end',
}
# What `bash -i` says without a terminal, before it reads anything.
BASH_NOISE = ("bash: cannot set terminal process group", "bash: no job control")


def hook_segments(shell, init, env, profiles):
    """CONE_SHELL_PROMPT after the prompt hook, for each profile (as AWS_PROFILE), in an
    interactive shell; and what the shell said on stderr."""
    words = " ".join(quote(shell, p) for p in profiles)
    out = subprocess.run([*shell_argv(shell, interactive=True), "-c",
                          f"{source_line(shell, init)}\n{HOOK[shell].format(words=words)}"],
                         env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
    stderr = [line for line in out.stderr.decode(errors="replace").splitlines() if not line.startswith(BASH_NOISE)]
    return out.stdout.decode(errors="replace").split("|")[:-1], stderr


def test_corrupt_grants_read_alike_everywhere_and_silently(inits, tmp_path):
    """The same corrupt files through the binary's reader (`cone-shell prompt`) and the
    prompt hooks of bash, zsh and fish: one answer, and nothing on stderr."""
    now = int(time.time())
    profiles = ["prod", "dev", "qa", "written", ""]
    disagreements, noise = {}, {}
    for case, (data, expected) in corrupt_files(now).items():
        state = tmp_path / "cases" / case.replace(" ", "-")
        state.mkdir(parents=True)
        (state / "grants").write_bytes(data)
        # Written a minute ago, so that fish keeps its answer between prompts too.
        os.utime(state / "grants", (now - 60, now - 60))
        env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(state), CONE_SHELL_REFRESH_SECONDS="0",
                       CONE_SHELL_PROMPT_WARN="0")
        binary = [subprocess.run([cone_shell(), "prompt"], env={**env, "AWS_PROFILE": p}, capture_output=True,
                                 timeout=30) for p in profiles]
        answers = {"binary": [b.stdout.decode(errors="replace") for b in binary]}
        noise.update({f"{case} binary": b.stderr.decode() for b in binary if b.stderr})
        for shell in SHELLS:
            answers[shell], said = hook_segments(shell, inits[shell], env, profiles)
            if said:
                noise[f"{case} {shell}"] = said
        if expected is not None:
            assert answers["binary"][0] == expected, case
        if any(answer != answers["binary"] for answer in answers.values()):
            disagreements[case] = answers
    assert disagreements == {}
    assert noise == {}
    assert not list(tmp_path.rglob("pwned")) and not (Path.cwd() / "pwned").exists()


def test_no_control_character_from_data_reaches_the_prompt(inits, tmp_path):
    """A profile name (from AWS_PROFILE, the command line) shows its control characters as
    U+FFFD in every shell and in `cone-shell prompt`; a task number that is not digits is
    not shown at all. The user's own formats are theirs: their escapes stay."""
    state = tmp_path / "state"
    state.mkdir()
    (state / "grants").write_bytes(b"written\t1\ndev\tactive\t0\t-\nqa\tpending\t0\t12\x1b]0;x\x07\n")
    hostile = "x\x1b]52;c;aGk=\x07\x1b[2J\u009b6n\x7f\u0085y"
    env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(state), CONE_SHELL_PROMPT_NONE="aws:{profile}",
                   CONE_SHELL_PROMPT_OTHERS="\x1b[1m+{count}", CONE_SHELL_PROMPT_PENDING="{profile} #{task}")
    expected = "aws:x\ufffd]52;c;aGk=\ufffd\ufffd[2J\ufffd6n\ufffd\ufffdy \x1b[1m+1"
    for shell in SHELLS:
        got, said = hook_segments(shell, inits[shell], env, [hostile, "qa"])
        assert (got, said) == ([expected, "aws:qa \x1b[1m+1"], []), shell
    for profile, shown in ((hostile, expected), ("qa", "aws:qa \x1b[1m+1")):
        assert subprocess.run([cone_shell(), "prompt"], env={**env, "AWS_PROFILE": profile}, capture_output=True,
                              text=True).stdout == shown


def test_zsh_shows_a_percent_in_a_profile_as_it_is(tmp_path):
    """zsh expands `%` escapes in the prompt: a profile named `50%Boff` shows as such,
    not as `50off` in bold."""
    require("tmux")
    state = tmp_path / "state"
    write_state(state, [], [("50%Boff", "active", 0, "-")])
    init = tmp_path / "init.zsh"
    init.write_text(init_script("zsh"))
    env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(state), AWS_PROFILE="50%Boff")
    with Tmux.start("zsh", env, source_line("zsh", init), prompt="[${CONE_SHELL_PROMPT}] $ ") as t:
        t.wait_for(r"^\[aws:50%Boff ∞\] \$\s*$")
    assert subprocess.run([cone_shell(), "prompt", "--markup", "zsh"], env=env, capture_output=True,
                          text=True).stdout == "aws:50%%Boff ∞"


@pytest.mark.parametrize("shell", SHELLS)
def test_the_prompt_follows_every_change(shell, inits, tmp_path):
    """The hooks keep their answer between prompts, until the grants file, the profile or
    the time (a grant ending) changes it."""
    state = tmp_path / "state"
    now = int(time.time())
    write_state(state, [], [("prod", "active", now + 600 - 30, "-"), ("dev", "active", now + 4, "-")])
    os.utime(state / "grants", (now - 60, now - 60))
    env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(state), CONE_SHELL_REFRESH_SECONDS="0", AWS_PROFILE="prod",
                   CONE_SHELL_PROMPT_WARN="0")
    grants = quote(shell, str(state / "grants"))
    rewrite = f"printf 'written\\t1\\nprod\\tpending\\t0\\t5\\ndev\\tactive\\t{now + 4}\\t-\\n' >{grants}"
    show = {"fish": 'printf "%s|" "$CONE_SHELL_PROMPT"', "bash": 'printf "%s|" "$CONE_SHELL_PROMPT"',
            "zsh": 'printf "%s|" "$CONE_SHELL_PROMPT"'}[shell]
    profile = "set -gx AWS_PROFILE dev" if shell == "fish" else "export AWS_PROFILE=dev"
    back = "set -gx AWS_PROFILE prod" if shell == "fish" else "export AWS_PROFILE=prod"
    steps = ["", "", rewrite, profile, back, "sleep 5"]
    script = "\n".join(f"{step}\n__cone_shell_hook\n{show}" for step in steps)
    out = run_shell(shell, f"{source_line(shell, inits[shell])}\n{script}", env, interactive=True)
    assert out.stdout.split("|")[:-1] == ["aws:prod 10m +1", "aws:prod 10m +1", "aws:prod ⧗#5 +1",
                                          "aws:dev 1m", "aws:prod ⧗#5 +1", "aws:prod ⧗#5"], out


def test_the_refresh_stamp_is_never_written_through_a_link_or_into_anothers_directory(tmp_path):
    """With grants older than the refresh interval the hook writes `prompt-refresh` and
    starts a refresh: not when the stamp is a symbolic link (its target stays as it was),
    and not in a state directory that is not the user's own."""
    fakes = Fakes.create(tmp_path)
    stale = int(time.time()) - 1000
    target = tmp_path / "target"
    cases = {"link": tmp_path / "linked", "owner": tmp_path / "foreign"}
    for directory in cases.values():
        write_state(directory, ["prod"], [("prod", "active", 0, "-")], written=stale, mtime=stale)
    target.write_text("keep\n")
    (cases["link"] / "prompt-refresh").symlink_to(target)
    if os.geteuid() == 0:
        os.chown(cases["owner"], 65534, 65534)
    else:
        del cases["owner"]  # only root can give a directory away
    for shell in SHELLS:
        init = tmp_path / f"init.{shell}"
        init.write_text(init_script(shell, binary=str(fakes.cone_shell)))
        for case, directory in cases.items():
            env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(directory), **fakes.env())
            out = run_shell(shell, f"{source_line(shell, init)}\n__cone_shell_hook", env, interactive=True)
            assert [l for l in out.stderr.splitlines() if not l.startswith(BASH_NOISE)] == [], (shell, case)
            time.sleep(0.2)
            assert target.read_text() == "keep\n", (shell, case)
            assert fakes.calls() == [], (shell, case)
    if "owner" in cases:
        assert not (cases["owner"] / "prompt-refresh").exists()
    # The same hook does write the stamp and refresh in a directory of the user's own.
    (cases["link"] / "prompt-refresh").unlink()
    env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(cases["link"]), **fakes.env())
    run_shell("bash", f"{source_line('bash', tmp_path / 'init.bash')}\n__cone_shell_hook", env, interactive=True)
    deadline = time.monotonic() + 10
    while not fakes.calls() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [c["args"] for c in fakes.calls()] == [["status", "--quiet"]]
    assert (cases["link"] / "prompt-refresh").read_text().strip().isdigit()


@pytest.mark.parametrize("left", [3600, 300], ids=["an hour left", "in the warning window"])
@pytest.mark.parametrize("shell", SHELLS)
def test_a_normal_prompt_starts_no_process(shell, left, inits, tmp_path):
    """strace counts forks, clones and execs between two markers around 100 prompts,
    with a grant an hour from its end and one inside the warning time (⚠)."""
    require("strace")
    state = tmp_path / "state"
    now = int(time.time())
    write_state(state, ["prod"], [("prod", "active", now + left, "-"), ("dev", "active", 0, "-")])
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
    prompt = re.compile(r"P\[aws:prod (⚠)?\d+m \+1\]> " if left < 3600 else r"P\[aws:prod 1h00m \+1\]> ")
    setup = {
        "bash": "PS1='P[${CONE_SHELL_PROMPT}]> '",
        "zsh": "setopt prompt_subst; PROMPT='P[${CONE_SHELL_PROMPT}]> '",
        "fish": "function fish_prompt; printf 'P[%s]> ' (cone_shell_prompt); end",
    }[shell]
    child.sendline(f"{source_line(shell, inits[shell])}; {setup}")
    child.expect(prompt)
    # A builtin that opens the marker file: its openat brackets the prompts.
    mark = "read -l _mark <" if shell == "fish" else ": <"
    child.sendline(f"{mark} {start}")
    child.expect(prompt)
    for _ in range(100):
        child.sendline("")
        child.expect(prompt)
    child.sendline(f"{mark} {end}")
    child.expect(prompt)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    lines = log.read_text().splitlines()
    first = next(i for i, l in enumerate(lines) if str(start) in l and "openat" in l)
    last = next(i for i, l in enumerate(lines) if str(end) in l and "openat" in l)
    # A thread (fish's pool for history and highlighting) is not a process.
    spawned = [l for l in lines[first:last]
               if re.search(r"\b(fork|vfork|clone|clone3|execve)\(", l) and "CLONE_THREAD" not in l]
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


@pytest.mark.parametrize("settings,expected", [
    ({}, "aws:prod ⚠4m"),
    ({"CONE_SHELL_PROMPT_WARN": "3"}, "aws:prod 4m"),
    ({"CONE_SHELL_PROMPT_WARN": "x"}, "aws:prod ⚠4m"),  # not a number: the default, 10
    ({"CONE_SHELL_PROMPT_EXPIRING": "{profile} ends in {minutes} min"}, "prod ends in 4 min"),
    ({"CONE_SHELL_PROMPT_COLOR": "1"}, "\x1b[31maws:prod ⚠4m\x1b[0m"),
    ({"CONE_SHELL_PROMPT_COLOR": "1", "CONE_SHELL_PROMPT_COLOR_EXPIRING": "1;35"}, "\x1b[1;35maws:prod ⚠4m\x1b[0m"),
])
def test_the_prompt_warns_before_the_end(settings, expected, inits, tmp_path):
    """Under CONE_SHELL_PROMPT_WARN minutes (default 10) the segment takes the warning
    format, in every shell and in `cone-shell prompt` alike; with a grant further off,
    the usual one."""
    state = tmp_path / "state"
    now = int(time.time())
    write_state(state, [], [("prod", "active", now + 4 * 60 - 30, "-"), ("dev", "active", now + 3600 * 3, "-")])
    os.utime(state / "grants", (now - 60, now - 60))
    env = base_env(tmp_path, CONE_SHELL_STATE_DIR=str(state), CONE_SHELL_REFRESH_SECONDS="0", **settings)
    binary = subprocess.run([cone_shell(), "prompt", "--profile", "prod"], env=env, capture_output=True, text=True)
    assert binary.stdout == expected + " +1"
    for shell in SHELLS:
        got, said = hook_segments(shell, inits[shell], env, ["prod", "dev"])
        plain = [segment.replace("\x01", "").replace("\x02", "").replace("%{", "").replace("%}", "") for segment in got]
        assert (plain, said) == ([expected + " +1", binary_for(env, "dev")], []), shell


def binary_for(env, profile):
    return subprocess.run([cone_shell(), "prompt", "--profile", profile], env=env, capture_output=True, text=True).stdout
