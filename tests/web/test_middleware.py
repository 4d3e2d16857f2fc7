"""What one server process takes on: request bodies read only after the token check and never
past the cap; requests past the in-flight limit answered 503 at once; security headers."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from eventledger.web import create_app
from eventledger.web.middleware import InFlightLimit

CHUNK = 1 << 16


class Upload:
    """An ASGI request of ``size`` bytes handed over in chunks as the app asks, counting what it took."""

    def __init__(self, size: int, *, declare: bool = True) -> None:
        self.size = size
        self.declare = declare
        self.taken = 0
        self.gate = asyncio.Event()  # set: the body flows; clear: the client is still sending
        self.gate.set()

    async def receive(self) -> dict[str, Any]:
        await self.gate.wait()
        if self.taken >= self.size:
            await asyncio.sleep(3600)  # a client that sent everything waits for the answer
        part = min(CHUNK, self.size - self.taken)
        self.taken += part
        return {"type": "http.request", "body": b" " * part, "more_body": self.taken < self.size}


async def call(app: Any, method: str, path: str, headers: dict[str, str], upload: Upload | None = None) -> tuple[int, dict[str, str], bytes]:
    upload = upload or Upload(0)
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    if upload.declare:
        raw.append((b"content-length", str(upload.size).encode()))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": raw,
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
    }
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, upload.receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


@pytest.fixture
def app(fresh_db: str, token: str) -> Any:
    return create_app(fresh_db, api_token=token, process_writes=False, max_request_bytes=1_000_000)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}])
def test_a_write_without_the_token_is_refused_before_its_body_is_read(app, headers) -> None:
    upload = Upload(400_000_000)
    status, _, body = asyncio.run(call(app, "POST", "/api/v1/articles", headers, upload))
    assert status == 401 and json.loads(body)["error"]["code"] == "unauthorized"
    assert upload.taken == 0


@pytest.mark.parametrize("declare", [True, False], ids=["declared", "chunked"])
def test_a_body_over_the_cap_is_answered_413_without_reading_past_it(app, auth, declare) -> None:
    upload = Upload(400_000_000, declare=declare)
    status, _, body = asyncio.run(call(app, "POST", "/api/v1/articles", auth, upload))
    assert status == 413
    error = json.loads(body)["error"]
    assert error["code"] == "too_large" and "1000000" in error["message"]
    assert upload.taken <= (0 if declare else 1_000_000 + CHUNK)


def test_a_body_under_the_cap_is_read(fresh_db, token, auth) -> None:
    app = create_app(fresh_db, api_token=token, process_writes=False, max_request_bytes=1_000)
    article = json.dumps({"text": "Two rockets struck near the airport on Monday, officials said."}).encode()

    class Exact(Upload):
        async def receive(self) -> dict[str, Any]:
            self.taken = len(article)
            return {"type": "http.request", "body": article, "more_body": False}

    status, _, body = asyncio.run(call(app, "POST", "/api/v1/articles", auth, Exact(len(article))))
    assert status == 201 and json.loads(body)["added"] == 1


def test_the_request_body_is_still_described_in_openapi(client) -> None:
    body = client.get("/openapi.json").json()["paths"]["/api/v1/articles"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    assert [s.get("type") for s in schema["anyOf"]] == ["object", "array"]
    assert "text" in schema["anyOf"][0]["required"]


async def _hold(app: Any, *paths: str) -> list[tuple[int, dict[str, str], bytes]]:
    """Call ``paths`` while a slow upload keeps one request in flight."""
    slow = Upload(10_000)
    slow.gate.clear()
    held = asyncio.create_task(call(app, "POST", "/api/v1/articles", {"Authorization": "Bearer test-token-8c1f"}, slow))
    await asyncio.sleep(0.05)
    answers = [await asyncio.wait_for(call(app, "GET", path, {}), 10) for path in paths]
    slow.gate.set()
    await asyncio.wait_for(held, 10)
    return answers


def test_requests_past_the_in_flight_limit_are_answered_503_at_once(fresh_db, token) -> None:
    app = create_app(fresh_db, api_token=token, process_writes=False, max_in_flight=1)
    (api_status, api_headers, api_body), (page_status, page_headers, page_body) = asyncio.run(
        _hold(app, "/api/v1/events", "/events")
    )
    assert api_status == 503 and api_headers["retry-after"] == "1"
    assert json.loads(api_body)["error"]["code"] == "unavailable"
    assert page_status == 503 and page_headers["content-type"].startswith("text/html") and b"busy" in page_body
    # once the slow request is done, the server takes requests again
    assert asyncio.run(call(app, "GET", "/api/v1/events", {}))[0] == 200


def test_requests_under_the_limit_are_served() -> None:
    async def ok(scope: Any, receive: Any, send: Any) -> None:
        await asyncio.sleep(0.01)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    limited = InFlightLimit(ok, max_in_flight=3)

    async def burst() -> list[int]:
        return [s for s, _, _ in await asyncio.gather(*(call(limited, "GET", "/api/v1/x", {}) for _ in range(5)))]

    statuses = asyncio.run(burst())
    assert sorted(statuses) == [200, 200, 200, 503, 503]
    assert limited.in_flight == 0 and limited.shed == 2
    assert asyncio.run(burst()).count(200) == 3  # the counter went back down


def test_every_response_carries_the_security_headers(client) -> None:
    for path in ("/", "/api/v1/events", "/api/v1/events/nope", "/static/favicon.svg"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"
        assert "script-src 'self'" in headers["content-security-policy"]
    assert "content-security-policy" not in client.get("/docs").headers
