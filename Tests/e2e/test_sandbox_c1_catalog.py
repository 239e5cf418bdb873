"""The request catalog and the read endpoints: paging, filters, expansion, baton-aws shapes,
hostile names served verbatim."""
from pathlib import Path

import pytest

from cone import Sandbox
from sandbox_support import C1, expanded

FIXTURES = Path(__file__).parent / "fixtures" / "sandbox"
APP = "type.googleapis.com/c1.api.app.v1.App"
RESOURCE_TYPE = "type.googleapis.com/c1.api.app.v1.AppResourceType"
RESOURCE = "type.googleapis.com/c1.api.app.v1.AppResource"


@pytest.fixture
def hostile(tmp_path):
    with Sandbox.start(tmp_path / "hostile", "--scenario", str(FIXTURES / "hostile.yaml")) as sandbox:
        yield sandbox


def test_default_catalog_looks_like_baton_aws(sandbox):
    c1 = C1.sign_in(sandbox.exports)
    page = c1.post("/api/v1/search/request_catalog/entitlements", {
        "grantedStatus": "ALL", "pageSize": 100, "includeDeleted": False,
        "expandMask": {"paths": ["app_id", "app_resource_type_id", "app_resource_id"]}})
    assert "nextPageToken" not in page
    rows = []
    for item in page["list"]:
        view = item["entitlement"]
        app = expanded(page, view["appPath"])
        resource_type = expanded(page, view["appResourceTypePath"])
        resource = expanded(page, view["appResourcePath"])
        assert (app["@type"], resource_type["@type"], resource["@type"]) == (APP, RESOURCE_TYPE, RESOURCE)
        entitlement = view["appEntitlement"]
        rows.append((app["displayName"], resource_type["displayName"], resource["displayName"],
                     entitlement["displayName"], entitlement.get("durationGrant"), "requestSchemaId" in entitlement))
        assert "appEntitlementUserBindings" not in item
        if app["displayName"] == "AWS":
            [source] = entitlement["sourceConnectorIds"].values()
            account, arn = source.split("|")
            assert arn.startswith("arn:aws:sso:::permissionSet/ssoins-") and "/ps-" in arn
            assert account == {"Production": "111111111111", "Staging": "222222222222"}[resource["displayName"]]
        else:
            assert not any("arn:aws:sso:::permissionSet/" in v for v in entitlement["sourceConnectorIds"].values())
    assert rows == [
        ("AWS", "Account", "Production", "ReadOnlyAccess Permission Set", "28800s", False),
        ("AWS", "Account", "Production", "AdministratorAccess Permission Set", "7200s", False),
        ("AWS", "Account", "Production", "DatabaseAdministrator Permission Set", "14400s", True),
        ("AWS", "Account", "Staging", "PowerUserAccess Permission Set", "28800s", False),
        ("AWS", "Account", "Staging", "BillingAccess Permission Set", "3600s", False),
        ("GitHub", "Team", "platform", "Maintainer", "28800s", False),
    ]
    # Shared objects appear once in expanded.
    assert len(page["expanded"]) == len({(o["@type"], o["id"]) for o in page["expanded"]}) == 7


def test_catalog_without_expansion_and_with_query(sandbox):
    c1 = C1.sign_in(sandbox.exports)
    page = c1.post("/api/v1/search/request_catalog/entitlements", {"expandMask": {}})
    assert "expanded" not in page and all("appPath" not in i["entitlement"] for i in page["list"])
    names = [i["entitlement"]["appEntitlement"]["displayName"] for i in c1.catalog(query="staging ACCESS")]
    assert names == ["PowerUserAccess Permission Set", "BillingAccess Permission Set"]
    assert c1.catalog(query="github maintainer", grantedStatus="NOT_GRANTED")[0]["entitlement"]["appEntitlement"]["displayName"] == "Maintainer"
    bad = c1.call("POST", "/api/v1/search/request_catalog/entitlements", {"pageToken": "garbage"})
    assert bad.status == 400 and bad.json["code"] == 3


