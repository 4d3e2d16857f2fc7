"""The dashboard's timeline, actor network and actor-name search: their API endpoints and pages.

- ``GET /api/v1/timeline`` and ``/timeline``: the filtered events on a time axis (zoomable in the
  page, every event a link); outliers and undated events listed beside it.
- ``GET /api/v1/network`` and ``/network``: who attacked, claimed, denied, met whom among the
  filtered events' actors (:mod:`eventledger.web.network`).
- ``GET /api/v1/actor-names?q=``: actors whose name or alias contains ``q``, for completion.

The event filters are the events table's. Its ``actor`` filter takes an actor id or a name: a
name is resolved to the id of the actor that carries it (:func:`resolve_actor`).
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from eventledger.analyze.actors import lookup_of
from eventledger.kb import load_actors
from eventledger.models import Report
from eventledger.store import EventFilter, Store
from eventledger.web.knowledge import names_of
from eventledger.web.network import actor_network
from eventledger.web.params import event_filter, filter_params, store_of
from eventledger.web.templating import render_page
from eventledger.web.timeline import timeline

StoreDep = Annotated[Store, Depends(store_of)]
TIMELINE_EVENTS = 1000  # events read for one timeline (newest first): reading events is its cost
NETWORK_EVENTS = 1000  # events read for one network (newest first): each needs its reports
NAMES_LIMIT = 50

api_router = APIRouter(prefix="/api/v1", tags=["api"])
page_router = APIRouter(include_in_schema=False)


def search_actors(store: Store, text: str, limit: int = 10) -> list[dict[str, Any]]:
    """Actors whose name or an alias contains ``text``, most events first.

    Reads the store's actors table; a store whose table is still empty (linked before migration
    0003, not re-linked since) is searched through the knowledge base's names instead.
    """
    rows = store.find_actors(text, limit)
    if rows or store.count_actor_rows():
        return rows
    needle = text.strip().lower()
    found: list[dict[str, Any]] = []
    for actor in load_actors().actors.values():
        if needle and any(needle in n.lower() for n in (actor.name, *actor.aliases)):
            events = store.count_events_indexed(EventFilter(actor=actor.id))
            found.append({"id": actor.id, "name": actor.name, "kind": actor.kind, "aliases": list(actor.aliases), "events": events})
    found.sort(key=lambda r: (-r["events"], r["name"].lower(), r["id"]))
    return found[:limit]


def resolve_actor(store: Store, filters: EventFilter) -> EventFilter:
    """``filters`` with an actor *name* replaced by the id of the actor carrying it.

    An id that events name, or that the knowledge base knows, stays as it is. A name matches an
    actor's name or one of its aliases, in any case; among several, the one in most events wins,
    and among those the knowledge base's.
    A name nothing carries is left as it is (and so selects no event).
    """
    value = filters.actor
    if not value or value in load_actors().actors or store.count_events_indexed(EventFilter(actor=value)):
        return filters
    folded = value.casefold()
    exact = [
        row
        for row in search_actors(store, value, NAMES_LIMIT)
        if folded in (n.casefold() for n in (row["name"], *row["aliases"]))
    ]
    if not exact:
        return filters
    known = load_actors().actors
    best = min(exact, key=lambda row: (-row["events"], row["id"] not in known, row["id"]))
    return dataclasses.replace(filters, actor=best["id"])


def resolved_filter(store: StoreDep, filters: Annotated[EventFilter, Depends(event_filter)]) -> EventFilter:
    """The request's event filter with its actor name resolved to an id."""
    return resolve_actor(store, filters)


FilterDep = Annotated[EventFilter, Depends(resolved_filter)]


def timeline_data(store: Store, filters: EventFilter) -> dict[str, Any]:
    """The timeline of the filtered events (the newest :data:`TIMELINE_EVENTS`, oldest first)."""
    events = store.list_event_heads_indexed(filters, sort="-date", limit=TIMELINE_EVENTS)[::-1]
    names = names_of(store, list(dict.fromkeys(a for e in events for a in e.actors)))
    return timeline(events, names, total=store.count_events_indexed(filters))


def network_data(store: Store, filters: EventFilter, max_nodes: int = 80) -> dict[str, Any]:
    """The actor network of the filtered events (the newest :data:`NETWORK_EVENTS`)."""
    events = store.list_events_indexed(filters, sort="-date", limit=NETWORK_EVENTS, field_values=False)
    report_ids = [r for e in events for r in e.report_ids]
    reports: dict[str, Report] = {}
    for start in range(0, len(report_ids), 500):
        # the sides read the reports' actors and claims only, never their evidence spans
        reports.update({r.id: r for r in store.list_reports(ids=report_ids[start : start + 500], evidence=False)})
    ids = list(dict.fromkeys(a for e in events for a in (*e.actors, *(c.actor_id for c in e.claims))))
    names = names_of(store, ids)
    graph = actor_network(events, reports, lookup_of(load_actors()), names, max_nodes=max_nodes)
    return {**graph, "shown": len(events), "total": store.count_events_indexed(filters)}


@api_router.get("/timeline", summary="The filtered events on a time axis that outliers do not stretch")
def timeline_api(store: StoreDep, filters: FilterDep) -> dict[str, Any]:
    return timeline_data(store, filters)


@api_router.get("/network", summary="Who attacked, claimed, denied, met whom among the filtered events' actors")
def network_api(
    store: StoreDep, filters: FilterDep, max_nodes: Annotated[int, Query(ge=2, le=300)] = 80
) -> dict[str, Any]:
    return network_data(store, filters, max_nodes)


@api_router.get("/actor-names", summary="Actors whose name or alias contains q, most events first (for completion)")
def actor_names_api(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=100)],
    limit: Annotated[int, Query(ge=1, le=NAMES_LIMIT)] = 10,
) -> dict[str, Any]:
    return {"items": search_actors(store, q, limit)}


def _filter_context(store: Store, filters: EventFilter) -> dict[str, Any]:
    params = filter_params(filters)
    actor_name = names_of(store, [filters.actor]).get(filters.actor) if filters.actor else None
    return {"filters": filters, "params": params, "actor_name": actor_name}


@page_router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, store: StoreDep, filters: FilterDep) -> HTMLResponse:
    return render_page(request, "timeline.html", data=timeline_data(store, filters), **_filter_context(store, filters))


@page_router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, store: StoreDep, filters: FilterDep) -> HTMLResponse:
    data = network_data(store, filters)
    names = {n["id"]: n["name"] for n in data["nodes"]}
    return render_page(request, "network.html", data=data, names=names, **_filter_context(store, filters))
