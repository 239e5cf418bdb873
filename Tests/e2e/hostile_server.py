"""A small HTTP front that misbehaves on purpose, for issue 12's bounds: it answers the
few ConductorOne and AWS IAM Identity Center routes cone-shell calls, and each route can
be told to drip its body a byte at a time, hand out endless (or repeated) page tokens,
send an oversized body, or carry extreme numbers.

It listens on 127.0.0.1 only, serves each connection on its own daemon thread, bounds
every loop, and shuts itself down after `lifetime` seconds even if a test forgets to."""
from __future__ import annotations

import base64
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

APP = "hostile-app"
RESOURCE_TYPE = "hostile-type"
RESOURCE = "hostile-account"
ENTITLEMENT = "hostile-entitlement"
ACCOUNT_ID = "111111111111"
USER = "hostile-user"
START_URL = "https://hostile.awsapps.com/start"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def client_credential(host: str) -> tuple[str, str]:
    """A well-formed C1 client id and secret for `host` (the server never checks the
    assertion signed with it)."""
    key = Ed25519PrivateKey.generate()
    jwk = {"crv": "Ed25519", "d": b64url(key.private_bytes_raw()), "kty": "OKP",
           "x": b64url(key.public_key().public_bytes_raw())}
    return f"hostile@{host}/pcc", "secret-token:conductorone.com:v1:" + b64url(json.dumps(jwk).encode())


