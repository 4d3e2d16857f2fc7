"""Hand corrections over HTTP, under /api/v1: make an edit (bearer token), read an event's history,
list every edit with what its last application did. The pages show the same history
(``templates/history.html``, included by the event page and the page of an event that is gone)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from eventledger.models import Edit
from eventledger.settings import Settings
from eventledger.store import Store
from eventledger.web.api import Id, Page, StoreDep, _errors, require_token
from eventledger.web.params import Limit, Offset

router = APIRouter(prefix="/api/v1", tags=["corrections"], responses=_errors(400, 422, 500))


class EditIn(BaseModel):
    action: Literal["set", "merge", "split", "dismiss"] = Field(
        description="set a field; merge other_id into this event; split report other_id off it; dismiss: not an event"
    )
    reason: str = Field(min_length=1, max_length=2000, description="why (kept in the event's history)")
    author: str = Field(default="api", min_length=1, max_length=200)
    field: str | None = Field(default=None, max_length=32, description="for set: the field")
    value: str | int | float | list[str] | None = Field(default=None, description="for set: the new value (null clears)")
    other_id: str | None = Field(default=None, max_length=200, description="merge: the other event; split: the report")


def _correct(store: Store, request: Request, edit: Edit) -> dict[str, Any]:
    from eventledger.pipeline import Pipeline  # linking's modules: loaded by the first correction

    stored = Pipeline(store, Settings.load({"db": request.app.state.db})).correct(edit)
    return stored.as_dict()


@router.post(
    "/events/{event_id}/edits",
    status_code=201,
    dependencies=[Depends(require_token)],
    responses=_errors(401, 403, 404),
    summary="Correct an event (needs the bearer token); re-applied after every re-link",
)
async def post_edit(store: StoreDep, request: Request, event_id: Id, body: EditIn) -> dict[str, Any]:
    edit = Edit(
        id=None, action=body.action, event_id=event_id, field=body.field, value=body.value,
        other_id=body.other_id, author=body.author, reason=body.reason,
    )
    return await run_in_threadpool(_correct, store, request, edit)


@router.get("/events/{event_id}/history", responses=_errors(404), summary="The corrections of one event")
def get_history(store: StoreDep, event_id: Id) -> dict[str, Any]:
    current = store.resolve_event_id(event_id)
    report_ids = store.get_event(current).report_ids if current else ()
    history = store.event_history(current or event_id, report_ids)
    if current is None and not history:
        store.get_event(event_id)  # the one not-found error
    return {"event_id": event_id, "current_id": current, "items": [e.as_dict() for e in history]}


@router.get("/edits", response_model=Page, summary="Every correction, with what its last application did")
def list_edits(
    store: StoreDep,
    not_applied: Annotated[bool, Query(description="only edits that could not be applied")] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    rows = store.list_edits(status="not applied" if not_applied else None)
    return {"items": [e.as_dict() for e in rows[offset : offset + limit]], "total": len(rows), "limit": limit, "offset": offset}