def test_read_endpoints(sandbox):
    c1 = C1.sign_in(sandbox.exports)
    entitlement = c1.entitlement("Production", "AdministratorAccess")
    app_id = entitlement["appId"]
    got = c1.get(f"/api/v1/apps/{app_id}/entitlements/{entitlement['id']}")["appEntitlementView"]["appEntitlement"]
    assert got == entitlement
    assert c1.get(f"/api/v1/apps/{app_id}")["app"]["displayName"] == "AWS"
    resource_type = c1.get(f"/api/v1/apps/{app_id}/resource_types/{entitlement['appResourceTypeId']}")
    assert resource_type["appResourceTypeView"]["appResourceType"]["displayName"] == "Account"
    resource = c1.get(f"/api/v1/apps/{app_id}/resource_types/{entitlement['appResourceTypeId']}"
                      f"/resources/{entitlement['appResourceId']}")
    assert resource["appResourceView"]["appResource"]["displayName"] == "Production"
    me = c1.me()
    user = c1.get(f"/api/v1/users/{me}")["userView"]["user"]
    assert user["email"] == "alice@example.com" and user["status"] == "ENABLED"
    [app_user] = c1.get(f"/api/v1/apps/{app_id}/users/{me}/app_users")["list"]
    assert app_user["appUser"]["identityUserId"] == me
    [binding] = c1.get(f"/api/v1/apps/{app_id}/entitlements/{entitlement['id']}/users/{me}/grants")["bindings"]
    assert binding == {"appId": app_id, "appUserId": app_user["appUser"]["id"]}
    no_form = c1.call("PUT", "/api/v1/request_schema_entitlement_binding",
                      {"entitlement_ref": {"app_id": app_id, "id": entitlement["id"]}})
    assert no_form.status == 404 and no_form.json["code"] == 5
    assert c1.call("GET", f"/api/v1/apps/{app_id}/entitlements/nope").status == 404
    assert c1.call("GET", "/api/v1/no/such/route").json["code"] == 5

    search = c1.post("/api/v1/search/entitlements", {"appIds": [app_id], "resourceIds": [entitlement["appResourceId"]],
                                                     "expandMask": {"paths": ["app_resource_id"]}})
    assert [v["appEntitlement"]["displayName"] for v in search["list"]] == [
        "ReadOnlyAccess Permission Set", "AdministratorAccess Permission Set", "DatabaseAdministrator Permission Set"]
    assert {o["displayName"] for o in search["expanded"]} == {"Production"}


def test_paging_and_hostile_names(hostile):
    c1 = C1.sign_in(hostile.exports)
    first = c1.post("/api/v1/search/request_catalog/entitlements", {"pageSize": 10})
    assert len(first["list"]) == 10 and first["nextPageToken"]
    small = c1.post("/api/v1/search/request_catalog/entitlements", {"pageSize": 3})
    assert len(small["list"]) == 10  # below 10 becomes 10
    default = c1.post("/api/v1/search/request_catalog/entitlements", {})
    assert len(default["list"]) == 25  # 0 means 25
    everything = c1.catalog(expandMask={"paths": ["*"]})
    assert len(everything) == 2 + 3 * 10
    ids = [i["entitlement"]["appEntitlement"]["id"] for i in everything]
    assert len(set(ids)) == len(ids)

    weird = everything[0]["entitlement"]["appEntitlement"]
    assert weird["displayName"] == 'Read"Only=[x];#\\ Permission Set'
    assert weird["alias"] == "weird alias"
    assert "durationUnset" in weird
    [source] = weird["sourceConnectorIds"].values()
    assert source.startswith("333333333333|arn:aws:sso:::permissionSet/")
    app = c1.get(f"/api/v1/apps/{weird['appId']}/resource_types/{weird['appResourceTypeId']}/resources/{weird['appResourceId']}")
    assert app["appResourceView"]["appResource"]["displayName"] == 'Prod [eu]\n=#1; "x" \\y'
    other = everything[1]["entitlement"]["appEntitlement"]
    assert other["displayName"] == "=Admin #"
    by_alias = c1.catalog(entitlementAlias="weird alias")
    assert [i["entitlement"]["appEntitlement"]["id"] for i in by_alias] == [weird["id"]]
    me = c1.get(f"/api/v1/users/{c1.me()}")["userView"]["user"]
    assert me["displayName"] == "Alice \"the 'tester'\" #1; \\o/"


@pytest.mark.parametrize("scale", [(10, 100)])
def test_setup_scale_catalog(tmp_path, scale):
    accounts, sets = scale
    scenario = tmp_path / "scale.yaml"
    scenario.write_text(f"users:\n  - email: alice@example.com\n    client: alice\n"
                        f"generate: {{accounts: {accounts}, permissionSets: {sets}, policy: auto}}\n")
    with Sandbox.start(tmp_path / "scale", "--scenario", str(scenario)) as sandbox:
        c1 = C1.sign_in(sandbox.exports)
        items = c1.catalog(expandMask={"paths": ["app_id", "app_resource_type_id", "app_resource_id"]})
        assert len(items) == accounts * sets
        assert sandbox.log()["counts"]["POST /api/v1/search/request_catalog/entitlements"] == accounts * sets // 100
