"""Helpers for the `cone-shell interactive` end-to-end tests: a user signed in to the
sandbox with profiles set up, the console on a pseudo-terminal (pexpect) inside a small
shell script that records `stty -a` before and after, and the sandbox's tasks read
through its C1 API."""
from __future__ import annotations

import io
import json
import re
import shlex
from pathlib import Path

import pexpect

from cone import cone_sandbox, cone_shell, run, user_env
from sandbox_support import C1

FORM_PROFILE = "production-databaseadministrator"
APPROVAL_PROFILE = "production-administratoraccess"

# The answers the tests give the form, as the task's requestData must hold them.
ANSWERS = {"ticket": "OPS-12", "reason": "incident", "hours": 2, "notify": ["a@example.com"],
           "acknowledge": True}

# Keys as a terminal sends them.
UP = "\x1b[A"
CTRL_C = "\x03"
CTRL_D = "\x04"

# What the console's wrapper script prints around it.
STTY_BEFORE, STTY_AFTER, STTY_END = "<stty-before>", "<stty-after>", "<stty-end>"
WRAPPER = f"""#!/bin/bash
# TEST-ONLY: the terminal's settings before and after the console, and its exit status.
# Ctrl-C reaches this script too: like an interactive shell, it outlives it.
trap : INT
echo '{STTY_BEFORE}'; stty -a; echo '{STTY_END}'
cone-shell interactive "$@"
echo "<status $?>"
echo '{STTY_AFTER}'; stty -a; echo '{STTY_END}'
"""


def signed_in_user(home: Path, sandbox, **extra: str) -> dict[str, str]:
    """The environment of a user who ran `cone-shell setup` and `cone-shell login --aws`
    against the sandbox (the browser sign-in approved by `cone-sandbox approve-device`),
    with readline's bracketed paste off so the screen holds only what was typed."""
    browser = home / "browser.sh"
    browser.write_text(f'#!/bin/sh\nexec {shlex.quote(cone_sandbox())} approve-device "$1"\n')
    browser.chmod(0o755)
    inputrc = home / ".inputrc"
    inputrc.write_text("set enable-bracketed-paste off\nset bell-style none\n")
    env = user_env(home, sandbox, BROWSER=str(browser), INPUTRC=str(inputrc), TERM="xterm", **extra)
    for args in (["setup", "--sso-url", env["CONE_SANDBOX_SSO_START_URL"]], ["login", "--aws"]):
        result = run([cone_shell(), *args], env)
        assert result.returncode == 0, f"cone-shell {args[0]}: {result.stdout}{result.stderr}"
    return env


class ConsoleSession:
    """`cone-shell interactive` on a pseudo-terminal, in the wrapper script."""

    def __init__(self, child: pexpect.spawn):
        self.child = child

    @classmethod
    def start(cls, env: dict[str, str], *args: str, timeout: float = 15) -> "ConsoleSession":
        script = Path(env["HOME"]) / "console.sh"
        script.write_text(WRAPPER)
        child = pexpect.spawn("bash", [str(script), *args], env=env, encoding="utf-8", timeout=timeout,
                              dimensions=(40, 200), cwd=env["HOME"])
        child.delayafterclose = child.delayafterterminate = 0
        child.logfile_read = io.StringIO()
        session = cls(child)
        session.expect_text(STTY_END)
        return session

    def expect_text(self, text: str, timeout: float | None = None) -> str:
        """Waits for `text` on the screen; returns what came before it."""
        self.child.expect_exact(text, timeout=-1 if timeout is None else timeout)
        return self.child.before

    def expect(self, pattern: str, timeout: float | None = None) -> re.Match:
        self.child.expect(pattern, timeout=-1 if timeout is None else timeout)
        return self.child.match

    def prompt(self) -> None:
        self.expect_text("cone> ")

    def type(self, keys: str) -> None:
        self.child.send(keys)

    def line(self, text: str) -> None:
        self.child.send(text + "\r")

    def finish(self, keys: str = "quit\r") -> int:
        """Leaves the console (with `keys`), checks that the terminal's settings are as
        they were before it, and returns its exit status."""
        self.type(keys)
        status = int(self.expect(r"<status (\d+)>").group(1))
        self.expect_text(STTY_AFTER)
        after = self.expect_text(STTY_END)
        self.child.expect(pexpect.EOF)
        before = self.transcript_between(STTY_BEFORE)
        assert normalized(after) == normalized(before), f"stty before:\n{before}\nafter:\n{after}"
        return status

    def transcript_between(self, marker: str) -> str:
        log = self.child.logfile_read.getvalue()
        start = log.index(marker) + len(marker)
        return log[start:log.index(STTY_END, start)]

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()

    def __enter__(self) -> "ConsoleSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def normalized(stty: str) -> str:
    return " ".join(stty.split())


def alice(sandbox) -> C1:
    """The requester's C1 API client (her client credential, from `cone-sandbox env`)."""
    return C1.sign_in(sandbox.exports)


def my_tasks(sandbox) -> list[dict]:
    """Every task of the sandbox's requester, open or closed."""
    page = alice(sandbox).post("/api/v1/search/tasks", {"pageSize": 100})
    return [view["task"] for view in page.get("list", [])]


def assert_sent_answers(task: dict) -> None:
    """The task's requestData is exactly ANSWERS: compared as JSON text, since Python
    finds 2 == 2.0 and True == 1."""
    assert json.dumps(task["data"], sort_keys=True) == json.dumps(ANSWERS, sort_keys=True), task["data"]


def grant_requests(sandbox) -> int:
    """How many grant tasks were asked for (`POST /api/v1/task/grant`), from the sandbox's log."""
    return sum(count for route, count in sandbox.log()["counts"].items() if "/api/v1/task/grant" in route)
