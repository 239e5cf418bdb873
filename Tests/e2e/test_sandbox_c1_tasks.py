"""The policy lifecycle of every default entitlement, forms, duplicates and task actions,
through the real C1 API (every answer checked against the OpenAPI document)."""
import pytest

from sandbox_support import C1

TASK_REF = "type.googleapis.com/c1.api.task.v1.TaskRef"


@pytest.fixture
def alice(sandbox):
    return C1.sign_in(sandbox.exports)


def bob(sandbox) -> C1:
    return C1.device_sign_in(sandbox, "bob@example.com")


def grants(c1: C1, entitlement: dict) -> list[dict]:
    path = f"/api/v1/apps/{entitlement['appId']}/entitlements/{entitlement['id']}/users/{c1.me()}/grants"
    return c1.get(path)["bindings"]


def test_auto_approval_closes_granted_with_a_binding(sandbox, alice):
    entitlement = alice.entitlement("Production", "ReadOnlyAccess")
    assert entitlement["durationGrant"] == "28800s"
    task = alice.request(entitlement).json["taskView"]["task"]
    assert task["numericId"] == "1001"
    assert task["state"] == "TASK_STATE_OPEN" and task["processing"] == "TASK_PROCESSING_TYPE_PROCESSING"
    assert "provision" in task["policy"]["current"]
    assert task["type"]["grant"]["grantDuration"] == "28800s"  # absent means the maximum

    sandbox.admin("clock", "advance", "1s")  # past the 500 ms processing delay
    task = alice.task(1001)
    assert task["state"] == "TASK_STATE_CLOSED" and task["processing"] == "TASK_PROCESSING_TYPE_DONE"
    assert task["type"]["grant"]["outcome"] == "GRANT_OUTCOME_GRANTED"
    assert "current" not in task["policy"]
    assert task["policy"]["history"][-1]["provision"]["state"] == "PROVISION_INSTANCE_STATE_DONE"

    [binding] = grants(alice, entitlement)
    assert binding["appEntitlementId"] == entitlement["id"] and "deletedAt" not in binding
    assert binding["deprovisionAt"] > binding["createdAt"]
    granted = alice.catalog(grantedStatus="GRANTED")
    assert [item["entitlement"]["appEntitlement"]["id"] for item in granted] == [entitlement["id"]]
    assert granted[0]["appEntitlementUserBindings"][0]["deprovisionAt"] == binding["deprovisionAt"]

    sandbox.admin("clock", "advance", "8h")
    alice = C1.sign_in(sandbox.exports)  # the old access token has expired meanwhile
    [ended] = grants(alice, entitlement)
    assert "appEntitlementId" not in ended and "createdAt" not in ended and ended["appUserId"]
    assert alice.catalog(grantedStatus="GRANTED") == []


def test_approval_waits_for_cone_sandbox_approve(sandbox, alice):
    entitlement = alice.entitlement("Production", "AdministratorAccess")
    assert entitlement["durationGrant"] == "7200s"
    task = alice.request(entitlement, grantDuration="3600s").json["taskView"]["task"]
    approval = task["policy"]["current"]["approval"]
    assert approval["state"] == "APPROVAL_INSTANCE_STATE_WAITING"
    assert task["processing"] == "TASK_PROCESSING_TYPE_WAITING"
    bob_id = approval["approval"]["users"]["userIds"][0]
    assert task["stepApproverIds"] == [bob_id] and bob_id != alice.me()
    assert "TASK_ACTION_TYPE_APPROVE" not in task["actions"]  # alice may not approve her own request

    sandbox.admin("clock", "advance", "50m")
    assert alice.task(task["id"])["state"] == "TASK_STATE_OPEN"  # still waiting, however long

    approved = sandbox.admin("approve", task["numericId"])
    assert "Approved task 1001" in approved.stdout and "closed, granted" in approved.stdout
    task = alice.task(task["numericId"])
    assert task["type"]["grant"]["outcome"] == "GRANT_OUTCOME_GRANTED"
    step = task["policy"]["history"][0]["approval"]
    assert step["approved"]["userId"] == bob_id and step["state"] == "APPROVAL_INSTANCE_STATE_DONE"
    [binding] = grants(alice, entitlement)
    assert binding["appEntitlementId"] == entitlement["id"]


