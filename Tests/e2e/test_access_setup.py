"""Issue 5: `cone-shell setup` writing ~/.aws/config as botocore and the AWS CLI read it:
every catalog page, --prune, --dry-run, hostile names, a user's own file kept byte for
byte, profiles made by cone, name collisions, a malformed file."""
import re
import shlex

import pytest
import yaml
from botocore.configloader import load_config

from access_support import FIXTURES, Person, counts, default_scenario, write_scenario
from cone import Sandbox, bin_dir
from sandbox_support import C1

CATALOG = "POST /api/v1/search/request_catalog/entitlements"
DEFAULT_PROFILES = {"production-readonlyaccess", "production-administratoraccess",
                    "production-databaseadministrator", "staging-poweruseraccess", "staging-billingaccess"}
CONE_KEYS = {"credential_process", "cone_app_id", "cone_entitlement_id", "cone_sso_account_id", "cone_sso_role_name",
             "cone_sso_region", "cone_sso_start_url", "cone_shell_managed", "region", "output"}


@pytest.fixture
def alice(home, sandbox):
    return Person(home, sandbox)


def botocore_view(path) -> dict:
    """The profiles and their keys as botocore loads them."""
    return load_config(str(path))["profiles"]


def sections(text: str) -> list[tuple[str | None, str]]:
    """The file cut at its section headers: (header name or None for the preamble, text)."""
    parts: list[tuple[str | None, str]] = [(None, "")]
    for line in text.splitlines(keepends=True):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            parts.append((header.group(1), line))
        else:
            parts[-1] = (parts[-1][0], parts[-1][1] + line)
    return parts


def managed(config: dict, name: str) -> bool:
    return config.get(name, {}).get("cone_shell_managed") == "true"


def test_setup_reads_every_page_of_a_large_catalog(home, tmp_path):
    with Sandbox.start(tmp_path / "many", "--scenario", str(FIXTURES / "many.yaml")) as sandbox:
        alice = Person(home, sandbox)
        setup = alice.setup()
        assert setup.stdout.splitlines()[-1] == "Created 1040 profiles, updated 0, kept 0, removed 0."
        assert counts(sandbox)[CATALOG] == 11  # 100 a page
        profiles = botocore_view(alice.aws_config)
        names = {name for name in profiles if managed(profiles, name)}
        assert len(names) == 1040
        assert {f"generated{a:04d}-generatedrole{r:04d}" for a in range(1, 41) for r in range(1, 27)} == names
        assert all(set(profiles[name]) == CONE_KEYS for name in names)
        listed = alice.cone("profiles", "--names")
        assert sorted(listed.stdout.split()) == sorted(names)

        before = alice.aws_config.read_bytes()
        again = alice.setup()
        assert again.stdout.strip() == "Created 0 profiles, updated 0, kept 1040, removed 0."
        assert alice.aws_config.read_bytes() == before


def test_prune_removes_profiles_that_left_the_catalog(alice, sandbox, tmp_path):
    alice.aws_config.parent.mkdir()
    alice.aws_config.write_text("[profile mine]\nregion = eu-west-1\n")
    alice.setup()
    assert DEFAULT_PROFILES <= set(botocore_view(alice.aws_config))
    sandbox.stop()

    scenario = default_scenario()
    scenario["entitlements"] = [e for e in scenario["entitlements"] if e.get("permissionSet") != "AdministratorAccess"]
    smaller = write_scenario(tmp_path / "smaller.yaml", scenario)
    with Sandbox.start(tmp_path / "smaller", "--scenario", str(smaller)) as restarted:
        alice = Person(alice.home, restarted)
        kept = alice.cone("setup")  # the SSO settings were remembered
        assert kept.returncode == 0, kept.stderr
        assert "! production-administratoraccess  (no longer in the catalog; kept, use --prune)" in kept.stdout
        assert "remove it with `cone-shell setup --prune`" in kept.stdout
        assert "production-administratoraccess" in botocore_view(alice.aws_config)

        before = sections(alice.aws_config.read_text())
        pruned = alice.cone("setup", "--prune")
        assert pruned.returncode == 0, pruned.stderr
        assert "- production-administratoraccess  (no longer in the catalog)" in pruned.stdout
        assert pruned.stdout.splitlines()[-1] == "Created 0 profiles, updated 0, kept 4, removed 1."
        after = sections(alice.aws_config.read_text())
        assert after == [s for s in before if s[0] != "profile production-administratoraccess"]
        assert set(botocore_view(alice.aws_config)) == (DEFAULT_PROFILES - {"production-administratoraccess"}) | {"mine"}
        assert "production-administratoraccess" not in alice.cone("profiles", "--names").stdout.split()
        # Each new index comes with a new stamp (its modification time), which tells the
        # shells to read the managed names again.
        written_ns = (alice.state_dir / "profiles").stat().st_mtime_ns
        stamp = (alice.state_dir / "profiles-stamp").read_text()
        assert stamp == f"{written_ns // 10**9}.{written_ns % 10**9}\n"


