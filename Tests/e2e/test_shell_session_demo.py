"""`make demo` (scripts/demo.sh): without a terminal it prints the tour, runs it as a
script and exits 0; on a terminal a newcomer gets a working prompt, and the demo's
`approve` helper approves a request from the same terminal. Either way the sandbox
stops and the throwaway HOME goes when the demo ends, and the user's HOME is untouched."""
import os
import re
import subprocess
import time

import pytest

from cone import ROOT, bin_dir
from shell_support import Tmux, arn_pattern, quote, require

DEMO = ROOT / "scripts" / "demo.sh"


@pytest.fixture
def demo_env(tmp_path):
    require("aws")
    home = tmp_path / "user-home"
    home.mkdir()
    temp = tmp_path / "tmp"
    temp.mkdir()
    # The user's own settings must not leak into the demo.
    return {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
            "TERM": "xterm-256color", "TMPDIR": str(temp), "CONE_SHELL_BIN_DIR": str(bin_dir()),
            "AWS_PROFILE": "users-own", "XDG_STATE_HOME": str(home / "state"), "CONE_CLIENT_ID": "nope",
            "CONE_SHELL_WATCH": "0"}


def left_behind(env):
    return sorted(os.listdir(env["TMPDIR"])) + sorted(os.listdir(env["HOME"]))


def test_without_a_terminal_the_tour_runs_as_a_script(demo_env):
    out = subprocess.run([str(DEMO)], env={**demo_env, "CI": "true"}, stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "cone-shell demo" in out.stdout and "cone-sandbox approve N" in out.stdout
    assert re.search(arn_pattern("ReadOnlyAccess"), out.stdout), out.stdout
    assert re.search(arn_pattern("AdministratorAccess"), out.stdout), out.stdout
    assert re.search(r"production-administratoraccess +111111111111 +AdministratorAccess +active", out.stdout)
    assert left_behind(demo_env) == []


def test_on_a_terminal_a_newcomer_gets_a_working_prompt(demo_env, tmp_path):
    require("tmux")
    work = tmp_path / "work"
    work.mkdir()
    with Tmux.start("bash", demo_env, f"exec {quote('bash', str(DEMO))}", prompt="", workdir=work) as t:
        t.wait_for(r"\(demo\) ~ [$#]\s*$", timeout=120)
        t.send_keys("C-l")
        t.send_line("aws sts get-caller-identity --profile production-administratoraccess")
        t.wait_for(r"Waiting for approval by bob@example\.com \(task \d+\)")
        # Ctrl-C leaves the request open; the prompt shows it pending, `approve` grants it.
        t.send_keys("C-c")
        t.wait_for(r"^\(demo\) \[aws:production-administratoraccess ⧗#\d+\] ~ [$#]\s*$")
        t.send_line("approve")
        t.wait_for(r"^Approved task \d+")
        t.wait_for(r"^\(demo\) \[aws:production-administratoraccess (1h59m|2h00m)\] ~ [$#]\s*$")
        t.send_keys("C-l")
        t.send_line("aws sts get-caller-identity --profile production-administratoraccess")
        screen = t.wait_for(arn_pattern("AdministratorAccess"), timeout=30)
        assert "Access request" not in screen
        t.send_line("exit")
        # The demo stops the sandbox and removes its directory, then tmux ends.
        deadline = time.monotonic() + 30
        while left_behind(demo_env) and time.monotonic() < deadline:
            time.sleep(0.1)
    assert left_behind(demo_env) == []


def test_repo_scripts_pass_the_linters():
    """The demo, `make test`'s and `make bench`'s scripts and CI's entry point."""
    require("shellcheck", "shfmt")
    demo = [str(DEMO), str(ROOT / "scripts" / "demo" / "bashrc")]
    scripts = demo + [str(p) for p in (ROOT / "scripts").glob("*.sh") if p != DEMO] + [
        str(ROOT / "bench" / "run.sh"), str(ROOT / ".ci" / "run")]
    # The demo is a user's first sight of the project: its scripts meet every optional check too.
    for files, checks in ((demo, ["--enable=all"]), (scripts, [])):
        lint = subprocess.run(["shellcheck", *checks, "--shell=bash", *files], capture_output=True, text=True)
        assert lint.returncode == 0, lint.stdout
    fmt = subprocess.run(["shfmt", "-d", *scripts], capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout
