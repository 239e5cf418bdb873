"""`cone-shell doctor`: every check passes for a user set up against cone-sandbox and run
from a shell with the integration; each classic breakage is named with its fix; the
JSON shape is stable; the shell hook check sees a hook that a later rc line removed,
and the aws wrapper says so once."""
import json
import os
import re

import pytest

from cone import cone_shell, run, user_env
from shell_support import LAST_STATUS, SHELLS, Tmux, require, session_rc, signed_in_user

CHECKS = ["binary", "path", "config", "c1", "aws-sso", "aws-cli", "aws-config", "profiles-index", "state-dir",
          "shell-hook"]


@pytest.fixture
def user(sandbox, env, tmp_path):
    require("aws")
    return signed_in_user(sandbox, env, tmp_path)


@pytest.fixture
def bare(home):
    """A fresh HOME and no sandbox: enough for the checks that look at this machine."""
    return user_env(home)


def doctor(env, *args):
    out = run([cone_shell(), "doctor", *args], env)
    return out.returncode, out.stdout


def doctor_json(env, *args):
    status, stdout = doctor(env, "--json", *args)
    return status, json.loads(stdout)


def by_name(report):
    return {c["name"]: c for c in report["checks"]}


def test_json_shape(user):
    status, report = doctor_json(user)
    assert status == 0, report
    assert report["schema"] == 1 and report["healthy"] is True
    assert [c["name"] for c in report["checks"]] == CHECKS
    for check in report["checks"]:
        assert set(check) == {"name", "status", "message", "fix"}
        assert check["status"] in ("ok", "warning", "error", "skipped")
        assert isinstance(check["message"], str) and check["message"]
    assert set(report["summary"]) == {"ok", "warning", "error", "skipped"}
    assert sum(report["summary"].values()) == len(CHECKS)
    checks = by_name(report)
    # Not started from a shell's prompt: the hook cannot be checked, which is a warning.
    assert checks["shell-hook"]["status"] == "warning"
    assert all(checks[n]["status"] == "ok" for n in CHECKS if n != "shell-hook"), checks
    assert "alice@example.com" in checks["c1"]["message"]
    assert "5 cone-shell profiles" in checks["aws-config"]["message"]
    assert checks["aws-cli"]["message"].startswith("aws-cli/")


@pytest.mark.parametrize("shell", SHELLS)
def test_all_checks_pass_from_a_shell_with_the_integration(shell, user):
    require("tmux")
    rc, prompt = session_rc(shell)
    status = LAST_STATUS[shell]
    with Tmux.start(shell, user, rc, prompt=prompt, height=60) as t:
        t.wait_for(r"^\$\s*$")
        t.send_line(f"cone-shell doctor; echo rc={status}")
        screen = t.wait_for(r"^rc=\d+", timeout=30)
    assert "rc=0" in screen, screen
    assert "All 10 checks passed." in screen, screen
    assert re.search(rf"^✓ shell-hook +the prompt hook runs in this {shell} \(pid \d+\)", screen, re.M), screen
    for name in CHECKS:
        assert re.search(rf"^✓ {re.escape(name)} ", screen, re.M), (name, screen)


def test_an_empty_home_fails_and_says_what_to_do(env):
    status, report = doctor_json(env, "--offline")
    assert status == 1 and report["healthy"] is False
    checks = by_name(report)
    # The sandbox's exports carry a client credential, as CONE_CLIENT_ID/SECRET.
    assert checks["config"]["status"] == "ok" and "environment" in checks["config"]["message"]
    assert checks["c1"]["status"] == "skipped"
    assert checks["aws-sso"] == {"name": "aws-sso", "status": "error", "message": "AWS IAM Identity Center is not set up",
                                 "fix": "cone-shell setup --sso-url https://<yours>.awsapps.com/start"}
    assert checks["aws-config"]["status"] == "error" and checks["aws-config"]["fix"] == "cone-shell setup"
    assert checks["profiles-index"]["status"] == "skipped"
    assert checks["state-dir"]["status"] == "warning"


def test_no_credential_anywhere(env):
    bare = {k: v for k, v in env.items() if k not in ("CONE_CLIENT_ID", "CONE_CLIENT_SECRET")}
    status, report = doctor_json(bare)
    checks = by_name(report)
    assert status == 1
    assert checks["config"]["status"] == "error" and "not signed in" in checks["config"]["message"]
    assert checks["config"]["fix"] == "cone-shell login <tenant>"
    assert checks["c1"]["status"] == "skipped"


def test_text_report_marks_and_fixes(env):
    status, text = doctor(env, "--offline")
    assert status == 1
    assert re.search(r"^✗ aws-sso +AWS IAM Identity Center is not set up$", text, re.M), text
    assert re.search(r"^ +→ cone-shell setup --sso-url https://<yours>\.awsapps\.com/start$", text, re.M), text
    assert re.search(r"^– c1 +ConductorOne sign-in not checked \(--offline\)$", text, re.M), text
    assert re.search(r"^\d+ problems? and \d+ warnings? \(2 skipped\): see the fixes above\.$", text, re.M), text
    # ASCII without a UTF-8 locale, and with --no-color.
    for variant in ({**env, "LANG": "C"}, env):
        args = ["--offline"] + ([] if variant is not env else ["--no-color"])
        _, plain = doctor(variant, *args)
        assert re.search(r"^FAIL aws-sso ", plain, re.M) and re.search(r"^ +-> cone-shell setup", plain, re.M), plain
        assert plain.isascii() and "\x1b[" not in plain, plain


