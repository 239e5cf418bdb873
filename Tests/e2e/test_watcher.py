"""Issue 15 item 5: a pending request resolves by itself. After `request` leaves a task
open, a detached watcher polls it; once bob decides in cone-sandbox, the grants file and
so the prompt change without any command, and a desktop notification says so."""
import os
import re
import signal
import subprocess
import time

import pytest

from access_support import Person

APPROVAL = "production-administratoraccess"

# TEST-ONLY notify-send: records its arguments.
NOTIFY = """#!/bin/sh
printf '%s\\n' "$*" >>"$CONE_TEST_NOTIFY_LOG"
"""


@pytest.fixture
def alice(home, sandbox, tmp_path):
    fake = tmp_path / "fake-bin"
    fake.mkdir()
    (fake / "notify-send").write_text(NOTIFY)
    (fake / "notify-send").chmod(0o755)
    person = Person(home, sandbox, CONE_SHELL_WATCH="1", CONE_TEST_NOTIFY_LOG=str(tmp_path / "notified"))
    person.env["PATH"] = f"{fake}:{person.env['PATH']}"
    person.ready()
    yield person
    for record in watchers(person):
        os.kill(record["pid"], signal.SIGTERM)


def watchers(alice) -> list[dict]:
    directory = alice.state_dir / "watchers"
    records = []
    for path in directory.iterdir() if directory.exists() else []:
        profile, task, task_id, started, pid = path.read_text().rstrip("\n").split("\t")
        records.append({"profile": profile, "task": task, "pid": int(pid)})
    return records


def prompt(alice) -> str:
    init = alice.cone("init", "bash").stdout
    script = f"{init}\n__cone_shell_hook\nprintf '%s' \"$CONE_SHELL_PROMPT\""
    return subprocess.run(["bash", "-c", script], env={**alice.env, "AWS_PROFILE": APPROVAL},
                          capture_output=True, text=True, timeout=30).stdout


def wait_until(condition, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_an_approval_reaches_the_prompt_without_any_command(alice, sandbox, tmp_path):
    request = alice.cone("request", APPROVAL)
    assert request.returncode == 4, request.stderr
    task = re.search(r"task: (\d+)", request.stderr).group(1)
    assert wait_until(lambda: [w["task"] for w in watchers(alice)] == [task], 10)
    assert prompt(alice) == f"aws:{APPROVAL} ⧗#{task}"
    status, document = alice.cone_json("status")
    assert document["watching"][0]["task"] == task and document["watching"][0]["profile"] == APPROVAL
    assert f"Watching task {task} for {APPROVAL}" in alice.cone("status").stdout
    # One watcher per task: asking again starts no second one.
    assert alice.cone("request", APPROVAL).returncode == 4
    time.sleep(1)
    assert len(watchers(alice)) == 1

    sandbox.admin("approve", task)
    active = rf"aws:{APPROVAL} (1h59m|2h00m)"  # the 2 h grant
    assert wait_until(lambda: re.fullmatch(active, prompt(alice)), 45), prompt(alice)
    assert wait_until(lambda: watchers(alice) == [], 10)  # it ends with the task
    notified = (tmp_path / "notified").read_text()
    assert f"cone-shell: access to {APPROVAL} granted (task {task})" in notified


def test_a_denial_clears_the_prompt_and_says_so(alice, sandbox, tmp_path):
    request = alice.cone("request", APPROVAL)
    task = re.search(r"task: (\d+)", request.stderr).group(1)
    assert wait_until(lambda: len(watchers(alice)) == 1, 10)
    sandbox.admin("deny", task)
    assert wait_until(lambda: prompt(alice) == "", 45), prompt(alice)
    assert wait_until(lambda: watchers(alice) == [], 10)
    assert f"your request for {APPROVAL} was denied (task {task})" in (tmp_path / "notified").read_text()


def test_logout_stops_the_watchers(alice):
    assert alice.cone("request", APPROVAL).returncode == 4
    assert wait_until(lambda: len(watchers(alice)) == 1, 10)
    [record] = watchers(alice)
    logout = alice.cone("logout")
    assert "Stopped watching 1 pending request." in logout.stderr
    def gone():
        try:
            os.kill(record["pid"], 0)
            return False
        except ProcessLookupError:
            return True
    assert wait_until(gone, 30)


def test_watch_0_starts_none(alice):
    assert alice.cone("request", APPROVAL, env={"CONE_SHELL_WATCH": "0"}).returncode == 4
    time.sleep(2)
    assert watchers(alice) == []
    assert alice.cone_json("status")[1]["watching"] == []
