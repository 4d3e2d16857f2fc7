"""The app's middleware, plain ASGI (no task or buffering of its own per request):

- :class:`SecurityHeaders` adds the headers every response carries (CSP, nosniff, no referrer).

- :class:`BodyLimit` lets a handler read at most ``max_bytes`` of a request body. A declared
  ``Content-Length`` over the cap fails the first read, before any byte is taken; a chunked
  body fails as soon as it passes the cap. The failure is an ``HTTPException(413)``, so the
  app's one error handler answers it in the API's error shape. Nothing is read for a handler
  that does not ask (a write refused for its token is answered without touching the body).
- :class:`InFlightLimit` answers 503 (``Retry-After: 1``) at once when ``max_in_flight``
  requests are already being served, or fewer when requests have begun to take longer than a
  target latency, instead of queueing them behind the busy ones: under overload the served
  requests stay fast and the others learn at once to come back later.
- :class:`ResponseCache` keeps each successful GET's response for ``seconds`` and answers the
  same URL from memory meanwhile (the overview's aggregates, the events list, the API's pages
  are the same for everyone); any other method empties it, so this process's own writes show
  at once, and another process's within ``seconds``.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from typing import Any

from fastapi import HTTPException
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class SecurityHeaders:
    """Add ``headers`` to every response that does not set them itself; ``exempt`` paths get
    no Content-Security-Policy (Swagger UI boots from an inline script)."""

    def __init__(self, app: ASGIApp, csp: str, exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.exempt = exempt
        common = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
        self.headers = [*common, (b"content-security-policy", csp.encode())]
        self.headers_exempt = common

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.headers_exempt if scope.get("path") in self.exempt else self.headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                message = {**message, "headers": [*message.get("headers", ()), *(h for h in extra if h[0] not in present)]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Fail a handler's read of a request body past ``max_bytes`` with HTTP 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        limit = self.max_bytes
        received = 0

        async def capped_receive() -> Message:
            nonlocal received
            if declared.isdigit() and int(declared) > limit:
                raise HTTPException(413, f"request body of {int(declared)} bytes is over the limit of {limit}")
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, f"request body over the limit of {limit} bytes")
            return message

        await self.app(scope, capped_receive, send)


class InFlightLimit:
    """Answer 503 at once while as many requests are in progress as the process can finish in time.

    Two limits. ``max_in_flight`` is fixed. Under it, when ``target_seconds`` > 0, an adaptive
    limit keeps the served requests' latency near that target: a request that took longer (from
    its arrival here to its last byte) cuts the limit by a quarter, at most once per
    ``target_seconds`` (the requests already in progress were let in under the old limit), and a
    request that took less, while the limit was being used, raises it by ``1 / limit`` (one a
    limit's worth of quick requests), never under ``min_in_flight``. The requests of one process
    share its one interpreter lock and the machine's cores with whatever else runs (an ``ingest``
    writing the same store): past a few at once they only wait for each other, so a fixed limit
    high enough for a quiet machine lets every admitted request queue on a busy one. The adaptive
    limit sheds the surplus early instead, and climbs back when requests are quick again.

    The counters live on the event loop's thread (ASGI calls are coroutines of one loop), so they
    need no lock; a request counts from its arrival until its response is sent.
    """

    def __init__(
        self, app: ASGIApp, max_in_flight: int, target_seconds: float = 0.0, min_in_flight: int = 2,
    ) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.min_in_flight = min(min_in_flight, max_in_flight)
        self.target_seconds = target_seconds
        self.limit = float(max_in_flight)  # the adaptive limit; stays at max_in_flight without a target
        self.last_cut = -float("inf")
        self.in_flight = 0
        self.shed = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = int(self.limit)
        if self.in_flight >= limit:
            self.shed += 1
            await _busy(scope, send, limit)
            return
        self.in_flight += 1
        started = time.monotonic()
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            if self.target_seconds > 0:
                now = time.monotonic()
                self._adapt(now, now - started)

    def _adapt(self, now: float, took: float) -> None:
        """Move the limit after a request that took ``took`` seconds (``in_flight`` no longer counts it)."""
        if took > self.target_seconds:
            if now - self.last_cut >= self.target_seconds:
                self.limit = max(float(self.min_in_flight), self.limit * 0.75)
                self.last_cut = now
        elif (self.in_flight + 1) * 2 >= self.limit:
            self.limit = min(float(self.max_in_flight), self.limit + 1 / self.limit)


async def _busy(scope: Scope, send: Send, limit: int) -> None:
    """The 503 of a shed request: the API's error shape under /api/, a short page elsewhere.

    Written here rather than by the app's error handler because a shed request must cost next to
    nothing (no template, no routing)."""
    message = f"the server is busy ({limit} requests in progress); try again in a moment"
    body: bytes
    if str(scope.get("path", "")).startswith("/api/"):
        body = json.dumps({"error": {"code": "unavailable", "message": message}}).encode()
        content_type = b"application/json"
    else:
        body = (
            "<!doctype html><html lang=en><meta charset=utf-8><title>503 busy - eventledger</title>"
            f"<h1>Busy</h1><p>{message}.</p></html>"
        ).encode()
        content_type = b"text/html; charset=utf-8"
    headers: list[Any] = [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", b"1"),
        (b"cache-control", b"no-store"),
        (b"x-content-type-options", b"nosniff"),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class ResponseCache:
    """Answer a GET from a copy of the same URL's response of less than ``seconds`` ago.

    Only complete 200 responses of at most ``max_body`` bytes are kept, at most ``max_entries``
    of them (the least recently used go first); ``exempt`` path prefixes are never cached. A
    request of any other method (a write) empties the cache before it runs.
    """

    def __init__(
        self, app: ASGIApp, seconds: float, max_entries: int = 256, max_body: int = 1_000_000,
        exempt: tuple[str, ...] = ("/static/",),
    ) -> None:
        self.app = app
        self.seconds = seconds
        self.max_entries = max_entries
        self.max_body = max_body
        self.exempt = exempt
        self.entries: OrderedDict[tuple[str, bytes], tuple[float, Message, bytes]] = OrderedDict()
        self.hits = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0:
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            self.entries.clear()
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        if path.startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        key = (path, bytes(scope.get("query_string", b"")))
        now = time.monotonic()
        entry = self.entries.get(key)
        if entry is not None and now - entry[0] < self.seconds:
            self.entries.move_to_end(key)
            self.hits += 1
            await send(entry[1])
            await send({"type": "http.response.body", "body": entry[2]})
            return
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and size <= self.max_body:
                body = bytes(message.get("body", b""))
                size += len(body)
                chunks.append(body)
                if not message.get("more_body", False) and start is not None and start["status"] == 200:
                    self._store(key, now, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)

    def _store(self, key: tuple[str, bytes], at: float, start: Message, body: bytes) -> None:
        if len(body) > self.max_body:
            return
        self.entries[key] = (at, start, body)
        self.entries.move_to_end(key)
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)
