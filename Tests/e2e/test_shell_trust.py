"""What the shell integration lets out and lets in (issue 11), in real bash, zsh and fish
against cone-sandbox with the real cone-shell:

- the request's justification names the service and operation at most: a secret on the
  command line never reaches the sandbox;
- a TAB never requests access: a completion that runs aws (a user's own in bash and zsh,
  fish's own aws completions; the AWS CLI v2, then v1) has it tell `cone-shell creds` so,
  and creds serves only what is cached.
"""
import time

import pytest

from access_support import GRANT, requests
from aws_cli import cli_dir
from cone import bin_dir, run
from sandbox_support import C1
from shell_support import SHELLS, Fakes, Tmux, require, run_tty, session_rc, signed_in_user

SECRET = "hunter2"
AUTO = "production-readonlyaccess"
APPROVAL = "production-administratoraccess"


@pytest.fixture
def user(sandbox, env, tmp_path):
    """Profiles set up and signed in to AWS SSO, as after the README's first steps."""
    return signed_in_user(sandbox, env, tmp_path)


def sandbox_saw(sandbox, text: str) -> list[str]:
    """Where `text` shows in what the sandbox received and keeps: request paths, its log,
    and the descriptions (justifications) of every task."""
    places = [f"{e['method']} {e['path']}" for e in requests(sandbox) if text in e["path"]]
    log = (sandbox.workdir / "serve.stderr").read_text(errors="replace")
    if text in log:
        places.append("serve.stderr")
    page = C1.sign_in(sandbox.exports).post("/api/v1/search/tasks", {"pageSize": 100})
    places += [f"task {v['task']['numericId']}" for v in page.get("list", [])
               if text in v["task"].get("description", "")]
    return places


@pytest.mark.parametrize("shell", SHELLS)
def test_a_secret_on_the_command_line_never_reaches_the_sandbox(shell, user, sandbox, tmp_path):
    """The wrapper requests access for a profile without a grant (auto-approved here),
    then runs aws (a test-only fake, so that nothing goes to AWS)."""
    fakes = Fakes.create(tmp_path)
    env = {**user, "PATH": f"{fakes.bin}:{user['PATH']}", **fakes.env()}
    rc, _ = session_rc(shell)
    command = (f"aws --region eu-west-1 secretsmanager create-secret --name x --secret-string {SECRET} "
               f"--profile {AUTO}")
    status = "$status" if shell == "fish" else "$?"
    out = run_tty(shell, f"{rc}\n{command}\necho rc={status}", env, timeout=60)
    assert "Access granted" in out.stdout and "fake-aws ran" in out.stdout and "rc=0" in out.stdout, out.stdout
    page = C1.sign_in(sandbox.exports).post("/api/v1/search/tasks", {"pageSize": 100})
    assert [v["task"].get("description") for v in page["list"]] == ["aws secretsmanager create-secret"]
    assert sandbox_saw(sandbox, SECRET) == []


# A user's own completion for aws, registered before the init line (which keeps it for
# every word but a profile name), that lists buckets with `aws s3 ls` as fish's does.
OWN_COMPLETION = {
    "bash": "_my_buckets() { COMPREPLY=($(aws s3 ls 2>/dev/null)); }\ncomplete -F _my_buckets aws\n",
    "zsh": "autoload -Uz compinit && compinit -u -D\n"
           "_my_buckets() { compadd -- ${(f)\"$(aws s3 ls 2>/dev/null)\"}; }\ncompdef _my_buckets aws\n",
    # fish's own aws completions list buckets with `aws s3 ls` (--no-config leaves them
    # off the path a normal fish has).
    "fish": "set -g fish_complete_path $__fish_data_dir/completions\n",
}

# TEST-ONLY: the real AWS CLI, noting each run (so the test knows the TAB is done).
AWS_SHIM = """#!/bin/sh
"{real}" "$@"
status=$?
echo "aws $* -> $status" >>"{log}"
exit $status
"""


@pytest.mark.parametrize("shell", SHELLS)
def test_a_tab_that_runs_aws_never_requests_access(shell, aws_cli, user, sandbox, tmp_path):
    require("tmux")
    shim = tmp_path / "shim"
    shim.mkdir()
    runs = tmp_path / "aws-runs"
    (shim / "aws").write_text(AWS_SHIM.format(real=cli_dir(aws_cli) / "aws", log=runs))
    (shim / "aws").chmod(0o755)
    # The profile needs an approval; no S3 request may leave the machine either way.
    env = {**user, "PATH": f"{shim}:{bin_dir()}:/usr/bin:/bin", "AWS_PROFILE": APPROVAL,
           "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9"}
    rc, prompt = session_rc(shell)
    with Tmux.start(shell, env, OWN_COMPLETION[shell] + rc, prompt=prompt) as t:
        t.wait_for(r"\$\s*$")
        t.send_text("aws s3 ls ")
        t.send_keys("Tab")
        deadline = time.monotonic() + 30
        while not (runs.exists() and "aws s3 ls" in runs.read_text()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert runs.exists() and "aws s3 ls" in runs.read_text(), t.capture()
        screen = t.capture()
    assert GRANT not in sandbox.log()["counts"], requests(sandbox)
    assert not [e for e in requests(sandbox) if e["route"].startswith("/api/v1/task")]
    assert "Access request" not in screen and "Waiting" not in screen, screen
    # The same aws run outside a completion (no terminal) does request: the TAB is what
    # made the difference.
    run([str(shim / "aws"), "s3", "ls"], env)
    assert GRANT in sandbox.log()["counts"], requests(sandbox)
