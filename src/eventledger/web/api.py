"""The REST API, under /api/v1. Reads are open; writes need the configured bearer token."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import tempfile
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, BeforeValidator, Field, TypeAdapter, ValidationError

from eventledger.analyze import export, queries
from eventledger.models import Article, Failure
from eventledger.settings import Settings
from eventledger.store import TALLY_COLUMNS, EventFilter, Store
from eventledger.web.knowledge import actor_profile, names_of
from eventledger.web.params import Limit, Offset, Sort, event_filter, store_of


class ErrorBody(BaseModel):
    code: str = Field(description="short machine-readable code: not_found, invalid, unauthorized, ...")
    message: str
    details: list[dict[str, str]] | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


class Page(BaseModel):
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    outlet: str | None = Field(default=None, max_length=500)
    published: dt.date | None = None


ArticlesIn = TypeAdapter(ArticleIn | list[ArticleIn])
# The body of POST /articles as OpenAPI describes it: the handler reads the body itself (after the
# token check), so FastAPI cannot derive this from a parameter. ArticleIn refers to no other model,
# so its schema is complete inline.
ARTICLES_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"anyOf": [ArticleIn.model_json_schema(), {"type": "array", "items": ArticleIn.model_json_schema()}]}
            }
        },
    }
}


class IngestResult(BaseModel):
    received: int
    added: int
    ids: list[str]
    processed: bool = Field(description="whether extraction and linking ran on the new articles")
    message: str = ""


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorResponse, "description": "error"} for code in codes}


router = APIRouter(prefix="/api/v1", tags=["api"], responses=_errors(400, 422, 500))
StoreDep = Annotated[Store, Depends(store_of)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]
Id = Annotated[str, Path(min_length=1, max_length=200)]
bearer = HTTPBearer(auto_error=False, description="the token set with EVENTLEDGER_API_TOKEN")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """Refuse writes unless a token is configured and the request carries it."""
    expected = request.app.state.api_token
    if not expected:
        raise HTTPException(403, "writes are disabled: set EVENTLEDGER_API_TOKEN (or api_token) and restart")
    given = credentials.credentials if credentials else ""
    if not secrets.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


def _page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/events", response_model=Page, summary="List events")
def list_events(store: StoreDep, filters: FilterDep, sort: Sort = "-date", limit: Limit = 50, offset: Offset = 0) -> Any:
    events = store.list_events_indexed(filters, sort=sort, limit=limit, offset=offset)
    return _page([e.as_dict() for e in events], store.count_events_indexed(filters), limit, offset)


@router.get("/events/{event_id}", responses=_errors(404), summary="One event with its reports")
def get_event(store: StoreDep, event_id: Id) -> dict[str, Any]:
    event = store.get_event(event_id)
    reports = store.list_reports(ids=list(event.report_ids))
    return {"event": event.as_dict(), "reports": [r.as_dict() for r in reports]}


@router.get("/reports", response_model=Page, summary="List reports")
def list_reports(
    store: StoreDep,
    article_id: Annotated[str | None, Query(max_length=200)] = None,
    event_id: Annotated[str | None, Query(max_length=200)] = None,
    kind: Annotated[str | None, Query(max_length=50)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    reports, total = store.reports_page(article_id=article_id, event_id=event_id, kind=kind, limit=limit, offset=offset)
    return _page([r.as_dict() for r in reports], total, limit, offset)


def _iso_day(value: Any) -> Any:
    # pydantic would also take numbers as Unix times ("until=0"); a day is written YYYY-MM-DD
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date written YYYY-MM-DD")
    return value


Day = Annotated[dt.date | None, BeforeValidator(_iso_day), Query(description="YYYY-MM-DD")]


def _article_summary(article: Article) -> dict[str, Any]:
    data = article.as_dict()
    data["chars"] = len(data.pop("text"))
    return data


@router.get("/articles", response_model=Page, summary="List articles (without their text)")
def list_articles(
    store: StoreDep,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Day = None,
    until: Day = None,
    text: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    articles = store.list_articles(outlet=outlet, since=since, until=until, text=text, limit=limit, offset=offset)
    total = store.count_articles(outlet=outlet, since=since, until=until, text=text)
    return _page([_article_summary(a) for a in articles], total, limit, offset)


@router.get("/articles/{article_id}", responses=_errors(404), summary="One article with what was extracted")
def get_article(store: StoreDep, article_id: Id) -> dict[str, Any]:
    article = store.get_article(article_id)
    extraction = store.get_extraction(article_id)
    return {
        "article": article.as_dict(),
        "extraction": extraction.as_dict() if extraction else None,
        "events": store.events_of_article(article_id),
    }


def _process(store: Store, request: Request, articles: list[Article]) -> tuple[bool, str]:
    """Store the articles as ingest does (near-duplicates linked), then extract and link them."""
    from eventledger.pipeline import Pipeline  # spaCy and the readers: loaded by the first write, not at start

    pipeline = Pipeline(store, Settings.load({"db": request.app.state.db}))
    pipeline.add(articles)
    if not request.app.state.process_writes:
        return False, "stored; processing is off for this server"
    try:
        pipeline.process_pending()
    except Exception as exc:  # one bad batch is recorded, never lost: the articles are stored
        store.add_failures([Failure(source="api", reason=f"processing failed: {exc}", stage="extract")])
        return False, f"stored; processing failed ({exc.__class__.__name__}), see /failures"
    return True, "stored, extracted and linked"


def articles_of(raw: bytes) -> list[ArticleIn]:
    """The articles of a POST body (one object or a list); ``RequestValidationError`` when it is not that."""
    try:
        body = ArticlesIn.validate_json(raw or b"null")
    except ValidationError as exc:
        raise RequestValidationError(
            [{**error, "loc": ("body", *error["loc"])} for error in exc.errors(include_url=False)]
        ) from None
    return body if isinstance(body, list) else [body]


@router.post(
    "/articles",
    response_model=IngestResult,
    status_code=201,
    dependencies=[Depends(require_token)],
    responses=_errors(401, 403, 413),
    summary="Ingest one article or a list (needs the bearer token)",
    openapi_extra=ARTICLES_BODY,
)
async def post_articles(store: StoreDep, request: Request) -> Any:
    # The body is read here, after the token check (FastAPI reads a declared body parameter
    # before any dependency runs), and never past max_request_bytes (web.middleware.BodyLimit).
    items = articles_of(await request.body())
    if len(items) > 1000:
        raise HTTPException(413, "at most 1000 articles per request")
    return await run_in_threadpool(_ingest, store, request, items)


def _ingest(store: Store, request: Request, items: list[ArticleIn]) -> dict[str, Any]:
    articles = [
        Article.create(
            item.text,
            title=item.title,
            url=item.url,
            outlet=item.outlet,
            published=item.published,
            source=item.url or "api",
            format="api",
        )
        for item in items
    ]
    new = [a for a in dict((a.id, a) for a in articles).values() if not store.has_article(a.id)]
    processed, message = _process(store, request, new) if new else (False, "already stored")
    return {"received": len(items), "added": len(new), "ids": [a.id for a in articles], "processed": processed, "message": message}


@router.get("/actors", response_model=Page, summary="Actors by number of events")
def list_actors(store: StoreDep, filters: FilterDep, limit: Limit = 50, offset: Offset = 0) -> Any:
    rows = store.top_actors(filters, limit=limit, offset=offset)
    names = names_of(store, [r["actor_id"] for r in rows])
    items = [{**r, "name": names.get(r["actor_id"])} for r in rows]
    return _page(items, store.count_actors(filters), limit, offset)


@router.get("/actors/{actor_id:path}", responses=_errors(404), summary="One actor")
def get_actor(store: StoreDep, actor_id: Id) -> dict[str, Any]:
    events = store.count_events_indexed(EventFilter(actor=actor_id))
    profile = actor_profile(actor_id)
    if not events and profile is None:
        raise HTTPException(404, f"no actor with id {actor_id!r} in any event or in the knowledge base")
    return {
        "actor_id": actor_id,
        "name": names_of(store, [actor_id]).get(actor_id),
        "events": events,
        "knowledge_base": profile,
        "co_actors": store.co_actors(actor_id),
    }


@router.get("/stories", response_model=Page, summary="Story clusters")
def list_stories(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Any:
    stories = store.list_stories()
    return _page([s.as_dict() for s in stories[offset : offset + limit]], len(stories), limit, offset)


@router.get("/stories/{story_id}", responses=_errors(404), summary="One story")
def get_story(store: StoreDep, story_id: Id) -> dict[str, Any]:
    return store.get_story(story_id).as_dict()


_KEY = "(" + "|".join(TALLY_COLUMNS) + ")"
TALLY_PATTERN = f"^{_KEY}(,{_KEY})*$"


@router.get("/tallies", summary="Counts of events, killed and wounded grouped by columns")
def tallies(
    store: StoreDep,
    filters: FilterDep,
    by: Annotated[
        str, Query(max_length=200, pattern=TALLY_PATTERN, description=f"comma-separated: {', '.join(TALLY_COLUMNS)}")
    ] = "month",
) -> dict[str, Any]:
    keys = tuple(k.strip() for k in by.split(",") if k.strip())
    unknown = [k for k in keys if k not in TALLY_COLUMNS]
    if not keys or unknown:
        raise HTTPException(422, f"by: cannot tally by {', '.join(unknown) or 'nothing'}; use {', '.join(TALLY_COLUMNS)}")
    return queries.tally(store, keys, filters)


@router.get("/failures", response_model=Page, summary="Inputs that could not be ingested or processed")
def list_failures(
    store: StoreDep,
    stage: Annotated[str | None, Query(max_length=50)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    failures = store.list_failures(stage=stage, limit=limit, offset=offset)
    return _page([f.as_dict() for f in failures], store.count_failures(), limit, offset)


@router.get("/map", summary="Located events grouped by place, as GeoJSON")
def map_layer(store: StoreDep, filters: FilterDep, limit: Annotated[int, Query(ge=1, le=5000)] = 1000) -> dict[str, Any]:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p["longitude"], p["latitude"]]},
            "properties": {k: p[k] for k in ("place", "admin1", "events", "killed", "wounded", "example_id")},
        }
        for p in store.map_points(filters, limit=limit)
    ]
    return {"type": "FeatureCollection", "features": features}


@router.get("/stats", summary="How much the store holds")
def stats(store: StoreDep) -> dict[str, Any]:
    return store.stats()


def _chunks(spool: Any) -> Iterator[str]:
    try:
        while chunk := spool.read(1 << 16):
            yield chunk
    finally:
        spool.close()


@router.get(
    "/exports/events",
    summary="The filtered events as CSV, JSON, GeoJSON or ACLED's CSV layout",
    responses={200: {"content": {"text/csv": {}, "application/json": {}, "application/geo+json": {}}}},
)
def export_events(
    store: StoreDep, filters: FilterDep, format: Literal["csv", "json", "geojson", "acled"] = "csv"
) -> StreamingResponse:
    media_type, extension = export.MEDIA_TYPES[format]
    # Written to a temporary file first so that a failure surfaces as an error response before
    # the first byte is sent, and memory stays bounded however many events are exported.
    spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
    try:
        export.export_events(store, format, spool, filters)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    name = f"events-{format}.{extension}" if format == "acled" else f"events.{extension}"
    return StreamingResponse(_chunks(spool), media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})
