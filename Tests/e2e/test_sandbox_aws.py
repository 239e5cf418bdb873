"""AWS IAM Identity Center and STS as botocore and the AWS CLI v1 speak them."""
import datetime
import hashlib
import json
import subprocess
import time

import pytest
from botocore.exceptions import ClientError

from sandbox_support import C1, aws_client, aws_env, sso_login


def grant(sandbox, account: str, permission_set: str) -> dict:
    """Alice requests an auto-approved entitlement and the sandbox finishes provisioning it."""
    c1 = C1.sign_in(sandbox.exports)
    task = c1.request(c1.entitlement(account, permission_set)).json["taskView"]["task"]
    sandbox.admin("clock", "advance", "1s")
    task = c1.task(task["numericId"])
    assert task["type"]["grant"]["outcome"] == "GRANT_OUTCOME_GRANTED", task
    return task


def error_code(error: ClientError) -> str:
    return error.response["Error"]["Code"]


def test_sso_oidc_device_flow_with_botocore(sandbox, monkeypatch):
    oidc = aws_client("sso-oidc", sandbox, monkeypatch)
    registration = oidc.register_client(clientName="botocore-client-e2e", clientType="public",
                                        scopes=["sso:account:access"])
    assert registration["clientSecretExpiresAt"] > time.time() + 89 * 86400
    start = oidc.start_device_authorization(
        clientId=registration["clientId"], clientSecret=registration["clientSecret"],
        startUrl=sandbox.exports["CONE_SANDBOX_SSO_START_URL"])
    assert start["interval"] == 1 and start["expiresIn"] == 600
    assert start["verificationUriComplete"].startswith(sandbox.url + "/device/aws?user_code=")
    grant_args = dict(clientId=registration["clientId"], clientSecret=registration["clientSecret"],
                      grantType="urn:ietf:params:oauth:grant-type:device_code", deviceCode=start["deviceCode"])

    with pytest.raises(oidc.exceptions.AuthorizationPendingException):
        oidc.create_token(**grant_args)
    with pytest.raises(oidc.exceptions.SlowDownException):
        oidc.create_token(**grant_args)  # at once, faster than the interval

    sandbox.admin("approve-device", start["userCode"].lower())
    token = oidc.create_token(**grant_args)
    assert token["tokenType"] == "Bearer" and token["expiresIn"] == 8 * 3600
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        oidc.create_token(**grant_args)  # a device code is redeemed once

    refreshed = oidc.create_token(clientId=registration["clientId"], clientSecret=registration["clientSecret"],
                                  grantType="refresh_token", refreshToken=token["refreshToken"])
    assert refreshed["refreshToken"] != token["refreshToken"]
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        oidc.create_token(clientId=registration["clientId"], clientSecret=registration["clientSecret"],
                          grantType="refresh_token", refreshToken=token["refreshToken"])
    with pytest.raises(oidc.exceptions.InvalidClientException):
        oidc.create_token(clientId=registration["clientId"], clientSecret="wrong",
                          grantType="refresh_token", refreshToken=refreshed["refreshToken"])


def test_sso_oidc_denied_and_expired_device_codes(sandbox, monkeypatch):
    oidc = aws_client("sso-oidc", sandbox, monkeypatch)
    registration = oidc.register_client(clientName="e2e", clientType="public")
    credentials = dict(clientId=registration["clientId"], clientSecret=registration["clientSecret"])
    denied = oidc.start_device_authorization(**credentials, startUrl=sandbox.exports["CONE_SANDBOX_SSO_START_URL"])
    sandbox.admin("approve-device", denied["verificationUriComplete"], "--deny")
    with pytest.raises(oidc.exceptions.AccessDeniedException):
        oidc.create_token(**credentials, grantType="urn:ietf:params:oauth:grant-type:device_code",
                          deviceCode=denied["deviceCode"])

    expiring = oidc.start_device_authorization(**credentials, startUrl=sandbox.exports["CONE_SANDBOX_SSO_START_URL"])
    sandbox.admin("clock", "advance", "11m")
    with pytest.raises(oidc.exceptions.ExpiredTokenException):
        oidc.create_token(**credentials, grantType="urn:ietf:params:oauth:grant-type:device_code",
                          deviceCode=expiring["deviceCode"])
    with pytest.raises(oidc.exceptions.InvalidRequestException):
        oidc.start_device_authorization(**credentials, startUrl="https://d-9999999999.awsapps.com/start")


