"""Helpers for the shell-integration tests: the init scripts, state files, test-only
fakes of `aws` and `cone-shell`, shells run with and without a terminal, and a tmux
driver for whole sessions.

Tmux API (for end-to-end sessions):
    with Tmux.start("zsh", env, rc="source init.zsh") as t:
        t.send_line("aws sts get-caller-identity --profile prod")
        t.wait_for(r"Arn")             # regex on the screen; returns the screen
        t.send_keys("C-c")             # tmux key names
        screen = t.capture()
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pexpect

from cone import ROOT, cone_sandbox, cone_shell, run

SHELLS = ("bash", "zsh", "fish")
TEMPLATES = {shell: ROOT / "shell" / f"cone-shell.{shell}" for shell in SHELLS}


# -- init scripts -------------------------------------------------------------

def quote(shell: str, value: str) -> str:
    """Single-quotes `value` the way `ShellKind.quote` does."""
    if shell == "fish":
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return "'" + value.replace("'", "'\\''") + "'"


def init_script(shell: str, binary: str | None = None) -> str:
    """`cone-shell init SHELL`, with the binary's path replaced by `binary` if given
    (a test-only fake of `cone-shell request`/`status`)."""
    text = subprocess.run([cone_shell(), "init", shell], check=True, capture_output=True,
                          text=True).stdout
    if binary is not None:
        real = os.path.realpath(cone_shell())
        assert quote(shell, real) in text
        text = text.replace(quote(shell, real), quote(shell, binary))
    return text


def source_line(shell: str, path: Path) -> str:
    return f"source {quote(shell, str(path))}"


# -- state files ----------------------------------------------------------------

def write_state(state_dir: Path, profiles=(), grants=None, written: int | None = None,
                mtime: int | None = None, stamp: bool = True) -> None:
    """Writes `profiles` (names, or (name, account, role) tuples) with the
    `profiles-stamp` the binary writes after it (unless `stamp` is false, as before
    cone-shell wrote one) and, unless `grants` is None, `grants` ((profile, state,
    expires, task) tuples) with a `written` header (default: now). `mtime` also sets
    the grants file's mtime (fish reads the time from it)."""
    state_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    for i, p in enumerate(profiles):
        name, account, role = (p, f"{111111111111 + i}", "Role") if isinstance(p, str) else p
        lines.append(f"{name}\t{account}\t{role}\n")
    (state_dir / "profiles").write_text("".join(lines))
    if stamp:
        written_ns = (state_dir / "profiles").stat().st_mtime_ns
        (state_dir / "profiles-stamp").write_text(f"{written_ns // 10**9}.{written_ns % 10**9}\n")
    elif (state_dir / "profiles-stamp").exists():
        (state_dir / "profiles-stamp").unlink()
    if grants is not None:
        now = int(time.time())
        text = f"written\t{now if written is None else written}\n"
        text += "".join(f"{p}\t{s}\t{e}\t{t}\n" for p, s, e, t in grants)
        (state_dir / "grants").write_text(text)
        if mtime is not None:
            os.utime(state_dir / "grants", (mtime, mtime))


# -- test-only fakes --------------------------------------------------------------

# Each call appends a record to $FAKE_LOG: its fields end with \x1f, the record with
# \x1e, so any argument (newlines included) comes back intact.
FAKE_AWS = r'''#!/bin/sh
# TEST-ONLY fake of the AWS CLI: records its arguments and whether stdin is a terminal,
# prints a line, exits with $FAKE_AWS_STATUS.
tty=0; [ -t 0 ] && tty=1
{ printf 'aws\037%s\037' "$tty"; for a in "$@"; do printf '%s\037' "$a"; done; printf '\036'; } >>"$FAKE_LOG"
echo "fake-aws ran"
exit "${FAKE_AWS_STATUS:-0}"
'''

FAKE_CONE_SHELL = r'''#!/bin/sh
# TEST-ONLY fake of `cone-shell request`, `status` and `extend`: records its arguments
# and whether stdin and stderr are a terminal, then exits with $FAKE_REQUEST_STATUS
# (request) or 0. Anything else goes to the real binary ($FAKE_REAL_CONE_SHELL).
case $1 in
request | status | extend) ;;
*) exec "$FAKE_REAL_CONE_SHELL" "$@" ;;
esac
tty=0; [ -t 0 ] && [ -t 2 ] && tty=1
{ printf 'cone-shell\037%s\037' "$tty"; for a in "$@"; do printf '%s\037' "$a"; done; printf '\036'; } >>"$FAKE_LOG"
if [ "$1" = request ]; then
	echo "fake request: waiting for approval" >&2
	exit "${FAKE_REQUEST_STATUS:-0}"
fi
'''