def test_stale_credential_process_after_an_upgrade(user, home):
    config = home / ".aws" / "config"
    real = os.path.realpath(cone_shell())
    text = config.read_text()
    assert real in text
    config.write_text(text.replace(real, "/opt/old/cone-shell"))
    status, report = doctor_json(user)
    check = by_name(report)["aws-config"]
    assert status == 1 and check["status"] == "error", check
    assert "5 of 5 cone-shell profiles" in check["message"] and "/opt/old/cone-shell" in check["message"]
    assert check["fix"].startswith("cone-shell setup")
    # setup points them at this binary again.
    assert run([cone_shell(), "setup"], user).returncode == 0
    assert by_name(doctor_json(user)[1])["aws-config"]["status"] == "ok"


def test_open_modes_and_a_stale_index_are_named(user, home):
    # The client credential in the file rather than in the environment, readable by all.
    config = home / ".conductorone" / "config.yaml"
    config.write_text(config.read_text() + f"profiles:\n  default:\n    client-id: {user.pop('CONE_CLIENT_ID')}\n"
                      f"    client-secret: {user.pop('CONE_CLIENT_SECRET')}\n")
    config.chmod(0o644)
    state = home / ".local" / "state" / "cone-shell"
    state.chmod(0o755)
    (state / "profiles").write_text("production-readonlyaccess\t111111111111\tReadOnlyAccess\n")
    status, report = doctor_json(user, "--offline")
    checks = by_name(report)
    assert checks["config"]["status"] == "warning" and "0644" in checks["config"]["message"]
    assert checks["config"]["fix"] == "chmod 600 ~/.conductorone/config.yaml"
    assert checks["state-dir"]["status"] == "error" and "0755" in checks["state-dir"]["message"]
    assert checks["state-dir"]["fix"] == "chmod -R go-rwx ~/.local/state/cone-shell"
    assert checks["profiles-index"]["status"] == "warning" and "4 missing" in checks["profiles-index"]["message"]
    assert status == 1
    # `cone-shell profiles` rebuilds the index; the fixes clear the rest.
    (home / ".aws" / "config").touch()
    run([cone_shell(), "profiles"], user, check=True)
    config.chmod(0o600)
    state.chmod(0o700)
    status, report = doctor_json(user, "--offline")
    assert status == 0 and all(c["status"] in ("ok", "skipped", "warning") for c in report["checks"])
    assert by_name(report)["profiles-index"]["status"] == "ok"


def test_no_aws_cli(bare):
    path = os.path.dirname(cone_shell()) + ":/nonexistent"
    status, report = doctor_json({**bare, "PATH": path}, "--offline")
    check = by_name(report)["aws-cli"]
    assert status == 1 and check["status"] == "error" and check["message"] == "no `aws` on PATH"


# (shell, the rc line that removes the hook after the init, what the wrapper names)
CLOBBER = {"bash": ("PROMPT_COMMAND='history -a'", "PROMPT_COMMAND"),
           "zsh": ("precmd_functions=()", "precmd_functions"),
           "fish": ("functions -e __cone_shell_hook", "__cone_shell_hook")}


@pytest.mark.parametrize("shell", SHELLS)
def test_a_hook_removed_after_the_init_is_reported(shell, bare):
    require("tmux")
    rc, _ = session_rc(shell)
    clobber, name = CLOBBER[shell]
    status = LAST_STATUS[shell]
    with Tmux.start(shell, bare, f"{rc}\n{clobber}\n", prompt="$ ", height=60) as t:
        t.wait_for(r"^\$\s*$")
        t.send_line(f"cone-shell doctor --offline; echo rc={status}")
        screen = t.wait_for(r"^rc=\d+", timeout=30)
        t.send_keys("C-l")
        t.send_line("aws --version; aws --version; echo done")
        warned = t.wait_for(r"^done$")
    assert re.search(r"^✗ shell-hook +the prompt hook has not run since the integration was loaded", screen, re.M), screen
    assert warned.count("cone-shell: the prompt hook") == 1, warned
    assert name in warned and "CONE_SHELL_DOCTOR=0" in warned


def test_the_warning_can_be_turned_off(bare):
    require("tmux")
    rc, _ = session_rc("bash")
    with Tmux.start("bash", {**bare, "CONE_SHELL_DOCTOR": "0"}, f"{rc}\nPROMPT_COMMAND=\n", prompt="$ ") as t:
        t.wait_for(r"^\$\s*$")
        t.send_line("aws --version; echo done")
        screen = t.wait_for(r"^done$")
    assert "cone-shell: the prompt hook" not in screen


def test_a_hook_that_starship_moved_still_counts(bare):
    """starship's bash init moves PROMPT_COMMAND into STARSHIP_PROMPT_COMMAND and evals it."""
    require("tmux")
    rc, prompt = session_rc("bash")
    starship = 'STARSHIP_PROMPT_COMMAND=$PROMPT_COMMAND\nPROMPT_COMMAND=\'eval "$STARSHIP_PROMPT_COMMAND"\''
    with Tmux.start("bash", bare, f"{rc}\n{starship}\n", prompt=prompt, height=60) as t:
        t.wait_for(r"^\$\s*$")
        t.send_line("aws --version; cone-shell doctor --offline; echo rc=$?")
        screen = t.wait_for(r"^rc=\d+", timeout=30)
    assert "cone-shell: the prompt hook" not in screen, screen
    assert re.search(r"^✓ shell-hook +the prompt hook runs in this bash", screen, re.M), screen


def test_an_unreachable_tenant_fails_fast(user, sandbox):
    sandbox.stop()
    status, report = doctor_json(user)
    check = by_name(report)["c1"]
    assert status == 1 and check["status"] == "error" and "cannot connect" in check["message"], check
    assert "--offline" in check["fix"]
    # One attempt, not the commands' three (each waits out the connect timeout).
    assert "attempts" not in check["message"]
    assert doctor_json(user, "--offline")[0] == 0
