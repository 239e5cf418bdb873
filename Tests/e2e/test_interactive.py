"""`cone-shell interactive` end to end: the real binary on a pseudo-terminal (pexpect)
against a real cone-sandbox, filling the request form of
production-databaseadministrator; and the same form without a terminal."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess

from cone import cone_shell, run
from interactive_support import (ANSWERS, APPROVAL_PROFILE, CTRL_C, CTRL_D, FORM_PROFILE, UP, ConsoleSession,
                                 alice, assert_sent_answers, grant_requests, my_tasks, signed_in_user)


def test_the_database_form_refuses_each_broken_rule_and_sends_exactly_the_answers(home, sandbox):
    env = signed_in_user(home, sandbox)
    with ConsoleSession.start(env) as console:
        console.prompt()
        # Tab completes the command and the profile name.
        console.type("req\tproduction-datab\t\r")
        console.expect_text("Production database access")

        console.expect_text("Ticket (OPS-123): ")
        console.line("ops-12")
        console.expect_text("  Ticket must match ^[A-Z]+-[0-9]+$, e.g. OPS-123")
        console.expect_text("Ticket (OPS-123): ")
        console.line("OPS-12")

        # The options are listed; a second Tab lists them again, Tab completes one.
        console.expect_text("  1) incident\r\n  2) change\r\n  3) audit\r\n")
        console.expect_text("Reason: ")
        console.type("\t\t")
        console.expect(r"incident +change +audit")
        console.expect_text("Reason: ")
        console.type("inc\t\r")

        # The default is offered; out of bounds is refused.
        console.expect_text("Hours [1]: ")
        console.line("9")
        console.expect_text("  Hours must be between 1 and 4")
        console.expect_text("Hours [1]: ")
        console.line("2")

        # At most three addresses: a fourth is refused; Ctrl-D takes back the last one.
        console.expect_text("Notify 1/3: ")
        console.line("a@example.com")
        console.expect_text("Notify 2/3: ")
        console.line("b@example.com")
        console.expect_text("Notify 3/3: ")
        console.line("c@example.com")
        console.expect_text("Notify (3/3 given; Enter to finish): ")
        console.line("d@example.com")
        console.expect_text("  Notify takes at most 3 items")
        console.expect_text("Notify (3/3 given; Enter to finish): ")
        console.type(CTRL_D)
        console.expect_text("  (took back c@example.com)")
        console.expect_text("Notify 3/3: ")
        console.type(CTRL_D)
        console.expect_text("  (took back b@example.com)")
        console.expect_text("Notify 2/3: ")
        console.line("")

        # The box must be ticked.
        console.expect_text("I acknowledge the production access policy [y/N]: ")
        console.line("n")
        console.expect_text("  You must accept: I acknowledge the production access policy")
        console.expect_text("I acknowledge the production access policy [y/N]: ")
        console.line("y")

        summary = console.expect_text(
            "Submit? [Y]es, [n]o to cancel, or a number or name to change a field: ")
        assert summary.replace("\r\n", "\n").endswith(
            "Summary:\n  1. Ticket: OPS-12\n  2. Reason: incident\n  3. Hours: 2\n"
            "  4. Notify: a@example.com\n  5. I acknowledge the production access policy: yes\n"), summary
        console.line("")

        number = console.expect(r"Access request submitted \(task: (\d+)\)").group(1)
        console.expect_text(f"Waiting for approval by bob@example.com (task {number})")
        assert_sent_answers(alice(sandbox).task(number))

        sandbox.admin("approve", number)
        console.expect_text("Access granted!", timeout=30)
        console.expect(rf"{FORM_PROFILE}: active, \d+h\d\dm left")
        console.prompt()
        assert console.finish() == 0
    assert grant_requests(sandbox) == 1


def test_ctrl_c_in_the_form_leaves_no_task_and_history_comes_back(home, sandbox):
    env = signed_in_user(home, sandbox)
    with ConsoleSession.start(env) as console:
        console.prompt()
        # Ctrl-C on a typed line drops it, as a shell does.
        console.type("status")
        console.type(CTRL_C)
        console.prompt()
        console.line(f"request {FORM_PROFILE}")
        console.expect_text("Ticket (OPS-123): ")
        console.line("OPS-7")
        console.expect_text("Reason: ")
        console.type("inc")
        console.type(CTRL_C)
        console.expect_text("Cancelled; nothing was sent.")
        console.prompt()
        assert console.finish(CTRL_D) == 0
        transcript = console.child.logfile_read.getvalue()
        assert "PROFILE" not in transcript  # the dropped status never ran
    assert my_tasks(sandbox) == []
    assert grant_requests(sandbox) == 0

    # A second run: the up arrow brings back the console line, then the ticket.
    with ConsoleSession.start(env) as console:
        console.prompt()
        console.type(UP)
        console.expect_text(f"request {FORM_PROFILE}")
        console.type("\r")
        console.expect_text("Ticket (OPS-123): ")
        console.type(UP)
        console.expect_text("OPS-7")
        console.type(CTRL_C)
        console.expect_text("Cancelled; nothing was sent.")
        console.prompt()
        assert console.finish("quit\r") == 0
    assert my_tasks(sandbox) == []
    assert grant_requests(sandbox) == 0

    state = home / ".local/state/cone-shell"
    assert (state / "console-history").read_text() == f"console\trequest {FORM_PROFILE}\nconsole\tquit\n"
    assert "ticket\tOPS-7\n" in (state / "form-history").read_text()
    assert (state / "console-history").stat().st_mode & 0o777 == 0o600


def test_ctrl_c_while_waiting_returns_to_the_console_with_the_request_open(home, sandbox):
    env = signed_in_user(home, sandbox)
    # With a profile, the console starts by requesting it.
    with ConsoleSession.start(env, APPROVAL_PROFILE) as console:
        number = console.expect(r"Access request submitted \(task: (\d+)\)").group(1)
        for _ in range(2):  # Ctrl-C stops a wait each time
            console.expect_text("Ctrl-C stops waiting")
            console.type(CTRL_C)
            console.expect_text(f"Stopped waiting. The request stays open (task: {number})")
            console.prompt()
            console.line(f"request {APPROVAL_PROFILE}")
            console.expect_text(f'A request for "{APPROVAL_PROFILE}" is already open (task: {number}).')
        sandbox.admin("approve", number)
        console.expect_text("Access granted!", timeout=30)
        console.expect(rf"{APPROVAL_PROFILE}: active, \d+h\d\dm left")
        console.prompt()
        console.line(f"task {number}")
        console.expect_text("outcome  granted")
        console.prompt()
        assert console.finish() == 0
    assert grant_requests(sandbox) == 1


def test_sigterm_in_the_form_restores_the_terminal(home, sandbox):
    env = signed_in_user(home, sandbox)
    with ConsoleSession.start(env, FORM_PROFILE) as console:
        console.expect_text("Ticket (OPS-123): ")
        console.type("OPS-")
        pid = int(subprocess.run(["pgrep", "-P", str(console.child.pid), "cone-shell"],
                                 capture_output=True, text=True, check=True).stdout.split()[0])
        os.kill(pid, signal.SIGTERM)
        assert console.finish("") == 128 + signal.SIGTERM
    assert grant_requests(sandbox) == 0


def test_console_mistakes_get_a_message_and_the_prompt_again(home, sandbox):
    env = signed_in_user(home, sandbox)
    with ConsoleSession.start(env) as console:
        console.prompt()
        console.line("sttaus")
        console.expect_text('Unknown command "sttaus". Did you mean status?')
        console.prompt()
        console.line("request")
        console.expect_text("request needs PROFILE. Usage: request PROFILE [--duration D] [--justification TEXT]")
        console.prompt()
        console.line("check no-such-profile")
        console.expect(r"no-such-profile")
        console.prompt()
        console.line("help check")
        console.expect_text("Usage: check PROFILE [--refresh]")
        console.prompt()
        console.line("check staging-poweruseraccess")
        console.expect_text("staging-poweruseraccess: no access")
        console.prompt()
        assert console.finish("exit\r") == 0


def test_without_a_terminal_the_form_is_listed_or_filled_from_flags(home, sandbox):
    env = signed_in_user(home, sandbox)
    console = run([cone_shell(), "interactive"], env)
    assert console.returncode == 64
    assert "needs a terminal" in console.stderr and "--field NAME=VALUE" in console.stderr

    listed = run([cone_shell(), "request", FORM_PROFILE], env)
    assert listed.returncode == 5, listed.stderr
    for line in [
        "ticket — Ticket: text, required", "must match ^[A-Z]+-[0-9]+$, e.g. OPS-123",
        "reason — Reason: one of the options, required", "options: incident, change, audit",
        "hours — Hours: a whole number, optional, default 1", "must be between 1 and 4",
        "notify — Notify: a list of text items, optional", "takes at most 3 items",
        "each item must be an e-mail address",
        "acknowledge — I acknowledge the production access policy: yes or no, required", "must be yes",
        f"cone-shell request {FORM_PROFILE} --field ticket=TICKET --field reason=REASON --field acknowledge=yes",
    ]:
        assert line in listed.stderr, f"missing {line!r} in:\n{listed.stderr}"

    broken = run([cone_shell(), "request", FORM_PROFILE, "--field", "ticket=ops-12", "--field", "reason=incident",
                  "--field", "hours=9", "--field", "notify=a@example.com,b@example.com,c@example.com,d@example.com",
                  "--field", "acknowledge=no"], env)
    assert broken.returncode == 5, broken.stderr
    for message in ["Ticket must match ^[A-Z]+-[0-9]+$", "Hours must be between 1 and 4",
                    "Notify takes at most 3 items", "You must accept: I acknowledge the production access policy"]:
        assert message in broken.stderr, f"missing {message!r} in:\n{broken.stderr}"
    assert grant_requests(sandbox) == 0

    sent = run([cone_shell(), "request", FORM_PROFILE, "--form-data", json.dumps(ANSWERS)], env)
    assert sent.returncode == 4, sent.stderr  # pending bob's approval
    number = re.search(r"task: (\d+)", sent.stderr).group(1)
    assert_sent_answers(alice(sandbox).task(number))
