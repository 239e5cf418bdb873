"""Every C1 operation the sandbox serves answers with JSON that validates against the 200
schema of that operation in the real OpenAPI document (where the document has it)."""
import pytest

from sandbox_support import C1, SchemaViolation, validate_response, validated_templates

EXPECTED = {
    "GET /api/v1/auth/introspect",
    "POST /api/v1/iam/personal_clients",
    "POST /api/v1/search/request_catalog/entitlements",
    "POST /api/v1/search/entitlements",
    "GET /api/v1/apps/{id}",
    "GET /api/v1/apps/{app_id}/entitlements/{id}",
    "GET /api/v1/apps/{app_id}/resource_types/{id}",
    "GET /api/v1/apps/{app_id}/resource_types/{app_resource_type_id}/resources/{id}",
    "GET /api/v1/apps/{app_id}/entitlements/{app_entitlement_id}/users/{identity_user_id}/grants",
    "GET /api/v1/apps/{app_id}/users/{user_id}/app_users",
    "GET /api/v1/users/{id}",
    "POST /api/v1/task/grant",
    "POST /api/v1/task/revoke",
    "GET /api/v1/tasks/{id}",
    "POST /api/v1/search/tasks",
    "POST /api/v1/tasks/{task_id}/action/approve",
    "POST /api/v1/tasks/{task_id}/action/deny",
    "POST /api/v1/tasks/{task_id}/action/comment",
    "POST /api/v1/tasks/{task_id}/action/update-request-data",
}


def test_every_operation_validates(sandbox):
    validated_templates.clear()
    c1 = C1.sign_in(sandbox.exports)
    me = c1.me()
    c1.post("/api/v1/iam/personal_clients", {"displayName": "openapi"})
    everything = c1.post("/api/v1/search/request_catalog/entitlements", {"expandMask": {"paths": ["*"]}})
    c1.post("/api/v1/search/entitlements", {"expandMask": {"paths": ["*"]}})
    admin = c1.entitlement("Production", "AdministratorAccess")
    database = c1.entitlement("Production", "DatabaseAdministrator")
    readonly = c1.entitlement("Production", "ReadOnlyAccess")
    app = admin["appId"]
    c1.get(f"/api/v1/apps/{app}")
    c1.get(f"/api/v1/apps/{app}/entitlements/{admin['id']}")
    c1.get(f"/api/v1/apps/{app}/resource_types/{admin['appResourceTypeId']}")
    c1.get(f"/api/v1/apps/{app}/resource_types/{admin['appResourceTypeId']}/resources/{admin['appResourceId']}")
    c1.get(f"/api/v1/apps/{app}/users/{me}/app_users")
    c1.get(f"/api/v1/users/{me}")
    expand = {"expandMask": {"paths": ["*"]}}

    approved = c1.request(admin, **expand).json["taskView"]["task"]
    sandbox.admin("approve", approved["numericId"])
    c1.get(f"/api/v1/apps/{app}/entitlements/{admin['id']}/users/{me}/grants")
    c1.post("/api/v1/task/revoke", {"appId": app, "appEntitlementId": admin["id"], **expand})

    form = c1.request(database, **expand).json["taskView"]["task"]
    c1.post(f"/api/v1/tasks/{form['id']}/action/comment", {"comment": "hello", **expand})
    filled = c1.post(f"/api/v1/tasks/{form['id']}/action/update-request-data", {
        "data": {"ticket": "OPS-1", "reason": "audit", "hours": 1, "acknowledge": True}, **expand})
    step = filled["taskView"]["task"]["policy"]["current"]["id"]
    approver = C1.device_sign_in(sandbox, "bob@example.com")
    approver.post(f"/api/v1/tasks/{form['id']}/action/deny", {"policyStepId": step, **expand})
    again = c1.request(admin).json["taskView"]["task"]
    approver.post(f"/api/v1/tasks/{again['id']}/action/approve",
                  {"policyStepId": again["policy"]["current"]["id"], **expand})
    c1.request(readonly)
    sandbox.admin("clock", "advance", "1s")
    c1.post("/api/v1/search/tasks", {"openerOrSubjectUserId": me, **expand})
    c1.get(f"/api/v1/tasks/{form['numericId']}")
    assert everything["list"]

    assert validated_templates == EXPECTED


def test_the_check_is_not_vacuous():
    task = {"taskView": {"task": {"numericId": 1001}}}  # int64 must be a string
    with pytest.raises(SchemaViolation):
        validate_response("GET", "/api/v1/tasks/1001", task)
    with pytest.raises(SchemaViolation):
        validate_response("GET", "/api/v1/tasks/1001",
                          {"taskView": {"task": {"createdAt": "yesterday"}}})
    with pytest.raises(SchemaViolation):
        validate_response("GET", "/api/v1/apps/x/entitlements/y",
                          {"appEntitlementView": {"appEntitlement": {"durationGrant": "2h"}}})
    assert validate_response("GET", "/api/v1/request_schemas/x", {}) is None  # newer than the document
