"""Helpers for the end-to-end tests: find the binaries, run cone-sandbox, build a user's
environment. Everything here drives the real binaries over real HTTP."""
from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def bin_dir() -> Path:
    """The directory of the built binaries: $CONE_SHELL_BIN_DIR, else `swift build`'s."""
    explicit = os.environ.get("CONE_SHELL_BIN_DIR")
    if explicit:
        return Path(explicit)
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    return Path(out)


def cone_shell() -> str:
    return str(bin_dir() / "cone-shell")


def cone_sandbox() -> str:
    return str(bin_dir() / "cone-sandbox")


def parse_exports(text: str) -> dict[str, str]:
    """Reads `export NAME=VALUE` lines (VALUE shell-quoted) into a dict."""
    values = {}
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("export "):
            continue
        name, _, rest = line[len("export "):].partition("=")
        words = shlex.split(rest)
        values[name] = words[0] if words else ""
    return values


class Sandbox:
    """A running `cone-sandbox serve` on a free loopback port."""

    def __init__(self, process: subprocess.Popen, exports: dict[str, str], workdir: Path):
        self.process = process
        self.exports = exports
        self.workdir = workdir

    @classmethod
    def start(cls, workdir: Path, *args: str, timeout: float = 30) -> "Sandbox":
        workdir.mkdir(parents=True, exist_ok=True)
        log = open(workdir / "serve.stderr", "wb")
        process = subprocess.Popen(
            [cone_sandbox(), "serve", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
            env={**os.environ, "HOME": str(workdir)}, text=True)
        lines = []
        deadline = time.monotonic() + timeout
        # serve prints the lines of `cone-sandbox env` once it is ready, then keeps serving.
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            exports = parse_exports("".join(lines))
            if "CONE_SANDBOX_SSO_START_URL" in exports and "CONE_SANDBOX_URL" in exports:
                return cls(process, exports, workdir)
        process.kill()
        raise RuntimeError("cone-sandbox did not start:\n" + "".join(lines)
                           + (workdir / "serve.stderr").read_text(errors="replace"))

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    @property
    def url(self) -> str:
        return self.exports["CONE_SANDBOX_URL"]

    def admin(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Runs a `cone-sandbox` admin command against this instance."""
        return subprocess.run([cone_sandbox(), *args], capture_output=True, text=True,
                              env={**os.environ, **self.exports}, check=check,
                              stdin=subprocess.DEVNULL, timeout=60)

    def log(self) -> dict:
        """The request log as JSON: counts per route."""
        return json.loads(self.admin("log", "--json").stdout)


def user_env(home: Path, sandbox: Sandbox | None = None, **extra: str) -> dict[str, str]:
    """A minimal environment for a user with this HOME: only PATH and locale from the
    test runner, the binaries on PATH, and the sandbox's exports."""
    env = {
        "HOME": str(home),
        "PATH": f"{bin_dir()}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "AWS_EC2_METADATA_DISABLED": "true",
        "CI": "true",
        # No background watcher outlives a test unless the test asks for one.
        "CONE_SHELL_WATCH": "0",
    }
    if sandbox is not None:
        env.update(sandbox.exports)
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str], *, input: str | None = None,
        timeout: float = 120, check: bool = False) -> subprocess.CompletedProcess:
    """Runs a command with no terminal, capturing text output."""
    return subprocess.run(args, env=env, input=input, capture_output=True, text=True,
                          timeout=timeout, check=check,
                          stdin=None if input is not None else subprocess.DEVNULL)
