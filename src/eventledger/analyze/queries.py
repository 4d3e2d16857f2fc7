"""Aggregate queries over the store for the dashboard and the API.

Everything here runs as SQL over the events table's indexed columns (month, kind,
sub_event_type, admin1) and the event_actors link table, so that the overview of a store with
100k events never loads the events into Python. Filters are the store's own ``EventFilter``,
applied by the store's query builder so that pages, API and CLI select the same rows.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import sqlalchemy as sa

from eventledger.errors import StoreError
from eventledger.models import Event, Report
from eventledger.store import EventFilter, Store, schema

UNKNOWN = "unknown"

# Columns a tally may group by, mapped to the events table's columns.
TALLY_COLUMNS = (
    "month",
    "kind",
    "event_type",
    "sub_event_type",
    "country",
    "admin1",
    "weapon",
    "date_precision",
    "year",
)


def event_clause(store: Store, filters: EventFilter | None) -> Any:
    """A WHERE clause on the events table selecting what ``filters`` selects, or ``true()``.

    The store's own query builder defines every filter; this takes its WHERE clause and replaces
    one part: the store matches ``admin1`` as ``lower(admin1) = lower(value)``, which no index can
    serve, so here the value is first resolved against the distinct governorate names (read from
    the admin1 index) and matched exactly. The rows selected are the same.
    """
    if filters is None or not any(vars(filters).values()):
        return sa.true()
    clause = store.event_query(dataclasses.replace(filters, admin1=None)).whereclause
    clauses = [] if clause is None else [clause]
    if filters.admin1:
        wanted = filters.admin1.lower()
        names = [v for v in distinct_values(store, "admin1", limit=None) if v.lower() == wanted]
        clauses.append(schema.events.c.admin1.in_(names) if names else sa.false())
    return sa.and_(*clauses) if clauses else sa.true()


def _where(store: Store, filters: EventFilter | None) -> Any:
    return event_clause(store, filters)


def list_events(
    store: Store, filters: EventFilter | None = None, *, sort: str = "-date", limit: int = 100, offset: int = 0
) -> list[Event]:
    """``Store.list_events`` with index-friendly filters (same rows, same order)."""
    if sort not in store.EVENT_SORTS:
        raise StoreError(f"cannot sort events by {sort!r}; use one of {', '.join(store.EVENT_SORTS)}")
    t = schema.events
    column = t.c[sort.lstrip("-")]
    order = column.desc().nulls_last() if sort.startswith("-") else column.asc().nulls_last()
    query = sa.select(t.c.data).where(event_clause(store, filters)).order_by(order, t.c.id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return [Event.from_dict(json.loads(d)) for d in conn.execute(query).scalars()]


def count_events(store: Store, filters: EventFilter | None = None) -> int:
    """``Store.count_events`` with index-friendly filters."""
    query = sa.select(sa.func.count()).select_from(schema.events).where(event_clause(store, filters))
    with store.engine.connect() as conn:
        return conn.execute(query).scalar_one()


def _column(name: str) -> Any:
    t = schema.events
    if name == "year":
        return sa.func.substr(t.c.date, 1, 4).label("year")
    if name not in TALLY_COLUMNS:
        raise ValueError(f"cannot tally by {name!r}; use {', '.join(TALLY_COLUMNS)}")
    return t.c[name]


def _group_key(store: Store, name: str) -> Any:
    """A column to GROUP BY that SQLite will not walk a non-covering index for.

    Grouping by ``month`` makes SQLite's planner read the rows in the order of the (month, kind)
    index to skip a sort, one random row lookup per event: 2-4x slower than scanning the table
    and sorting the few groups. The unary ``+`` is SQLite's documented way to keep a term off an
    index; other databases get the plain column.
    """
    column = _column(name)
    if store.dialect != "sqlite" or name == "year":
        return column
    return sa.literal_column(f"+{schema.events.name}.{name}", type_=column.type)


def tally(store: Store, by: tuple[str, ...] = ("month",), filters: EventFilter | None = None) -> dict[str, Any]:
    """Count events, killed and wounded grouped by ``by`` (SQL GROUP BY, sorted by the keys).

    Rows read ``{"month": "2020-10", "count": 7, "killed": 3, "wounded": 9}`` like
    ``eventledger.analyze.tally`` (``count`` is events, not reports); a missing value is
    "unknown" and sorts last.
    """
    t = schema.events
    by = tuple(dict.fromkeys(by))  # "month,month" groups once
    keys = [_group_key(store, name).label(name) for name in by]
    query = (
        sa.select(
            *keys,
            sa.func.count().label("count"),
            sa.func.coalesce(sa.func.sum(t.c.killed), 0).label("killed"),
            sa.func.coalesce(sa.func.sum(t.c.wounded), 0).label("wounded"),
        )
        .where(_where(store, filters))
        .group_by(*keys)
        .order_by(*[k.asc().nulls_last() for k in keys])
    )
    with store.engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
    for row in rows:
        for name in by:
            if row[name] in (None, ""):
                row[name] = UNKNOWN
    return {"by": list(by), "rows": rows}


def monthly_by(store: Store, stack: str = "sub_event_type", filters: EventFilter | None = None) -> list[tuple[str, str, int]]:
    """``(month, stack value, events)`` for every month with a known month, oldest first."""
    month, key = _group_key(store, "month"), _group_key(store, stack)
    # No "month IS NOT NULL" in SQL: it steers SQLite onto a slower walk of the month index.
    query = sa.select(month, key, sa.func.count()).where(_where(store, filters)).group_by(month, key)
    with store.engine.connect() as conn:
        rows = [(m, k or "unknown", n) for m, k, n in conn.execute(query) if m]
    return sorted(rows)


def overview(store: Store, filters: EventFilter | None = None, stack: str = "sub_event_type") -> dict[str, Any]:
    """Monthly counts stacked by ``stack`` and the totals of the selected events, in one scan."""
    t = schema.events
    month, key = _group_key(store, "month"), _group_key(store, stack)
    query = (
        sa.select(
            month,
            key,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(t.c.killed), 0),
            sa.func.coalesce(sa.func.sum(t.c.wounded), 0),
            sa.func.count(t.c.latitude),
        )
        .where(_where(store, filters))
        .group_by(month, key)
    )
    monthly: list[tuple[str, str, int]] = []
    totals = {"events": 0, "killed": 0, "wounded": 0, "located": 0}
    with store.engine.connect() as conn:
        for month, value, events, killed, wounded, located in conn.execute(query):
            totals["events"] += events
            totals["killed"] += killed
            totals["wounded"] += wounded
            totals["located"] += located
            if month:
                monthly.append((month, value or "unknown", events))
    return {"monthly": sorted(monthly), "totals": totals}


def totals(store: Store, filters: EventFilter | None = None) -> dict[str, int]:
    """Events, killed, wounded and located events among the selected events."""
    t = schema.events
    query = sa.select(
        sa.func.count(),
        sa.func.coalesce(sa.func.sum(t.c.killed), 0),
        sa.func.coalesce(sa.func.sum(t.c.wounded), 0),
        sa.func.count(t.c.latitude),
    ).where(_where(store, filters))
    with store.engine.connect() as conn:
        events, killed, wounded, located = conn.execute(query).one()
    return {"events": events, "killed": killed, "wounded": wounded, "located": located}


def map_points(store: Store, filters: EventFilter | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    """Located events grouped by coordinates: one point per place with its event and casualty counts.

    Grouping keeps the map readable (and the response small) when thousands of events share the
    coordinates of one town; the biggest places come first and ``limit`` bounds the answer.
    """
    t = schema.events
    events = sa.func.count().label("events")
    query = (
        sa.select(
            t.c.latitude,
            t.c.longitude,
            sa.func.min(t.c.place).label("place"),
            sa.func.min(t.c.admin1).label("admin1"),
            events,
            sa.func.coalesce(sa.func.sum(t.c.killed), 0).label("killed"),
            sa.func.coalesce(sa.func.sum(t.c.wounded), 0).label("wounded"),
            sa.func.min(t.c.id).label("example_id"),
        )
        .where(t.c.latitude.is_not(None), t.c.longitude.is_not(None), _where(store, filters))
        .group_by(t.c.latitude, t.c.longitude)
        .order_by(events.desc(), t.c.latitude, t.c.longitude)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def top_actors(store: Store, filters: EventFilter | None = None, limit: int = 10, offset: int = 0) -> list[dict[str, Any]]:
    """Actor ids with the number of selected events they take part in, most first."""
    a = schema.event_actors
    n = sa.func.count().label("events")
    query = sa.select(a.c.actor_id, n).group_by(a.c.actor_id).order_by(n.desc(), a.c.actor_id)
    if filters is not None and any(vars(filters).values()):
        t = schema.events
        query = query.where(a.c.event_id.in_(sa.select(t.c.id).where(event_clause(store, filters))))
    query = query.limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return [{"actor_id": actor, "events": events} for actor, events in conn.execute(query)]


def count_actors(store: Store) -> int:
    """How many distinct actors take part in at least one event."""
    a = schema.event_actors
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count(sa.distinct(a.c.actor_id)))).scalar_one()


def co_actors(store: Store, actor_id: str, limit: int = 15) -> list[dict[str, Any]]:
    """Actors that share events with ``actor_id``, with how many events they share."""
    a, b = schema.event_actors.alias("a"), schema.event_actors.alias("b")
    n = sa.func.count().label("events")
    query = (
        sa.select(b.c.actor_id, n)
        .select_from(a.join(b, a.c.event_id == b.c.event_id))
        .where(a.c.actor_id == actor_id, b.c.actor_id != actor_id)
        .group_by(b.c.actor_id)
        .order_by(n.desc(), b.c.actor_id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [{"actor_id": actor, "events": events} for actor, events in conn.execute(query)]


def distinct_values(store: Store, column: str, limit: int | None = 200) -> list[str]:
    """The distinct non-empty values of an events column (for filter choices), sorted."""
    col = _column(column)
    query = sa.select(col).where(col.is_not(None)).distinct().order_by(col).limit(limit)
    with store.engine.connect() as conn:
        return [v for v in conn.execute(query).scalars() if v]


def actor_names(store: Store, actor_ids: list[str]) -> dict[str, str]:
    """The name reports use for each actor id (the most frequent one), for ids that have one.

    Reads the reports of at most a few events per actor: names are the same across an actor's
    reports up to spelling, and the page only needs one.
    """
    if not actor_ids:
        return {}
    er, ea = schema.event_reports, schema.event_actors
    names: dict[str, dict[str, int]] = {}
    with store.engine.connect() as conn:
        for actor_id in dict.fromkeys(actor_ids):
            events = sa.select(ea.c.event_id).where(ea.c.actor_id == actor_id).limit(3)
            query = (
                sa.select(schema.reports.c.data)
                .where(schema.reports.c.id.in_(sa.select(er.c.report_id).where(er.c.event_id.in_(events))))
                .limit(12)
            )
            for data in conn.execute(query).scalars():
                for role in Report.from_dict(json.loads(data)).actors:
                    if role.actor_id == actor_id and role.name:
                        counts = names.setdefault(actor_id, {})
                        counts[role.name] = counts.get(role.name, 0) + 1
    return {actor: max(counts, key=lambda k: (counts[k], k)) for actor, counts in names.items()}


def articles_by_id(store: Store, article_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Title, outlet, date, url and duplicate link of each article (not its text)."""
    if not article_ids:
        return {}
    t = schema.articles
    query = sa.select(t.c.id, t.c.title, t.c.outlet, t.c.published, t.c.url, t.c.duplicate_of).where(
        t.c.id.in_(list(dict.fromkeys(article_ids)))
    )
    with store.engine.connect() as conn:
        return {row.id: dict(row._mapping) for row in conn.execute(query)}


