"""The shell integration's `aws` wrapper reaches the request form of
production-databaseadministrator on a terminal: a tmux session with the real bash, the
real cone-shell and AWS CLI (v2, then v1), against a real cone-sandbox."""
from __future__ import annotations

import re

from aws_cli import with_cli
from interactive_support import FORM_PROFILE, alice, assert_sent_answers, signed_in_user
from shell_support import Tmux, require


def test_the_aws_wrapper_fills_the_form_waits_and_runs_the_command(home, sandbox, aws_cli):
    require("tmux")
    env = with_cli(signed_in_user(home, sandbox), aws_cli)
    command = f"aws sts get-caller-identity --profile {FORM_PROFILE}"
    with Tmux.start("bash", env, rc='eval "$(cone-shell init bash)"') as tmux:
        tmux.wait_for(r"^\$\s*$")
        tmux.send_line(command)
        tmux.wait_for(r"^Production database access$", timeout=20)
        # tmux drops the spaces at the end of a line.
        for prompt, answer in [
            (r"^Ticket \(OPS-123\):\s*$", "OPS-12"),
            (r"^Reason:\s*$", "incident"),
            (r"^Hours \[1\]:\s*$", "2"),
            (r"^Notify 1/3:\s*$", "a@example.com"),
            (r"^Notify 2/3:\s*$", ""),
            (r"^I acknowledge the production access policy \[y/N\]:\s*$", "y"),
            (r"^Submit\? \[Y\]es, \[n\]o to cancel, or a number or name to change a field:\s*$", ""),
        ]:
            tmux.wait_for(prompt)
            tmux.send_line(answer)
        screen = tmux.wait_for(r"Waiting for approval by bob@example\.com \(task \d+\)")
        number = re.search(r"Access request submitted \(task: (\d+)\)", screen).group(1)

        sandbox.admin("approve", number)
        tmux.wait_for(r'"Arn": "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_DatabaseAdministrator_',
                      timeout=45)
        tmux.wait_for(r"^\$\s*$")

    task = alice(sandbox).task(number)
    assert_sent_answers(task)
    # The wrapper's justification: the service and operation, never another argument.
    assert task["description"] == "aws sts get-caller-identity"
