"""The FastAPI application: REST API under /api/v1, server-rendered pages, vendored static files.

One process serves both. Errors of every kind go through one handler, :func:`error_response`:
the API answers ``{"error": {"code": ..., "message": ...}}``, the pages the same message in HTML.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from eventledger.errors import EventledgerError, KnowledgeBaseError, NotFoundError, SettingsError, StoreError
from eventledger.settings import Settings
from eventledger.store import open_store
from eventledger.web import api, corrections, pages, views
from eventledger.web.knowledge import warm
from eventledger.web.middleware import BodyLimit, InFlightLimit, ResponseCache, SecurityHeaders
from eventledger.web.templating import render_page

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    500: "internal",
    503: "unavailable",
}


def _status_and_message(exc: Exception) -> tuple[int, str, Any]:
    """The HTTP status, one-line message and optional details of any exception."""
    if isinstance(exc, RequestValidationError):
        details = [
            {"where": ".".join(str(p) for p in err.get("loc", ())), "problem": err.get("msg", "")}
            for err in exc.errors()
        ]
        first = details[0] if details else {"where": "request", "problem": "invalid"}
        return 422, f"{first['where']}: {first['problem']}", details
    if isinstance(exc, StarletteHTTPException):
        return exc.status_code, str(exc.detail), None
    if isinstance(exc, NotFoundError):
        return 404, str(exc), None
    if isinstance(exc, KnowledgeBaseError):
        return 503, str(exc), None
    if isinstance(exc, (SettingsError, StoreError)) and "cannot sort" in str(exc):
        return 422, str(exc), None
    if isinstance(exc, SettingsError):
        return 422, str(exc), None
    if isinstance(exc, EventledgerError):
        return 500, str(exc), None
    return 500, "internal error; the server log has the details", None


async def error_response(request: Request, exc: Exception) -> Response:
    """The one error handler: JSON for the API, an HTML page for everything else."""
    status, message, details = _status_and_message(exc)
    if status >= 500:
        log.error("error on %s %s", request.method, request.url.path, exc_info=exc)
    headers = dict((exc.headers if isinstance(exc, StarletteHTTPException) else None) or {})
    if status == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    if request.url.path.startswith("/api/"):
        body: dict[str, Any] = {"code": ERROR_CODES.get(status, "error"), "message": message}
        if details:
            body["details"] = details
        return JSONResponse({"error": body}, status_code=status, headers=headers)
    return render_page(request, "error.html", status_code=status, status=status, message=message)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's).

    The routes are read from the routers themselves: FastAPI wraps an included router in an
    object of its own, which is not a route.
    """
    methods: set[str] = set()
    scope = {**request.scope, "method": "GET"}
    for route in [*api.router.routes, *corrections.router.routes, *pages.router.routes, *request.app.router.routes]:
        if isinstance(route, Route) and route.matches(scope)[0] != Match.NONE:
            methods |= route.methods or set()
    return sorted(methods)


def _content_security_policy(tile_url: str | None) -> str:
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
        images += f" {parts.scheme}://{host}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )


def create_app(
    db: str,
    api_token: str | None = None,
    tile_url: str | None = None,
    *,
    process_writes: bool = True,
    max_request_bytes: int = Settings.max_request_bytes,
    max_in_flight: int = Settings.max_in_flight,
    latency_target_seconds: float = 0.0,
    cache_seconds: float = 0.0,
) -> FastAPI:
    """The dashboard and REST API over the store at ``db`` (SQLAlchemy URL or SQLite path).

    ``api_token`` enables writes (``Authorization: Bearer <token>``); without it every write is
    refused. ``tile_url`` (``https://{s}.tile.example/{z}/{x}/{y}.png``) adds a basemap under
    the vendored boundaries. ``process_writes=False`` stores posted articles without running
    extraction and linking (for tests and bulk loads that run the pipeline later).
    ``max_request_bytes`` caps a request body (413 past it); past ``max_in_flight`` requests
    at once the server answers 503 (:mod:`eventledger.web.middleware`), and past fewer when
    ``latency_target_seconds`` > 0 and requests take longer than that (``serve`` turns it on with
    the setting of that name; tests and the app default keep the fixed limit). ``cache_seconds`` > 0
    answers a GET from the same URL's response of less than that many seconds ago (``serve``
    turns it on with the ``page_cache_seconds`` setting; tests and the app default see every write
    at once).
    """
    store = open_store(db)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="eventledger",
        version="1",
        description="Events of political violence extracted from news articles, with their sources.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.api_token = api_token or None
    app.state.tile_url = tile_url or None
    app.state.db = db
    app.state.process_writes = process_writes

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventledger API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    app.add_exception_handler(StarletteHTTPException, error_response)
    app.add_exception_handler(RequestValidationError, error_response)
    app.add_exception_handler(EventledgerError, error_response)
    app.add_exception_handler(Exception, error_response)
    app.include_router(api.router)
    app.include_router(corrections.router)
    app.include_router(pages.router)
    app.include_router(views.api_router)
    app.include_router(views.page_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders, csp=_content_security_policy(app.state.tile_url), exempt=("/docs",))
    # added last, so outermost: a shed request costs nothing, and no handler reads past the cap
    app.add_middleware(BodyLimit, max_bytes=max_request_bytes)
    app.add_middleware(InFlightLimit, max_in_flight=max_in_flight, target_seconds=latency_target_seconds)
    # outermost of all: a page in the cache is served even while the server sheds load
    app.add_middleware(ResponseCache, seconds=cache_seconds)
    return app


SERVE_ENV = "EVENTLEDGER_SERVE_APP"  # create_app's arguments, as JSON, for the processes of serve(workers=N)
SUPERVISOR_ENV = "EVENTLEDGER_SERVE_SUPERVISOR"  # the pid of serve(workers=N)'s supervisor, for its processes
WATCH_PARENT_EVERY = 0.5  # seconds between a worker process's checks that the server's supervisor lives


def _watch_parent(parent: int) -> None:
    """End this worker process as soon as the supervisor that started it is gone (even by SIGKILL)."""
    while os.getppid() == parent:
        time.sleep(WATCH_PARENT_EVERY)
    os._exit(1)


def app_from_environment() -> FastAPI:
    """The app of one of ``serve(workers=N)``'s processes (uvicorn imports it by name, ``factory=True``).

    The supervisor's pid comes from the environment, not from ``os.getppid()`` here: a supervisor
    killed while this process was still importing has already handed it to another parent, and
    watching that one would keep this process alive for ever."""
    supervisor = int(os.environ.get(SUPERVISOR_ENV) or os.getppid())
    threading.Thread(target=_watch_parent, args=(supervisor,), name="eventledger-watch-parent", daemon=True).start()
    warm()
    return create_app(**json.loads(os.environ[SERVE_ENV]))


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    api_token: str | None = None,
    tile_url: str | None = None,
    *,
    max_request_bytes: int = Settings.max_request_bytes,
    max_in_flight: int = Settings.max_in_flight,
    latency_target_seconds: float = Settings.latency_target_seconds,
    cache_seconds: float = Settings.page_cache_seconds,
    workers: int = Settings.serve_workers,
) -> None:
    """Run the dashboard with uvicorn (blocks until stopped). Binds to localhost unless told otherwise.

    ``workers`` > 1 runs that many server processes on the one port (uvicorn's supervisor; each
    process ends when the supervisor does, killed or not); ``max_in_flight`` and the page cache
    are per process. The actor registry is loaded first: a broken knowledge base stops the
    server at start."""
    import uvicorn  # 0.3 s: only the server needs it, not the app (tests, the ASGI benchmark)

    if api_token is None:
        api_token = Settings.load().api_token
    warm()
    arguments: dict[str, Any] = {
        "db": db, "api_token": api_token, "tile_url": tile_url, "max_request_bytes": max_request_bytes,
        "max_in_flight": max_in_flight, "latency_target_seconds": latency_target_seconds, "cache_seconds": cache_seconds,
    }
    if workers > 1:
        os.environ[SERVE_ENV] = json.dumps(arguments)
        os.environ[SUPERVISOR_ENV] = str(os.getpid())
        uvicorn.run(
            "eventledger.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
            log_level="info",
        )
        return
    uvicorn.run(create_app(**arguments), host=host, port=port, log_level="info")