def events_of_article(store: Store, article_id: str) -> list[str]:
    """Ids of the events that include a report from this article."""
    er = schema.event_reports
    query = (
        sa.select(er.c.event_id)
        .where(er.c.report_id.in_(sa.select(schema.reports.c.id).where(schema.reports.c.article_id == article_id)))
        .distinct()
    )
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def reports_page(
    store: Store,
    *,
    article_id: str | None = None,
    event_id: str | None = None,
    kind: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[Report], int]:
    """One page of reports (by article, then order in it) and how many match in all."""
    t = schema.reports
    where = []
    if article_id:
        where.append(t.c.article_id == article_id)
    if kind:
        where.append(t.c.kind == kind)
    if event_id:
        er = schema.event_reports
        where.append(t.c.id.in_(sa.select(er.c.report_id).where(er.c.event_id == event_id)))
    query = sa.select(t.c.data).where(*where).order_by(t.c.article_id, t.c.idx).limit(limit).offset(offset)
    count = sa.select(sa.func.count()).select_from(t).where(*where)
    with store.engine.connect() as conn:
        reports = [Report.from_dict(json.loads(d)) for d in conn.execute(query).scalars()]
        return reports, conn.execute(count).scalar_one()


def count_articles(
    store: Store,
    *,
    outlet: str | None = None,
    since: Any = None,
    until: Any = None,
    text: str | None = None,
) -> int:
    """How many articles ``Store.list_articles`` would list with these filters and no limit."""
    t = schema.articles
    where = []
    if outlet:
        where.append(sa.func.lower(t.c.outlet) == outlet.lower())
    if since:
        where.append(t.c.published >= since)
    if until:
        where.append(t.c.published <= until)
    if text:
        pattern = f"%{text.lower()}%"
        where.append(sa.or_(sa.func.lower(t.c.text).like(pattern), sa.func.lower(t.c.title).like(pattern)))
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(t).where(*where)).scalar_one()


def count_stories(store: Store) -> int:
    """How many stories the store holds."""
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(schema.stories)).scalar_one()
