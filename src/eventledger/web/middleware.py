"""The app's middleware, plain ASGI (no task or buffering of its own per request):

- :class:`SecurityHeaders` adds the headers every response carries (CSP, nosniff, no referrer).

- :class:`BodyLimit` lets a handler read at most ``max_bytes`` of a request body. A declared
  ``Content-Length`` over the cap fails the first read, before any byte is taken; a chunked
  body fails as soon as it passes the cap. The failure is an ``HTTPException(413)``, so the
  app's one error handler answers it in the API's error shape. Nothing is read for a handler
  that does not ask (a write refused for its token is answered without touching the body).
- :class:`InFlightLimit` answers 503 (``Retry-After: 1``) at once when ``max_in_flight``
  requests are already being served, instead of queueing them behind the busy ones: under
  overload the served requests stay fast and the others learn at once to come back later.
"""

from __future__ import annotations

import json
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
    """Answer 503 at once while ``max_in_flight`` requests are being served.

    The counter lives on the event loop's thread (ASGI calls are coroutines of one loop), so
    it needs no lock; a request counts from its arrival until its response is sent.
    """

    def __init__(self, app: ASGIApp, max_in_flight: int) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.in_flight = 0
        self.shed = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_in_flight:
            self.shed += 1
            await _busy(scope, send, self.max_in_flight)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


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