def test_portal_before_during_and_after_a_grant(sandbox, monkeypatch):
    token = sso_login(sandbox, monkeypatch)
    sso = aws_client("sso", sandbox, monkeypatch)
    assert sso.list_accounts(accessToken=token)["accountList"] == []
    with pytest.raises(ClientError) as refused:
        sso.get_role_credentials(accessToken=token, accountId="222222222222", roleName="PowerUserAccess")
    assert error_code(refused.value) == "ForbiddenException"
    assert refused.value.response["Error"]["Message"] == "No access"

    grant(sandbox, "Staging", "PowerUserAccess")
    # Granted in C1, but AWS takes the scenario's 5 s to provision the assignment.
    with pytest.raises(ClientError) as provisioning:
        sso.get_role_credentials(accessToken=token, accountId="222222222222", roleName="PowerUserAccess")
    assert error_code(provisioning.value) == "ForbiddenException"
    sandbox.admin("clock", "advance", "5s")
    credentials = sso.get_role_credentials(
        accessToken=token, accountId="222222222222", roleName="PowerUserAccess")["roleCredentials"]
    assert credentials["accessKeyId"].startswith("ASIA")
    # Epoch milliseconds, one session length (1 h) from the sandbox's clock.
    assert credentials["expiration"] > (time.time() + 3590) * 1000

    accounts = sso.list_accounts(accessToken=token)["accountList"]
    assert accounts == [{"accountId": "222222222222", "accountName": "Staging",
                         "emailAddress": "aws-staging@example.com"}]
    roles = sso.list_account_roles(accessToken=token, accountId="222222222222")["roleList"]
    assert roles == [{"roleName": "PowerUserAccess", "accountId": "222222222222"}]

    sandbox.admin("clock", "advance", "8h")
    token = sso_login(sandbox, monkeypatch)  # the first token has expired too
    with pytest.raises(ClientError) as ended:
        sso.get_role_credentials(accessToken=token, accountId="222222222222", roleName="PowerUserAccess")
    assert error_code(ended.value) == "ForbiddenException"


def test_portal_refuses_bad_expired_and_logged_out_tokens(sandbox, monkeypatch):
    sso = aws_client("sso", sandbox, monkeypatch)
    with pytest.raises(sso.exceptions.UnauthorizedException):
        sso.list_accounts(accessToken="not-a-token")
    token = sso_login(sandbox, monkeypatch)
    sso.list_accounts(accessToken=token)
    sso.logout(accessToken=token)
    with pytest.raises(sso.exceptions.UnauthorizedException):
        sso.list_accounts(accessToken=token)
    token = sso_login(sandbox, monkeypatch)
    sandbox.admin("clock", "advance", "8h1m")
    with pytest.raises(sso.exceptions.UnauthorizedException):
        sso.get_role_credentials(accessToken=token, accountId="111111111111", roleName="ReadOnlyAccess")


def role_credentials(sandbox, monkeypatch, account="Production", account_id="111111111111",
                     permission_set="ReadOnlyAccess") -> dict:
    grant(sandbox, account, permission_set)
    token = sso_login(sandbox, monkeypatch)
    return aws_client("sso", sandbox, monkeypatch).get_role_credentials(
        accessToken=token, accountId=account_id, roleName=permission_set)["roleCredentials"]


def sts_client(sandbox, monkeypatch, credentials, secret=None):
    return aws_client("sts", sandbox, monkeypatch, aws_access_key_id=credentials["accessKeyId"],
                      aws_secret_access_key=secret or credentials["secretAccessKey"],
                      aws_session_token=credentials["sessionToken"])


def test_sts_verifies_signatures_and_expiry(sandbox, monkeypatch):
    credentials = role_credentials(sandbox, monkeypatch)
    identity = sts_client(sandbox, monkeypatch, credentials).get_caller_identity()
    assert identity["Account"] == "111111111111"
    prefix = "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_ReadOnlyAccess_"
    assert identity["Arn"].startswith(prefix) and identity["Arn"].endswith("/alice@example.com")
    assert len(identity["Arn"][len(prefix):].split("/")[0]) == 16
    assert identity["UserId"].startswith("AROA") and identity["UserId"].endswith(":alice@example.com")

    secret = credentials["secretAccessKey"]
    tampered = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    with pytest.raises(ClientError) as mismatch:
        sts_client(sandbox, monkeypatch, credentials, secret=tampered).get_caller_identity()
    assert error_code(mismatch.value) == "SignatureDoesNotMatch"
    assert mismatch.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403

    unknown = dict(credentials, accessKeyId="ASIAUNKNOWNUNKNOWN12")
    with pytest.raises(ClientError) as invalid:
        sts_client(sandbox, monkeypatch, unknown).get_caller_identity()
    assert error_code(invalid.value) == "InvalidClientTokenId"

    sandbox.admin("clock", "advance", "61m")
    with pytest.raises(ClientError) as expired:
        sts_client(sandbox, monkeypatch, credentials).get_caller_identity()
    assert error_code(expired.value) == "ExpiredToken"
    assert expired.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def aws_cli(sandbox, home, *args, **env):
    return subprocess.run(["aws", *args], capture_output=True, text=True, timeout=60,
                          env=aws_env(sandbox.exports, home, **env), stdin=subprocess.DEVNULL)