def test_bob_approves_through_the_api_with_the_current_step(sandbox, alice):
    entitlement = alice.entitlement("Production", "AdministratorAccess")
    task = alice.request(entitlement).json["taskView"]["task"]
    approver = bob(sandbox)
    seen = approver.task(task["numericId"])
    assert {"TASK_ACTION_TYPE_APPROVE", "TASK_ACTION_TYPE_DENY"} <= set(seen["actions"])

    stale = approver.call("POST", f"/api/v1/tasks/{task['id']}/action/approve", {"policyStepId": "not-the-step"})
    assert stale.status == 400 and stale.json["code"] == 9
    by_alice = alice.call("POST", f"/api/v1/tasks/{task['id']}/action/approve",
                          {"policy_step_id": seen["policy"]["current"]["id"]})
    assert by_alice.status == 403 and by_alice.json["code"] == 7

    done = approver.post(f"/api/v1/tasks/{task['id']}/action/approve",
                         {"policy_step_id": seen["policy"]["current"]["id"], "comment": "ok"})  # snake_case too
    assert done["ticketActionId"]
    assert done["taskView"]["task"]["type"]["grant"]["outcome"] == "GRANT_OUTCOME_GRANTED"


def test_escalate_marks_emergency_access_for_the_requester_only(sandbox, alice):
    """cone task escalate: the route cone calls answers as the OpenAPI document says."""
    entitlement = alice.entitlement("Production", "AdministratorAccess")
    task = alice.request(entitlement).json["taskView"]["task"]
    assert "emergencyAccess" not in task
    assert "TASK_ACTION_TYPE_ESCALATE_TO_EMERGENCY_ACCESS" in task["actions"]
    approver = bob(sandbox)
    refused = approver.call("POST", f"/api/v1/tasks/{task['id']}/action/escalate", {})
    assert refused.status == 403 and refused.json["code"] == 7

    escalated = alice.post(f"/api/v1/tasks/{task['numericId']}/action/escalate", {"comment": "outage"})
    assert escalated["ticketActionId"]
    view = escalated["taskView"]["task"]
    assert view["emergencyAccess"] is True and view["state"] == "TASK_STATE_OPEN"
    assert "TASK_ACTION_TYPE_ESCALATE_TO_EMERGENCY_ACCESS" not in view["actions"]
    assert alice.task(task["id"])["emergencyAccess"] is True

    sandbox.admin("deny", task["numericId"])
    closed = alice.call("POST", f"/api/v1/tasks/{task['id']}/action/escalate", {})
    assert closed.status == 400 and closed.json["code"] == 9


def test_deny_closes_denied(sandbox, alice):
    entitlement = alice.entitlement("Production", "AdministratorAccess")
    task = alice.request(entitlement).json["taskView"]["task"]
    denied = sandbox.admin("deny", task["numericId"])
    assert "closed, denied" in denied.stdout
    task = alice.task(task["id"])
    assert task["state"] == "TASK_STATE_CLOSED"
    assert task["type"]["grant"]["outcome"] == "GRANT_OUTCOME_DENIED"
    assert "denied" in task["policy"]["history"][0]["approval"]
    assert "appEntitlementId" not in grants(alice, entitlement)[0]
    again = sandbox.admin("approve", task["numericId"], check=False)
    assert again.returncode != 0 and "not waiting for an approval" in again.stderr


def test_deny_policy_closes_denied_at_once(alice):
    entitlement = alice.entitlement("Staging", "BillingAccess")
    assert entitlement["durationGrant"] == "3600s" and "durationUnset" not in entitlement
    task = alice.request(entitlement).json["taskView"]["task"]
    assert task["state"] == "TASK_STATE_CLOSED"
    assert task["type"]["grant"]["outcome"] == "GRANT_OUTCOME_DENIED"
    assert task["policy"]["history"][-1]["reject"]["rejectMessage"]


GOOD_FORM = {"ticket": "OPS-123", "reason": "incident", "hours": 2,
             "notify": ["ops@example.com"], "acknowledge": True}