class HostileServer:
    """The server and its knobs. `modes` says how each misbehaving route answers; tests
    change it between commands. `hits` counts requests per `METHOD /path`."""

    DEFAULTS = {
        "catalog": "ok",          # ok | drip | endless | repeat | huge
        "tasks": "none",          # none | endless
        "grant_task": "ok",       # ok | forged-number
        "bindings": "active",     # active | none
        "credentials": "ok",      # ok | drip
        "accounts": "endless",    # endless
        "sso_token": "pending",   # pending | slow_down
        "c1_device_token": "pending",
        "device_expires_in": 2,   # seconds the device code is valid for (both services)
        "verification_url": None,  # the sign-in page both services name (None: their own)
        "device_interval": 1e300,
        "duration_grant": "1e300s",
        "token_expires_in": 1e300,
    }

    def __init__(self, lifetime: float = 120, drip_every: float = 0.05):
        self.modes = dict(self.DEFAULTS)
        self.hits: dict[str, int] = {}
        self.drip_every = drip_every
        self.lifetime = lifetime
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.host = f"127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        self._timer = threading.Timer(lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()

    def __enter__(self) -> "HostileServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self._stopping.is_set():
            return
        self._stopping.set()
        self._timer.cancel()
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def alive(self) -> bool:
        return not self._stopping.is_set() and time.monotonic() - self.started < self.lifetime

    def count(self, route: str) -> int:
        with self._lock:
            return self.hits.get(route, 0)

    def _hit(self, route: str) -> int:
        with self._lock:
            self.hits[route] = self.hits.get(route, 0) + 1
            return self.hits[route]

    def environment(self) -> dict[str, str]:
        """What points cone-shell's C1 and AWS clients here."""
        client_id, secret = client_credential(self.host)
        return {"CONE_API_ENDPOINT": self.url, "CONE_CLIENT_ID": client_id, "CONE_CLIENT_SECRET": secret,
                "AWS_ENDPOINT_URL_SSO": self.url, "AWS_ENDPOINT_URL_SSO_OIDC": self.url,
                # Never open a browser on the test machine.
                "BROWSER": "true"}

    # -- answers -----------------------------------------------------------------------

    def verification_url(self, query: str = "") -> str:
        """The sign-in page a device authorization names: this server's, or the mode's."""
        return self.modes["verification_url"] or self.url + "/device" + query

    def catalog_page(self, number: int, token: str | None) -> dict:
        entitlement = {
            "appEntitlement": {
                "id": ENTITLEMENT if number == 1 else f"{ENTITLEMENT}-{number}", "appId": APP,
                "appResourceTypeId": RESOURCE_TYPE, "appResourceId": RESOURCE,
                "displayName": "AdministratorAccess Permission Set" if number == 1 else f"Set{number} Permission Set",
                "durationGrant": self.modes["duration_grant"],
                "sourceConnectorIds": {"connector": f"{ACCOUNT_ID}|arn:aws:sso:::permissionSet/ssoins-1/ps-{number}"},
            },
            "appPath": "$.expanded[0]", "appResourceTypePath": "$.expanded[1]", "appResourcePath": "$.expanded[2]",
        }
        page = {
            "list": [{"entitlement": entitlement}],
            "expanded": [
                {"@type": "type.googleapis.com/c1.api.app.v1.App", "id": APP, "displayName": "AWS"},
                {"@type": "type.googleapis.com/c1.api.app.v1.AppResourceType", "id": RESOURCE_TYPE,
                 "appId": APP, "displayName": "Account"},
                {"@type": "type.googleapis.com/c1.api.app.v1.AppResource", "id": RESOURCE, "appId": APP,
                 "appResourceTypeId": RESOURCE_TYPE, "displayName": "Production",
                 "description": f"AWS account {ACCOUNT_ID}"},
            ],
        }
        if token is not None:
            page["nextPageToken"] = token
        return page

    def task(self) -> dict:
        number = "12\nactive\t9999999999" if self.modes["grant_task"] == "forged-number" else "1001"
        return {"id": "hostile-task", "numericId": number, "state": "TASK_STATE_OPEN",
                "type": {"grant": {"appId": APP, "appEntitlementId": ENTITLEMENT, "identityUserId": USER,
                                   "grantDuration": "1e300s", "outcome": "GRANT_OUTCOME_UNSPECIFIED"}},
                "policy": {"current": {"id": "step-1", "approval": {"approval": {}}}},
                "createdAt": "2025-01-01T00:00:00Z"}

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Head and body in one write (flushed after each request, or by _drip): two
            # small writes meet the client's delayed ACK and cost 40 ms a request.
            wbufsize = 1 << 16
            disable_nagle_algorithm = True

            def log_message(self, *args) -> None:  # quiet
                pass

            def _body(self) -> bytes:
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(min(length, 1 << 20)) if length else b""

            def _send(self, status: int, document, headers: dict | None = None) -> None:
                body = json.dumps(document).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _drip(self, length: int = 100_000) -> None:
                """A 200 announcing `length` bytes, then one byte at a time until the client
                leaves, the server stops, or the bytes run out (at most `length`)."""
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(length))
                self.end_headers()
                self.wfile.flush()
                try:
                    for _ in range(length):
                        if not server.alive:
                            break
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(server.drip_every)
                except OSError:
                    pass
                self.close_connection = True

            def _huge(self, length: int = 40 << 20) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b" " * (1 << 16)
                try:
                    for _ in range(length // len(chunk)):
                        if not server.alive:
                            break
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.write(b"0\r\n\r\n")
                except OSError:
                    pass
                self.close_connection = True

            def do_GET(self) -> None:
                self._route("GET")

            def do_POST(self) -> None:
                self._route("POST")

            def _route(self, method: str) -> None:
                parsed = urllib.parse.urlsplit(self.path)
                path = parsed.path
                raw = self._body()
                number = server._hit(f"{method} {path}")
                modes = server.modes
                try:
                    body = json.loads(raw) if raw.startswith(b"{") else dict(urllib.parse.parse_qsl(raw.decode()))
                except ValueError:
                    body = {}

                # ConductorOne
                if (method, path) == ("POST", "/auth/v1/token"):
                    if body.get("grant_type") == "urn:ietf:params:oauth:grant-type:device_code":
                        error = {"pending": "authorization_pending"}.get(modes["c1_device_token"],
                                                                            modes["c1_device_token"])
                        return self._send(400, {"error": error, "error_description": error})
                    return self._send(200, {"access_token": "hostile-access-token", "token_type": "Bearer",
                                            "expires_in": modes["token_expires_in"]})
                if (method, path) == ("POST", "/auth/v1/device_authorization"):
                    return self._send(200, {"device_code": "hostile-device", "user_code": "HOST-ILE1",
                                            "verification_uri": server.verification_url(),
                                            "verification_uri_complete": server.verification_url("?user_code=HOST-ILE1"),
                                            "expires_in": modes["device_expires_in"],
                                            "interval": modes["device_interval"]})
                if (method, path) == ("GET", "/api/v1/auth/introspect"):
                    return self._send(200, {"userId": USER, "tenantId": "hostile-tenant"})
                if method == "GET" and path.startswith("/api/v1/users/"):
                    return self._send(200, {"userView": {"user": {"id": USER, "email": "alice@example.com",
                                                                  "displayName": "Alice"}}})
                if (method, path) == ("POST", "/api/v1/search/request_catalog/entitlements"):
                    mode = modes["catalog"]
                    if mode == "drip":
                        return self._drip()
                    if mode == "huge":
                        return self._huge()
                    token = {"ok": None, "endless": f"page-{number}", "repeat": "same-token"}[mode]
                    return self._send(200, server.catalog_page(number if mode != "ok" else 1, token))
                if method == "GET" and path.startswith("/api/v1/apps/") and path.endswith("/grants"):
                    bindings = [] if modes["bindings"] == "none" else [
                        {"appId": APP, "appEntitlementId": ENTITLEMENT, "appUserId": "u1",
                         "createdAt": "2025-01-01T00:00:00Z"}]
                    return self._send(200, {"bindings": bindings})
                if method == "GET" and path.startswith(f"/api/v1/apps/{APP}/entitlements/"):
                    page = server.catalog_page(1, None)
                    return self._send(200, {"appEntitlementView": page["list"][0]["entitlement"],
                                            "expanded": page["expanded"]})
                if (method, path) == ("POST", "/api/v1/search/tasks"):
                    if modes["tasks"] == "endless":
                        return self._send(200, {"list": [], "nextPageToken": f"tasks-{number}"})
                    return self._send(200, {"list": []})
                if (method, path) == ("POST", "/api/v1/task/grant"):
                    return self._send(200, {"taskView": {"task": server.task()}})
                if method == "GET" and path.startswith("/api/v1/tasks/"):
                    return self._send(200, {"taskView": {"task": server.task()}})

                # AWS IAM Identity Center
                if (method, path) == ("POST", "/client/register"):
                    return self._send(200, {"clientId": "hostile-client", "clientSecret": "hostile-secret",
                                            "clientIdIssuedAt": 1e300, "clientSecretExpiresAt": 1e300})
                if (method, path) == ("POST", "/device_authorization"):
                    return self._send(200, {"deviceCode": "hostile-device", "userCode": "HOST-ILE1",
                                            "verificationUri": server.verification_url(),
                                            "verificationUriComplete": server.verification_url("?user_code=HOST-ILE1"),
                                            "expiresIn": modes["device_expires_in"],
                                            "interval": modes["device_interval"]})
                if (method, path) == ("POST", "/token"):
                    error = {"pending": "AuthorizationPendingException",
                             "slow_down": "SlowDownException"}[modes["sso_token"]]
                    return self._send(400, {"error": modes["sso_token"].replace("pending", "authorization_pending"),
                                            "error_description": error}, {"x-amzn-ErrorType": error})
                if (method, path) == ("GET", "/federation/credentials"):
                    if modes["credentials"] == "drip":
                        return self._drip()
                    return self._send(200, {"roleCredentials": {
                        "accessKeyId": "ASIAHOSTILE", "secretAccessKey": "hostile-secret-key",
                        "sessionToken": "hostile-session", "expiration": 9223372036854775807}})
                if (method, path) == ("GET", "/assignment/accounts"):
                    return self._send(200, {"accountList": [{"accountId": str(number)}],
                                            "nextToken": f"accounts-{number}"})
                self._send(404, {"code": 5, "message": f"no route {method} {path}"})

        return Handler