def test_aws_cli_v1_against_the_sandbox(sandbox, monkeypatch, tmp_path):
    token = sso_login(sandbox, monkeypatch)
    grant(sandbox, "Production", "ReadOnlyAccess")
    fetched = aws_cli(sandbox, tmp_path, "sso", "get-role-credentials", "--access-token", token,
                      "--account-id", "111111111111", "--role-name", "ReadOnlyAccess",
                      "--region", "us-east-1", "--output", "json")
    assert fetched.returncode == 0, fetched.stderr
    credentials = json.loads(fetched.stdout)["roleCredentials"]
    keys = dict(AWS_ACCESS_KEY_ID=credentials["accessKeyId"], AWS_SECRET_ACCESS_KEY=credentials["secretAccessKey"],
                AWS_SESSION_TOKEN=credentials["sessionToken"], AWS_DEFAULT_REGION="us-east-1")
    identity = aws_cli(sandbox, tmp_path, "sts", "get-caller-identity", "--output", "json", **keys)
    assert identity.returncode == 0, identity.stderr
    arn = json.loads(identity.stdout)["Arn"]
    assert arn.startswith("arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_ReadOnlyAccess_")
    assert arn.endswith("/alice@example.com")

    tampered = aws_cli(sandbox, tmp_path, "sts", "get-caller-identity",
                       **dict(keys, AWS_SECRET_ACCESS_KEY=keys["AWS_SECRET_ACCESS_KEY"][::-1]))
    assert tampered.returncode != 0 and "SignatureDoesNotMatch" in tampered.stderr

    sandbox.admin("clock", "advance", "2h")
    expired = aws_cli(sandbox, tmp_path, "sts", "get-caller-identity", **keys)
    assert expired.returncode != 0 and "ExpiredToken" in expired.stderr


def sso_profile(sandbox, monkeypatch, home, *, expired: bool) -> None:
    """An sso-session profile and the token cache entry `aws sso login` (CLI v2) would leave."""
    oidc = aws_client("sso-oidc", sandbox, monkeypatch)
    registration = oidc.register_client(clientName="botocore-client-s", clientType="public")
    start = oidc.start_device_authorization(clientId=registration["clientId"], clientSecret=registration["clientSecret"],
                                            startUrl=sandbox.exports["CONE_SANDBOX_SSO_START_URL"])
    sandbox.admin("approve-device", start["userCode"])
    token = oidc.create_token(clientId=registration["clientId"], clientSecret=registration["clientSecret"],
                              grantType="urn:ietf:params:oauth:grant-type:device_code", deviceCode=start["deviceCode"])

    def stamp(seconds):
        moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True)
    (cache / (hashlib.sha1(b"s").hexdigest() + ".json")).write_text(json.dumps({
        "startUrl": sandbox.exports["CONE_SANDBOX_SSO_START_URL"], "region": "us-east-1",
        "accessToken": "expired-token" if expired else token["accessToken"],
        "expiresAt": stamp(-60 if expired else token["expiresIn"]),
        "clientId": registration["clientId"], "clientSecret": registration["clientSecret"],
        "registrationExpiresAt": stamp(80 * 86400), "refreshToken": token["refreshToken"]}))
    (home / "aws-config").write_text(
        "[sso-session s]\n"
        f"sso_start_url = {sandbox.exports['CONE_SANDBOX_SSO_START_URL']}\nsso_region = us-east-1\n\n"
        "[profile readonly]\nsso_session = s\nsso_account_id = 111111111111\nsso_role_name = ReadOnlyAccess\n"
        "region = us-west-2\n")


@pytest.mark.parametrize("expired", [False, True], ids=["cached token", "refreshed token"])
def test_aws_cli_sso_profile_end_to_end(sandbox, monkeypatch, tmp_path, expired):
    """The CLI's own SSO credential provider: token cache (refreshed through CreateToken when
    expired), GetRoleCredentials, then a signed STS call."""
    sso_profile(sandbox, monkeypatch, tmp_path, expired=expired)
    if not expired:
        before = aws_cli(sandbox, tmp_path, "sts", "get-caller-identity", "--profile", "readonly")
        assert before.returncode != 0
        assert "ForbiddenException" in before.stderr and "No access" in before.stderr
    grant(sandbox, "Production", "ReadOnlyAccess")
    identity = aws_cli(sandbox, tmp_path, "sts", "get-caller-identity", "--profile", "readonly", "--output", "text",
                       "--query", "Arn")
    assert identity.returncode == 0, identity.stderr
    assert identity.stdout.strip().endswith("/alice@example.com")
    if expired:
        counts = sandbox.log()["counts"]
        assert counts["POST /token"] >= 2  # the device grant, then botocore's refresh