@dataclass
class Fakes:
    """A directory with a fake `aws` (put it first on PATH) and a fake cone-shell, and
    the log both append to."""
    bin: Path
    cone_shell: Path
    log: Path

    @classmethod
    def create(cls, root: Path) -> "Fakes":
        bin_dir = root / "fakebin"
        bin_dir.mkdir(parents=True, exist_ok=True)
        for name, text in (("aws", FAKE_AWS), ("fake-cone-shell", FAKE_CONE_SHELL)):
            path = bin_dir / name
            path.write_text(text)
            path.chmod(0o755)
        return cls(bin_dir, bin_dir / "fake-cone-shell", root / "calls.jsonl")

    def env(self) -> dict[str, str]:
        return {"FAKE_LOG": str(self.log), "FAKE_REAL_CONE_SHELL": os.path.realpath(cone_shell())}

    def calls(self) -> list[dict]:
        """Each call: {"cmd": "aws" or "cone-shell", "tty": bool, "args": [...]}."""
        if not self.log.exists():
            return []
        calls = []
        for record in self.log.read_text().split("\x1e")[:-1]:
            cmd, tty, *args = record.split("\x1f")[:-1]
            calls.append({"cmd": cmd, "tty": tty == "1", "args": args})
        return calls

    def clear(self) -> None:
        self.log.unlink(missing_ok=True)


# -- running shells ---------------------------------------------------------------

def shell_argv(shell: str, *, interactive: bool = False, strict: bool = False) -> list[str]:
    """The shell without any rc file, optionally interactive and strict."""
    argv = {"bash": ["bash", "--norc", "--noprofile"], "zsh": ["zsh", "-f"],
            "fish": ["fish", "--no-config"]}[shell]
    if interactive:
        argv.append("-i")
    if strict:
        argv += {"bash": ["-euo", "pipefail"], "zsh": ["-eu"], "fish": []}[shell]
    return argv


@dataclass
class Result:
    status: int
    stdout: str
    stderr: str = ""


def run_shell(shell: str, script: str, env: dict[str, str], *, interactive: bool = False,
              strict: bool = False, timeout: float = 30) -> Result:
    """Runs `script` with no terminal (stdin /dev/null, output captured)."""
    out = subprocess.run([*shell_argv(shell, interactive=interactive, strict=strict), "-c", script],
                         env=env, capture_output=True, text=True, timeout=timeout,
                         stdin=subprocess.DEVNULL)
    return Result(out.returncode, out.stdout, out.stderr)


def run_tty(shell: str, script: str, env: dict[str, str], *, timeout: float = 30,
            answers: tuple[tuple[str, str], ...] = ()) -> Result:
    """Runs `script` with a terminal on stdin, stdout and stderr (merged into stdout),
    typing each answer's line once its question (a regex) shows."""
    child = pexpect.spawn(shell_argv(shell)[0], [*shell_argv(shell)[1:], "-c", script], env=env,
                          encoding="utf-8", timeout=timeout, dimensions=(40, 200))
    child.delayafterclose = child.delayafterterminate = 0
    output = ""
    for question, answer in answers:
        child.expect(question)
        output += child.before + child.after
        child.sendline(answer)
    output += child.read()
    child.wait()
    child.close()
    status = child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)
    return Result(status, output.replace("\r\n", "\n"))


def base_env(home: Path, **extra: str) -> dict[str, str]:
    """A minimal environment: HOME, a UTF-8 locale, PATH and TERM."""
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "LANG": "C.UTF-8", "TERM": "xterm-256color"}
    env.update(extra)
    return env


# -- tmux ---------------------------------------------------------------------------

