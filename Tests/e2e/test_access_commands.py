"""Issue 5: the machine-readable contract (JSON validated against schemas/, exit statuses
of README.md, Commands) and the smaller commands: creds formats, profiles, task, help; the state
files' modes and what happens when they are corrupt."""
import json
import subprocess

import pytest

from access_support import (CUSTOM_PROCESS_ERROR, Person, assert_arn, c1_grant, mode, parse_c1_time, parse_time, schema,
                            validator, without_client_credential)
from cone import run, user_env
from sandbox_support import C1


@pytest.fixture
def alice(home, sandbox):
    return Person(home, sandbox).ready()


def task_of(document) -> str:
    return document["task"]["number"]


def test_the_schema_is_strict_draft_2020_12():
    document = schema()
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    for node in objects(document["$defs"]):
        if "properties" in node:
            assert node.get("additionalProperties") is False and node.get("required"), node.get("description", node)
            assert set(node["required"]) == set(node["properties"]), node.get("description", node)


def test_the_schema_rejects_what_the_contract_forbids():
    good = {"schema": 1, "profile": "p", "account_id": "111111111111", "role": "R", "state": "active",
            "expires_at": "2030-01-31T12:00:00Z", "minutes_left": 5, "task": None, "source": "c1"}
    assert not list(validator("check").iter_errors(good))
    for bad in ({**good, "schema": 2}, {**good, "extra": 1}, {**good, "expiresAt": good["expires_at"]},
                {**good, "expires_at": "2030-01-31T12:00:00+00:00"}, {**good, "expires_at": "2030-01-31 12:00:00Z"},
                {**good, "state": "pending"}, {**good, "state": "none"},
                {key: value for key, value in good.items() if key != "task"}):
        assert list(validator("check").iter_errors(bad)), bad


def test_json_and_exit_status_of_every_state(alice, sandbox):
    # none
    result, none = alice.cone_json("check", "production-readonlyaccess", "--refresh")
    assert result.returncode == 3
    assert (none["state"], none["source"], none["account_id"], none["role"]) == (
        "none", "c1", "111111111111", "ReadOnlyAccess")

    # active, from the credential cache; the end is the grant's
    assert alice.cone("creds", "production-readonlyaccess").returncode == 0
    result, active = alice.cone_json("check", "production-readonlyaccess")
    assert result.returncode == 0 and (active["state"], active["source"]) == ("active", "cache")
    grant_end = parse_c1_time(c1_grant(sandbox, "Production", "ReadOnlyAccess")["deprovisionAt"])
    assert parse_time(active["expires_at"]) == int(grant_end)
    assert 470 <= active["minutes_left"] <= 480  # an 8 h grant
    result, again = alice.cone_json("request", "production-readonlyaccess")
    assert result.returncode == 0 and again["state"] == "active" and again["expires_at"] == active["expires_at"]
    assert "You already have access" in result.stderr

    # pending
    result, pending = alice.cone_json("request", "production-administratoraccess")
    assert result.returncode == 4 and pending["state"] == "pending"
    assert pending["task"]["step"] == "approval" and pending["task"]["url"].endswith("/task/" + task_of(pending))
    result, checked = alice.cone_json("check", "production-administratoraccess", "--refresh")
    assert result.returncode == 4 and checked["task"]["number"] == task_of(pending)
    result, task = alice.cone_json("task", task_of(pending))
    assert result.returncode == 0
    assert (task["task"]["state"], task["task"]["step"], task["task"]["approvers"], task["task"]["outcome"]) == (
        "open", "approval", ["bob@example.com"], None)

    # form required
    result, form = alice.cone_json("check", "production-databaseadministrator", "--refresh")
    assert result.returncode == 5 and form["state"] == "form_required"
    result, form = alice.cone_json("request", "production-databaseadministrator")
    assert result.returncode == 5 and form["state"] == "form_required"
    assert "needs a request form" in result.stderr and "Ticket" in result.stderr  # what to fill, without a terminal

    # denied
    result, denied = alice.cone_json("request", "staging-billingaccess")
    assert result.returncode == 6 and denied["state"] == "none"
    assert 'Access request for "staging-billingaccess" was denied' in result.stderr
    result, closed = alice.cone_json("task", task_of(denied))
    assert (closed["task"]["state"], closed["task"]["step"], closed["task"]["outcome"]) == ("closed", "closed", "denied")

    # the lists
    result, profiles = alice.cone_json("profiles")
    states = {p["profile"]: p["state"] for p in profiles["profiles"]}
    assert states == {"production-readonlyaccess": "active", "production-administratoraccess": "pending",
                      "production-databaseadministrator": "none", "staging-poweruseraccess": "none",
                      "staging-billingaccess": "none"}
    result, status = alice.cone_json("status")
    assert result.returncode == 0
    assert {p["profile"]: p["state"] for p in status["profiles"]} == states
    result, whoami = alice.cone_json("whoami")
    assert whoami["email"] == "alice@example.com" and whoami["aws_sso"]["signed_in"] is True


def test_sign_in_needed_without_a_terminal_is_exit_7(home, sandbox):
    alice = Person(home, sandbox)
    alice.setup()  # but no `login --aws`
    creds = alice.cone("creds", "production-readonlyaccess")
    assert creds.returncode == 7
    assert "cannot be renewed without a terminal: run `cone-shell login --aws`" in creds.stderr
    through_aws = alice.aws("sts", "get-caller-identity", "--profile", "production-readonlyaccess")
    assert through_aws.returncode == 255 and CUSTOM_PROCESS_ERROR in through_aws.stderr
    assert "cone-shell login --aws" in through_aws.stderr

    check = run(["cone-shell", "check", "production-readonlyaccess", "--refresh"], without_client_credential(alice.env))
    assert check.returncode == 7 and "run `cone-shell login <tenant>`" in check.stderr


def test_check_answers_from_local_files_only_for_what_they_know(home, sandbox):
    alice = Person(home, sandbox)
    alice.setup()
    assert alice.cone("request", "production-readonlyaccess").returncode == 0  # no credentials fetched yet
    result, local = alice.cone_json("check", "production-readonlyaccess")
    assert result.returncode == 0 and local["state"] == "active"
    assert local["source"] == "grants"  # there is no credential in the cache to answer from

    # Meanwhile alice asks for admin access in the web app: the grants file, fresh as it
    # is, knows nothing about that profile, so check must ask ConductorOne.
    c1 = C1.sign_in(sandbox.exports)
    web = c1.request(c1.entitlement("Production", "AdministratorAccess")).json["taskView"]["task"]
    result, pending = alice.cone_json("check", "production-administratoraccess")
    assert result.returncode == 4, result.stdout
    assert (pending["state"], pending["source"], pending["task"]["number"]) == ("pending", "c1", web["numericId"])


@pytest.mark.parametrize("args", [
    ["check"], ["creds", "p", "--format", "xml"], ["request", "p", "--timeout", "5m"],
    ["request", "p", "--duration", "soon"], ["profiles", "--json", "--names"], ["login", "acme", "--aws"],
    ["nonsense"],
], ids=" ".join)
def test_usage_errors_exit_64(args, home):
    result = run(["cone-shell", *args], user_env(home))
    assert result.returncode == 64, result.stderr
    assert result.stderr.strip()


COMMANDS = [["login"], ["setup"], ["setup", "show"], ["profiles"], ["check"], ["request"], ["creds"], ["status"],
            ["task"], ["whoami"], ["init"], ["prompt"], ["drop"], ["extend"], ["logout"], ["use"], ["exec"],
            ["console"], ["doctor"], ["interactive"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_of_each_command(command, home):
    result = run(["cone-shell", *command, "--help"], user_env(home))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OVERVIEW: ") and "USAGE: cone-shell " + " ".join(command) in result.stdout


def test_creds_formats_env_and_fish(alice):
    process = json.loads(alice.cone("creds", "production-readonlyaccess").stdout)
    bash = subprocess.run(
        ["bash", "-c", 'eval "$(cone-shell creds production-readonlyaccess --format env)" && '
                       'echo "$AWS_ACCESS_KEY_ID $AWS_CREDENTIAL_EXPIRATION" && aws sts get-caller-identity'],
        env={**alice.env, "AWS_DEFAULT_REGION": "us-east-1"}, capture_output=True, text=True)
    assert bash.returncode == 0, bash.stderr
    keys, identity = bash.stdout.split("\n", 1)
    assert keys == f"{process['AccessKeyId']} {process['Expiration']}"
    assert_arn(json.loads(identity)["Arn"], "111111111111", "ReadOnlyAccess")
    fish = subprocess.run(
        ["fish", "--no-config", "-c", "cone-shell creds production-readonlyaccess --format fish | source; "
                                      "and printf '%s\\n' $AWS_ACCESS_KEY_ID $AWS_SECRET_ACCESS_KEY $AWS_SESSION_TOKEN"],
        env=alice.env, capture_output=True, text=True)
    assert fish.returncode == 0, fish.stderr
    assert fish.stdout.splitlines() == [process["AccessKeyId"], process["SecretAccessKey"], process["SessionToken"]]


def test_profiles_names_and_table(alice):
    names = alice.cone("profiles", "--names")
    assert names.stdout.splitlines() == ["production-readonlyaccess", "production-administratoraccess",
                                         "production-databaseadministrator", "staging-poweruseraccess",
                                         "staging-billingaccess"]
    table = alice.cone("profiles").stdout.splitlines()
    assert table[0].split() == ["PROFILE", "ACCOUNT", "ROLE", "STATE", "LEFT"]
    assert table[1].split() == ["production-readonlyaccess", "111111111111", "ReadOnlyAccess", "none"]


def test_task_text(alice, sandbox):
    assert alice.cone("request", "production-administratoraccess").returncode == 4
    shown = alice.cone("task", "1001")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("Task 1001")
    assert "  state    open, waiting for approval by bob@example.com" in lines
    assert f"  url      {sandbox.url}/task/1001" in lines
    sandbox.admin("deny", "1001")
    denied = alice.cone("task", "1001").stdout.splitlines()
    assert "  state    closed" in denied and "  outcome  denied" in denied
    missing = alice.cone("task", "999999")
    assert missing.returncode == 1 and "ConductorOne has no such object" in missing.stderr


def test_status_text_before_and_after_a_grant_ends(alice, sandbox):
    assert alice.cone("request", "production-readonlyaccess", "--duration", "20m").returncode == 0
    rows = {line.split()[0]: line.split()[1:] for line in alice.cone("status").stdout.splitlines()[1:]}
    assert rows["production-readonlyaccess"][2] == "active" and rows["production-readonlyaccess"][3] in ("19m", "20m")
    sandbox.admin("clock", "advance", "30m")
    rows = {line.split()[0]: line.split()[1:] for line in alice.cone("status").stdout.splitlines()[1:]}
    assert rows["production-readonlyaccess"] == ["111111111111", "ReadOnlyAccess", "none"]
    grants = (alice.state_dir / "grants").read_text().splitlines()
    # The prompt reads only active and pending grants: an ended one leaves no line.
    assert not any(line.startswith("production-readonlyaccess\t") for line in grants), grants


def test_state_files_are_private(alice):
    assert alice.cone("creds", "production-readonlyaccess").returncode == 0
    assert alice.cone("status").returncode == 0
    assert mode(alice.state_dir) == 0o700
    files = [p for p in alice.state_dir.rglob("*")]
    assert {p.relative_to(alice.state_dir).as_posix() for p in files} >= {"profiles", "grants", "credentials"}
    assert alice.credential_file("production-readonlyaccess") in files
    for path in files:
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, f"{path}: {oct(mode(path))}"
    for path in (alice.c1_config, alice.sso_token_file, alice.aws_config):
        assert mode(path) == 0o600, path
    assert mode(alice.sso_token_file.parent) == 0o700


def test_corrupt_state_files_are_rebuilt(alice):
    assert alice.cone("creds", "production-readonlyaccess").returncode == 0
    cache = alice.credential_file("production-readonlyaccess")
    grants = alice.state_dir / "grants"
    tokens = list(alice.state_dir.glob("c1-token-*.json"))
    assert tokens
    cache.write_text('{"profile": "production-readonlyaccess", "accessKe')  # cut short
    grants.write_bytes(b"\x00\xffgarbage\n\tactive\n")
    for token in tokens:
        token.write_text("not json")

    assert alice.cone("profiles").returncode == 0
    creds = alice.cone("creds", "production-readonlyaccess")
    assert creds.returncode == 0, creds.stderr
    assert json.loads(creds.stdout)["AccessKeyId"] in alice.credential_file("production-readonlyaccess").read_text()
    assert "production-readonlyaccess\tactive\t" in grants.read_text()
    assert grants.read_text().startswith("written\t")
    assert all(json.loads(token.read_text())["accessToken"] for token in tokens)