def test_dry_run_changes_nothing(alice):
    alice.aws_config.parent.mkdir()
    original = "# mine\n[default]\nregion = eu-west-1\n"
    alice.aws_config.write_text(original)
    dry = alice.cone("setup", "--sso-url", alice.sandbox.exports["CONE_SANDBOX_SSO_START_URL"], "--region",
                     "eu-west-2", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "+ production-readonlyaccess  (111111111111 ReadOnlyAccess)" in dry.stdout
    assert "~ [sso-session cone-sso] (https://d-0000000000.awsapps.com/start, us-east-1)" in dry.stdout
    assert dry.stdout.splitlines()[-1] == "Would create 5 profiles, update 0, keep 0, remove 0."
    assert alice.aws_config.read_text() == original
    assert not alice.c1_config.exists()

    alice.setup()
    config, settings = alice.aws_config.read_bytes(), alice.c1_config.read_bytes()
    changed = alice.cone("setup", "--region", "eu-west-2", "--sso-region", "eu-west-1", "--dry-run")
    assert changed.returncode == 0, changed.stderr
    assert "~ production-readonlyaccess  (cone_sso_region)" in changed.stdout
    assert "~ [sso-session cone-sso] (https://d-0000000000.awsapps.com/start, eu-west-1)" in changed.stdout
    assert changed.stdout.splitlines()[-1] == "Would create 0 profiles, update 5, keep 0, remove 0."
    assert alice.aws_config.read_bytes() == config and alice.c1_config.read_bytes() == settings
    assert alice.cone("setup", "show").stdout.splitlines()[1:] == ["SSO region:     us-east-1",
                                                                  "Default region: us-east-1"]


def test_setup_json_is_every_profiles_action(alice):
    url = alice.sandbox.exports["CONE_SANDBOX_SSO_START_URL"]
    _, dry = alice.cone_json("setup", "--sso-url", url, "--dry-run")
    assert dry["dry_run"] is True
    assert dry["sso_session"] == {"start_url": url, "region": "us-east-1", "changed": True}
    assert {p["profile"]: p["action"] for p in dry["profiles"]} == dict.fromkeys(DEFAULT_PROFILES, "create")
    assert not alice.aws_config.exists()

    result, done = alice.cone_json("setup", "--sso-url", url)
    assert result.returncode == 0 and done["dry_run"] is False
    assert {"profile": "production-readonlyaccess", "action": "create", "account_id": "111111111111",
            "role": "ReadOnlyAccess", "detail": None} in done["profiles"]
    assert set(botocore_view(alice.aws_config)) >= DEFAULT_PROFILES

    _, again = alice.cone_json("setup")
    assert {(p["action"], p["detail"]) for p in again["profiles"]} == {("keep", "up to date")}
    assert again["sso_session"]["changed"] is False


def expected_name(account: str, role: str) -> str:
    """docs/c1-api.md §4.3: `<account>-<role>` lower-cased, spaces as `-`, only `a-z 0-9 . _ @ + / -` kept."""
    def clean(text):
        return "".join("-" if c == " " else c for c in text.lower() if c == " " or re.match(r"[a-z0-9._@+/-]", c))
    return f"{clean(account)}-{clean(role.split(' ')[0])}"


def test_hostile_names_cannot_inject_ini(home, tmp_path):
    with Sandbox.start(tmp_path / "injection", "--scenario", str(FIXTURES / "injection.yaml")) as sandbox:
        alice = Person(home, sandbox)
        alice.setup()
        scenario = yaml.safe_load((FIXTURES / "injection.yaml").read_text())
        accounts = {a["id"]: a["name"] for a in scenario["accounts"]}
        expected = {expected_name(accounts[e["account"]], e["permissionSet"]): e["account"]
                    for e in scenario["entitlements"]}
        assert len(expected) == 4

        config = load_config(str(alice.aws_config))
        assert set(config["profiles"]) == set(expected)  # no [profile x], no [default]
        assert set(config["sso_sessions"]) == {"cone-sso"}
        assert config["sso_sessions"]["cone-sso"]["sso_start_url"] == sandbox.exports["CONE_SANDBOX_SSO_START_URL"]
        for name, account in expected.items():
            profile = config["profiles"][name]
            assert set(profile) == CONE_KEYS, (name, profile)
            assert shlex.split(profile["credential_process"]) == [str(bin_dir() / "cone-shell"), "creds", name]
            assert profile["cone_sso_account_id"] == account
            assert profile["region"] == "us-east-1"
            assert not any(c in value for value in profile.values() for c in "\n\r[]\"\\#;")

        # The AWS CLI reads the same (v1 has no `configure list-profiles`).
        injected = next(name for name in expected if "credential_process" in name)
        got = alice.aws("configure", "get", "credential_process", "--profile", injected)
        assert got.returncode == 0 and got.stdout.strip() == config["profiles"][injected]["credential_process"]
        assert "could not be found" in alice.aws("configure", "get", "region", "--profile", "x").stderr
        assert not (home / "pwned").exists() and not (tmp_path / "pwned").exists()

        # A second run finds every profile up to date and changes no byte.
        before = alice.aws_config.read_bytes()
        again = alice.setup()
        assert again.stdout.strip() == "Created 0 profiles, updated 0, kept 4, removed 0."
        assert alice.aws_config.read_bytes() == before


USER_CONFIG = """\
# My AWS config, written by hand.
; with both comment styles

[default]
region = eu-west-1
output=json

[profile mine]
role_arn = arn:aws:iam::123456789012:role/Mine
source_profile = default
s3 =
    max_concurrent_requests = 20
    # nested comment

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
# the end, without a newline"""


def test_a_users_config_keeps_every_byte_outside_the_managed_sections(alice):
    alice.aws_config.parent.mkdir()
    alice.aws_config.write_text(USER_CONFIG)
    alice.setup()
    text = alice.aws_config.read_text()
    profiles = botocore_view(alice.aws_config)
    ours = {f"profile {name}" for name in profiles if managed(profiles, name)} | {"sso-session cone-sso"}
    assert len(ours) == 6
    kept = "".join(body for name, body in sections(text) if name not in ours)
    assert kept.rstrip("\n") == USER_CONFIG
    assert text.startswith(USER_CONFIG)  # new sections come after the user's
    assert profiles["mine"]["s3"] == {"max_concurrent_requests": "20"}


def test_a_profile_made_by_cone_is_recognised_and_skipped(alice, sandbox):
    entitlement = C1.sign_in(sandbox.exports).entitlement("Production", "ReadOnlyAccess")
    by_cone = (f"[profile production-readonlyaccess]\n"
               f"credential_process = cone aws credentials production-readonlyaccess\n"
               f"cone_app_id = {entitlement['appId']}\ncone_entitlement_id = {entitlement['id']}\n"
               "cone_sso_account_id = 111111111111\ncone_sso_role_name = ReadOnlyAccess\n"
               "region = us-west-2\noutput = json\n")
    alice.aws_config.parent.mkdir()
    alice.aws_config.write_text(by_cone)
    setup = alice.setup()
    assert "= production-readonlyaccess  (skipped: made by cone)" in setup.stdout
    assert setup.stdout.splitlines()[-1] == "Created 4 profiles, updated 0, kept 1 (1 made by cone), removed 0."
    assert alice.aws_config.read_text().startswith(by_cone)
    profiles = botocore_view(alice.aws_config)
    assert not any(name.startswith("production-readonlyaccess-") for name in profiles)  # no second profile
    # cone-shell serves it all the same (its cone_* keys are cone's).
    assert "production-readonlyaccess" in alice.cone("profiles", "--names").stdout.split()
    check = alice.cone("check", "production-readonlyaccess", "--refresh")
    assert check.returncode == 3, check.stderr


def test_a_users_profile_with_the_same_name_gets_a_suffix(alice):
    mine = "[profile production-administratoraccess]\nregion = eu-central-1\noutput = table\n"
    alice.aws_config.parent.mkdir()
    alice.aws_config.write_text(mine)
    setup = alice.setup()
    assert ("+ production-administratoraccess-111111111111  (111111111111 AdministratorAccess; "
            "the name production-administratoraccess was taken)") in setup.stdout
    assert alice.aws_config.read_text().startswith(mine)
    profiles = botocore_view(alice.aws_config)
    assert profiles["production-administratoraccess"] == {"region": "eu-central-1", "output": "table"}
    assert profiles["production-administratoraccess-111111111111"]["cone_sso_role_name"] == "AdministratorAccess"
    refused = alice.cone("creds", "production-administratoraccess")
    assert refused.returncode == 1 and "is not managed by cone-shell or cone" in refused.stderr


def test_a_malformed_config_is_reported_with_its_line_and_not_written(alice):
    broken = "[profile mine]\nregion = eu-west-1\nthis line has no delimiter\n"
    alice.aws_config.parent.mkdir()
    alice.aws_config.write_text(broken)
    setup = alice.cone("setup", "--sso-url", alice.sandbox.exports["CONE_SANDBOX_SSO_START_URL"])
    assert setup.returncode == 1
    assert f"{alice.aws_config} line 3: line has no '=' or ':'" in setup.stderr, setup.stderr
    assert alice.aws_config.read_text() == broken
    assert not alice.c1_config.exists()
    # The AWS CLI cannot read it either.
    refused = alice.aws("configure", "get", "region", "--profile", "mine")
    assert refused.returncode != 0 and "Unable to parse config file" in refused.stderr

    # Broken after setup: every command that reads it says where.
    alice.aws_config.write_text(broken.replace("this line has no delimiter\n", ""))
    alice.setup()
    lines = alice.aws_config.read_text().count("\n")
    with alice.aws_config.open("a") as config:
        config.write("oops\n")
    for command in (["creds", "production-readonlyaccess"], ["check", "production-readonlyaccess"], ["status"]):
        result = alice.cone(*command)
        assert result.returncode == 1
        assert f"{alice.aws_config} line {lines + 1}: line has no '=' or ':'" in result.stderr, (command, result.stderr)


def test_setup_show(alice):
    before = alice.cone("setup", "show")
    assert before.returncode == 1 and "cone-shell setup --sso-url" in before.stdout
    alice.setup("--sso-region", "eu-west-1", "--region", "eu-central-1")
    shown = alice.cone("setup", "show")
    assert shown.returncode == 0
    assert shown.stdout.splitlines() == [f"SSO start URL:  {alice.sandbox.exports['CONE_SANDBOX_SSO_START_URL']}",
                                         "SSO region:     eu-west-1", "Default region: eu-central-1"]
    profiles = botocore_view(alice.aws_config)
    assert profiles["staging-billingaccess"]["region"] == "eu-central-1"
    assert profiles["staging-billingaccess"]["cone_sso_region"] == "eu-west-1"