class Tmux:
    """A shell in a detached tmux session on a private server."""

    def __init__(self, socket: str, target: str):
        self.socket = socket
        self.target = target

    @classmethod
    def start(cls, shell: str, env: dict[str, str], rc: str = "", *, workdir: Path | None = None,
              width: int = 160, height: int = 40, prompt: str = "$ ") -> "Tmux":
        """Starts SHELL interactively with only `env`, after running the rc text `rc`.
        The prompt is set to `prompt` (bash PS1, zsh PROMPT with prompt_subst, fish
        fish_prompt) before `rc` runs, so rc may change it."""
        workdir = Path(workdir or env.get("HOME", "/tmp"))
        rcdir = workdir / f".tmux-rc-{uuid.uuid4().hex[:8]}"
        rcdir.mkdir(parents=True)
        if shell == "bash":
            (rcdir / "bashrc").write_text(f"PS1={quote('bash', prompt)}\n{rc}\n")
            argv = ["bash", "--noprofile", "--rcfile", str(rcdir / "bashrc"), "-i"]
        elif shell == "zsh":
            (rcdir / ".zshrc").write_text(f"setopt prompt_subst\nPROMPT={quote('zsh', prompt)}\n{rc}\n")
            env = {**env, "ZDOTDIR": str(rcdir)}
            argv = ["zsh", "-i"]
        else:
            (rcdir / "config.fish").write_text(
                f"function fish_prompt; printf '%s' {quote('fish', prompt)}; end\n"
                f"function fish_greeting; end\n{rc}\n")
            argv = ["fish", "--no-config", "-i", "-C", f"source {quote('fish', str(rcdir / 'config.fish'))}"]
        socket = f"cone-shell-test-{uuid.uuid4().hex[:12]}"
        command = " ".join(quote("bash", a) for a in ["env", "-i", *[f"{k}={v}" for k, v in env.items()], *argv])
        subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", str(width),
                        "-y", str(height), "-c", str(workdir), command], check=True)
        return cls(socket, "0")

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True,
                              text=True).stdout

    def send_keys(self, *keys: str) -> None:
        """Sends tmux key names (`Enter`, `C-c`, `Tab`)."""
        self.tmux("send-keys", "-t", self.target, *keys)

    def send_text(self, text: str) -> None:
        """Types `text` literally."""
        self.tmux("send-keys", "-t", self.target, "-l", text)

    def send_line(self, text: str) -> None:
        self.send_text(text)
        self.send_keys("Enter")

    def capture(self) -> str:
        """The visible pane, trailing blank lines removed."""
        return self.tmux("capture-pane", "-p", "-t", self.target).rstrip("\n")

    def wait_for(self, pattern: str, timeout: float = 10) -> str:
        """Polls the pane until the regex `pattern` matches; returns the pane."""
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern, re.MULTILINE)
        while True:
            screen = self.capture()
            if regex.search(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {pattern!r}; screen:\n{screen}")
            time.sleep(0.05)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)

    def __enter__(self) -> "Tmux":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def require(*commands: str) -> None:
    """Fails (never skips) when a tool the tests need is missing: `make test` installs them."""
    missing = [c for c in commands if shutil.which(c) is None]
    assert not missing, f"missing {missing}: run scripts/install-deps.sh"


# -- a user of the sandbox, in a real shell --------------------------------------------

def signed_in_user(sandbox, env: dict[str, str], workdir: Path) -> dict[str, str]:
    """Prepares the user of `env` (a fresh HOME pointed at `sandbox`) as a newcomer would:
    `cone-shell setup`, then `cone-shell login --aws`, whose "browser" is a script that
    approves the device sign-in with `cone-sandbox approve-device`. Returns `env`."""
    browser = workdir / "browser"
    browser.write_text(f'#!/bin/sh\nexec {quote("bash", cone_sandbox())} approve-device "$1" >/dev/null 2>&1\n')
    browser.chmod(0o755)
    setup = run([cone_shell(), "setup", "--sso-url", env["CONE_SANDBOX_SSO_START_URL"]], env)
    assert setup.returncode == 0, setup.stderr
    login = run([cone_shell(), "login", "--aws"], {**env, "BROWSER": str(browser)})
    assert login.returncode == 0, login.stderr
    return env


def session_rc(shell: str) -> tuple[str, str]:
    """(rc, prompt) for Tmux.start: the init loaded the way the README says, and a
    prompt `[SEGMENT] $ ` (just `$ ` while the segment is empty)."""
    if shell == "fish":
        return ("cone-shell init fish | source\n"
                "function fish_prompt\n"
                "    set -l segment (cone_shell_prompt)\n"
                "    test -n \"$segment\"; and printf '[%s] ' $segment\n"
                "    printf '$ '\n"
                "end\n", "$ ")
    return f'eval "$(cone-shell init {shell})"', "${CONE_SHELL_PROMPT:+[$CONE_SHELL_PROMPT] }$ "


# The last command's status, in each shell's words.
LAST_STATUS = {"bash": "$?", "zsh": "$?", "fish": "$status"}


def arn_pattern(role: str) -> str:
    """A regex for the ARN `aws sts get-caller-identity` prints for alice in the
    sandbox's Production account with permission set `role`."""
    return (r'"Arn": "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_' + role
            + r'_[0-9a-f]+/alice@example\.com"')


def last_prompt(screen: str) -> str:
    """The last non-empty line of a screen: the prompt the shell shows now."""
    lines = [line for line in screen.splitlines() if line.strip()]
    return lines[-1] if lines else ""