@pytest.mark.parametrize("field,value,rule", [
    ("ticket", "ops 123", "must match the pattern ^[A-Z]+-[0-9]+$"),
    ("reason", "fun", "must be one of incident, change, audit"),
    ("hours", 5, "must be at most 4"),
    ("hours", 0, "must be at least 1"),
    ("hours", 1.5, "must be a whole number"),
    ("notify", ["a@example.com", "b@example.com", "c@example.com", "d@example.com"], "must have at most 3 items"),
    ("notify", ["not-an-address"], "must be an e-mail address"),
    ("acknowledge", False, "must be true"),
    ("ticket", None, "is required"),
    ("surprise", "x", "is not a field of the form"),
])
def test_form_step_rejects_data_that_breaks_the_rules(alice, field, value, rule):
    entitlement = alice.entitlement("Production", "DatabaseAdministrator")
    task = alice.request(entitlement).json["taskView"]["task"]
    data = dict(GOOD_FORM)
    if value is None:
        del data[field]
    else:
        data[field] = value
    reply = alice.call("POST", f"/api/v1/tasks/{task['id']}/action/update-request-data", {"data": data})
    assert reply.status == 400 and reply.json["code"] == 3, reply
    assert f'"{field}"' in reply.json["message"] and rule in reply.json["message"]
    assert "form" in alice.task(task["id"])["policy"]["current"]  # still waiting for the form


def test_form_then_approval(sandbox, alice):
    entitlement = alice.entitlement("Production", "DatabaseAdministrator")
    schema_id = entitlement["requestSchemaId"]
    binding = alice.call("PUT", "/api/v1/request_schema_entitlement_binding",
                         {"entitlementRef": {"appId": entitlement["appId"], "id": entitlement["id"]}})
    assert binding.status == 200 and binding.json["requestSchemaId"] == schema_id
    fields = {f["name"]: f for f in alice.get(f"/api/v1/request_schemas/{schema_id}")["requestSchema"]["form"]["fields"]}
    assert fields["ticket"]["stringField"]["rules"] == {"minLen": "1", "pattern": "^[A-Z]+-[0-9]+$"}
    assert fields["hours"]["int64Field"]["rules"] == {"gte": "1", "lte": "4"}
    assert fields["hours"]["int64Field"]["defaultValue"] == "1"
    assert fields["notify"]["stringSliceField"]["rules"] == {"maxItems": "3", "items": {"string": {"email": True}}}
    assert fields["acknowledge"]["boolField"]["rules"] == {"const": True}
    assert [o["value"] for o in fields["reason"]["stringField"]["selectField"]["options"]] == ["incident", "change", "audit"]

    task = alice.request(entitlement).json["taskView"]["task"]
    assert task["policy"]["current"]["form"]["state"] == "FORM_INSTANCE_STATE_WAITING"
    assert [f["name"] for f in task["form"]["fields"]] == ["ticket", "reason", "hours", "notify", "acknowledge"]
    assert "TASK_ACTION_TYPE_UPDATE_REQUEST_DATA" in task["actions"]
    early = sandbox.admin("approve", task["numericId"], check=False)
    assert early.returncode != 0 and "request form" in early.stderr

    submitted = alice.post(f"/api/v1/tasks/{task['id']}/action/update-request-data", {"data": GOOD_FORM})
    task = submitted["taskView"]["task"]
    assert task["data"] == GOOD_FORM
    assert task["policy"]["history"][0]["form"]["data"] == GOOD_FORM
    assert task["policy"]["current"]["approval"]["state"] == "APPROVAL_INSTANCE_STATE_WAITING"
    sandbox.admin("approve", task["numericId"], "--as", "bob@example.com")
    assert alice.task(task["id"])["type"]["grant"]["outcome"] == "GRANT_OUTCOME_GRANTED"


def test_form_data_with_the_request_skips_the_form_step(alice):
    entitlement = alice.entitlement("Production", "DatabaseAdministrator")
    bad = alice.request(entitlement, requestData=dict(GOOD_FORM, ticket="nope"))
    assert bad.status == 400 and '"ticket"' in bad.json["message"]
    task = alice.request(entitlement, requestData=GOOD_FORM).json["taskView"]["task"]
    assert "approval" in task["policy"]["current"]
    assert task["policy"]["history"][0]["form"]["state"] == "FORM_INSTANCE_STATE_DONE"


