"""What one server process takes on: request bodies read only after the token check and never
past the cap; requests past the in-flight limit answered 503 at once; security headers."""

from __future__ import annotations

import asyncio
import inspect
import json
import time
from typing import Any

import pytest

from eventledger.settings import Settings
from eventledger.web import create_app, serve
from eventledger.web.middleware import InFlightLimit, ResponseCache

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


class Counting:
    """An ASGI app that answers ``status`` and counts its calls."""

    def __init__(self, status: int = 200) -> None:
        self.calls = 0
        self.status = status

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        await send({"type": "http.response.start", "status": self.status, "headers": [(b"x-n", str(self.calls).encode())]})
        await send({"type": "http.response.body", "body": b"part ", "more_body": True})
        await send({"type": "http.response.body", "body": f"{self.calls}".encode()})


def test_a_get_is_answered_from_the_cache_until_it_expires_or_a_write_comes() -> None:
    inner = Counting()
    cached = ResponseCache(inner, seconds=0.3)
    first = asyncio.run(call(cached, "GET", "/events", {}))
    again = asyncio.run(call(cached, "GET", "/events", {}))
    assert first[0] == again[0] == 200 and again[2] == first[2] == b"part 1" and again[1]["x-n"] == "1"
    assert inner.calls == 1 and cached.hits == 1
    assert asyncio.run(call(cached, "GET", "/events?page=2", {}))[2] == b"part 2"  # another URL: its own entry
    asyncio.run(call(cached, "POST", "/api/v1/articles", {}))  # a write empties the cache
    assert asyncio.run(call(cached, "GET", "/events", {}))[2] == b"part 4"
    time.sleep(0.35)
    assert asyncio.run(call(cached, "GET", "/events", {}))[2] == b"part 5"  # expired


def test_errors_and_static_files_are_not_cached_and_zero_seconds_caches_nothing() -> None:
    missing = Counting(status=404)
    cached = ResponseCache(missing, seconds=60)
    for _ in range(2):
        asyncio.run(call(cached, "GET", "/events/nope", {}))
    assert missing.calls == 2
    files = Counting()
    cached = ResponseCache(files, seconds=60)
    for _ in range(2):
        asyncio.run(call(cached, "GET", "/static/app.css", {}))
    assert files.calls == 2
    plain = Counting()
    off = ResponseCache(plain, seconds=0)
    for _ in range(2):
        asyncio.run(call(off, "GET", "/", {}))
    assert plain.calls == 2


def test_the_app_serves_a_write_at_once_through_its_cache(fresh_db, token) -> None:
    app = create_app(fresh_db, api_token=token, process_writes=False, cache_seconds=60)
    before = json.loads(asyncio.run(call(app, "GET", "/api/v1/articles", {}))[2])["total"]
    body = json.dumps({"text": "Gunmen attacked a checkpoint in a town on Monday, police said."}).encode()

    async def post() -> int:
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                await asyncio.sleep(3600)
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        statuses: list[int] = []

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        scope = {
            "type": "http", "method": "POST", "path": "/api/v1/articles", "raw_path": b"/api/v1/articles",
            "query_string": b"", "headers": [(b"authorization", f"Bearer {token}".encode()),
                                             (b"content-type", b"application/json"),
                                             (b"content-length", str(len(body)).encode())],
            "http_version": "1.1", "scheme": "http", "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1),
            "root_path": "", "asgi": {"version": "3.0"},
        }
        await app(scope, receive, send)
        return statuses[0]

    assert asyncio.run(post()) in (200, 201, 202)
    assert json.loads(asyncio.run(call(app, "GET", "/api/v1/articles", {}))[2])["total"] == before + 1


class Slow:
    """An ASGI app that takes ``seconds`` (waiting, as on a busy server) and counts the most calls at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.now = 0
        self.most = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.now += 1
        self.most = max(self.most, self.now)
        try:
            await asyncio.sleep(self.seconds)
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"ok"})
        finally:
            self.now -= 1


async def _timed_burst(app: Any, count: int) -> list[tuple[int, float]]:
    """``count`` requests at once: each one's status and how long it took."""

    async def timed() -> tuple[int, float]:
        started = time.perf_counter()
        status = (await call(app, "GET", "/events/x", {}))[0]
        return status, time.perf_counter() - started

    return list(await asyncio.gather(*(timed() for _ in range(count))))


def test_slow_requests_lower_the_limit_and_the_surplus_is_shed_at_once() -> None:
    slow = Slow(0.2)
    limited = InFlightLimit(slow, max_in_flight=8, target_seconds=0.05, min_in_flight=2)
    served_per_burst = []
    for _ in range(6):
        answers = asyncio.run(_timed_burst(limited, 8))
        served = [took for status, took in answers if status == 200]
        shed = [took for status, took in answers if status == 503]
        assert len(served) + len(shed) == 8
        assert all(took < 0.1 for took in shed)  # refused at once, not after waiting for a slot
        served_per_burst.append(len(served))
    # every burst of slow requests cut the limit by a quarter, down to the floor and no further
    assert served_per_burst == [8, 6, 4, 3, 2, 2]
    assert slow.most <= 8 and limited.in_flight == 0
    assert limited.shed == sum(8 - n for n in served_per_burst)


def test_the_limit_climbs_back_when_requests_are_quick_again_but_never_past_the_maximum() -> None:
    slow = Slow(0.2)
    limited = InFlightLimit(slow, max_in_flight=8, target_seconds=0.05, min_in_flight=2)
    for _ in range(6):
        asyncio.run(_timed_burst(limited, 8))
    assert int(limited.limit) == 2
    slow.seconds = 0.0
    for _ in range(200):  # about +0.5 a burst; a hiccup of the machine past the target may cut it once more
        asyncio.run(_timed_burst(limited, 12))
        if limited.limit == 8:
            break
    assert limited.limit == 8
    assert [status for status, _ in asyncio.run(_timed_burst(limited, 12))].count(200) == 8
    assert slow.most <= 8


def test_without_a_target_the_limit_stays_fixed_however_slow_the_requests() -> None:
    limited = InFlightLimit(Slow(0.1), max_in_flight=4)
    for _ in range(3):
        assert [s for s, _ in asyncio.run(_timed_burst(limited, 6))].count(200) == 4
    assert limited.limit == 4


def test_serve_turns_the_latency_target_on_and_the_app_default_leaves_it_off(fresh_db) -> None:
    def shedding(app: Any) -> dict[str, Any]:
        return next(m.kwargs for m in app.user_middleware if m.cls is InFlightLimit)

    assert shedding(create_app(fresh_db))["target_seconds"] == 0.0
    assert shedding(create_app(fresh_db, latency_target_seconds=0.1))["target_seconds"] == 0.1
    assert inspect.signature(serve).parameters["latency_target_seconds"].default == Settings.latency_target_seconds > 0