def test_duplicate_request_returns_the_open_task(alice):
    entitlement = alice.entitlement("Production", "AdministratorAccess")
    first = alice.request(entitlement).json["taskView"]["task"]
    second = alice.request(entitlement)
    assert second.status == 409 and second.json["code"] == 6
    assert "duplicate ticket found" in second.json["message"]
    assert second.json["details"] == [{"@type": TASK_REF, "id": first["id"]}]


def test_grant_duration_above_the_maximum_is_refused(alice):
    entitlement = alice.entitlement("Production", "AdministratorAccess")
    reply = alice.request(entitlement, grantDuration="7201s")
    assert reply.status == 400 and reply.json["code"] == 3
    assert "grant duration must be less than or equal to max provision time (2h0m0s)" in reply.json["message"]
    missing = alice.call("POST", "/api/v1/task/grant", {"appEntitlementId": entitlement["id"]})
    assert missing.status == 400 and "AppId" in missing.json["message"]


def test_task_search_comment_and_revoke(sandbox, alice):
    me = alice.me()
    admin = alice.entitlement("Production", "AdministratorAccess")
    readonly = alice.entitlement("Production", "ReadOnlyAccess")
    waiting = alice.request(admin).json["taskView"]["task"]
    done = alice.request(readonly).json["taskView"]["task"]
    sandbox.admin("clock", "advance", "1s")

    def search(**body):
        return [t["task"]["numericId"] for t in alice.post("/api/v1/search/tasks", body).get("list", [])]

    assert search(openerIds=[me], taskStates=["TASK_STATE_OPEN"], taskTypes=[{"grant": {}}],
                  appEntitlementIds=[admin["id"]]) == [waiting["numericId"]]
    assert search(openerOrSubjectUserId=me) == [done["numericId"], waiting["numericId"]]
    assert search(subjectIds=[me], taskStates=["TASK_STATE_CLOSED"]) == [done["numericId"]]
    assert search(refs=[{"id": done["id"]}]) == [done["numericId"]]
    assert search(query="readonlyaccess") == [done["numericId"]]
    assert search(taskTypes=[{"revoke": {}}]) == []
    page = alice.post("/api/v1/search/tasks", {"pageSize": 1, "expandMask": {"paths": ["*"]}})
    assert len(page["list"]) == 2 and "nextPageToken" not in page  # pages hold at least 10
    types = {item["@type"] for item in page["expanded"]}
    assert types == {"type.googleapis.com/c1.api.app.v1.App", "type.googleapis.com/c1.api.app.v1.AppEntitlement",
                     "type.googleapis.com/c1.api.user.v1.User"}

    commented = alice.post(f"/api/v1/tasks/{waiting['numericId']}/action/comment", {"comment": "please"})
    assert commented["taskView"]["task"]["commentCount"] == 1

    revoke = alice.post("/api/v1/task/revoke", {"appId": readonly["appId"], "appEntitlementId": readonly["id"]})
    task = revoke["taskView"]["task"]
    assert task["type"]["revoke"]["outcome"] == "REVOKE_OUTCOME_REVOKED"
    assert "appEntitlementId" not in grants(alice, readonly)[0]
    again = alice.call("POST", "/api/v1/task/revoke", {"appId": readonly["appId"], "appEntitlementId": readonly["id"]})
    assert again.status == 400 and again.json["code"] == 9


def test_unknown_tasks_and_tokens(sandbox, alice):
    missing = alice.call("GET", "/api/v1/tasks/999999")
    assert missing.status == 404 and missing.json["code"] == 5
    anonymous = C1(alice.endpoint).call("GET", "/api/v1/auth/introspect")
    assert anonymous.status == 401 and anonymous.json["code"] == 16
    sandbox.admin("clock", "advance", "61m")  # past the access token's hour
    expired = alice.call("GET", "/api/v1/auth/introspect")
    assert expired.status == 401 and expired.json["code"] == 16
