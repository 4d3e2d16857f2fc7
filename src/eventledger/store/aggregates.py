"""The store's read side for the dashboard and the API: filtered event pages, aggregates and lookups.

Everything here is SQL over the events table's indexed columns (month, kind, sub_event_type,
admin1), the link tables and the summary tables kept on write (:mod:`eventledger.store.tallies`),
so that the overview of a store with a million events neither loads nor groups the events. :class:`Store` inherits these methods; ``eventledger.analyze`` composes
their results (tallies, overviews, display names) and holds no SQL of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from eventledger.errors import StoreError
from eventledger.models import Event, Report
from eventledger.store import schema
from eventledger.store.places import PLACE_FILTERS

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

EVENT_SORTS = ("date", "-date", "killed", "-killed", "n_reports", "-n_reports", "admin1", "-admin1")


def decode_rows(
    model: Any, stored: Iterable[str], leave_out: Sequence[str] = (), evidence_of: Collection[str] | None = None
) -> list[Any]:
    """Stored JSON documents decoded into ``model`` (Event, Report), with the keys ``leave_out``
    (the large ones a caller does not read: an event's ``fields``, a report's ``evidence``) at
    their defaults rather than decoded; ``evidence_of`` keeps a report's evidence of those fields
    only. One document at a time: the parsed JSON of every row is never held at once (it takes
    more room than the models)."""
    decoded = []
    for document in stored:
        row = json.loads(document)
        for key in leave_out:
            row.pop(key, None)
        if evidence_of is not None and "evidence" in row:
            row["evidence"] = {name: spans for name, spans in row["evidence"].items() if name in evidence_of}
        decoded.append(model.from_dict(row))
    return decoded


@dataclasses.dataclass(frozen=True, slots=True)
class EventHead:
    """What a timeline shows of an event: the events table's columns and the event's actors, read
    without decoding the event (its JSON and its model are most of the cost of a list of events)."""

    id: str
    kind: str
    sub_event_type: str | None
    date: str | None
    date_precision: str
    place: str | None
    admin1: str | None
    killed_best: int | None
    summary: str
    actors: tuple[str, ...]
    country: str | None = None


@dataclasses.dataclass(frozen=True)
class EventFilter:
    """What the events table, the CLI and the API filter on."""

    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    month: str | None = None  # YYYY-MM
    kind: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    admin1: str | None = None
    country: str | None = None
    actor: str | None = None  # actor id
    text: str | None = None  # substring of the summary
    story_id: str | None = None


def event_order(sort: str) -> Any:
    """The ORDER BY term of an events sort ("-date": newest first; unknown values last)."""
    if sort not in EVENT_SORTS:
        raise StoreError(f"cannot sort events by {sort!r}; use one of {', '.join(EVENT_SORTS)}")
    column = schema.events.c[sort.lstrip("-")]
    return column.desc().nulls_last() if sort.startswith("-") else column.asc().nulls_last()


def articles_where(outlet: str | None, since: Any, until: Any, text: str | None) -> list[Any]:
    """The WHERE terms of the article filters (outlet, published between, words in text or title)."""
    t = schema.articles
    where = []
    if outlet:
        where.append(sa.func.lower(t.c.outlet) == outlet.lower())
    if since:
        where.append(t.c.published >= since)
    if until:
        where.append(t.c.published <= until)
    if text:
        words = text.lower()
        where.append(sa.or_(contains(t.c.text, words), contains(t.c.title, words)))
    return where


def contains(column: Any, words: str) -> Any:
    """``lower(column)`` holds ``words`` (lower-case) as they are: ``%`` and ``_`` are not wildcards."""
    return sa.func.lower(column).contains(words, autoescape=True)


def _column(name: str) -> Any:
    t = schema.events
    if name == "year":
        return sa.func.substr(t.c.date, 1, 4).label("year")
    if name not in TALLY_COLUMNS:
        raise ValueError(f"cannot tally by {name!r}; use {', '.join(TALLY_COLUMNS)}")
    return t.c[name]


# The filters the summary table ``event_tallies`` answers (its dimensions); the others (dates,
# actor, text, story) need the events themselves.
TALLIED_FILTERS = ("month", "kind", "event_type", "sub_event_type", "country", "admin1")


def tallied(filters: EventFilter | None) -> bool:
    """Whether ``event_tallies`` answers aggregates of the events ``filters`` selects."""
    return filters is None or all(
        not getattr(filters, f.name) for f in dataclasses.fields(filters) if f.name not in TALLIED_FILTERS
    )


def only_actor(filters: EventFilter | None) -> bool:
    """Whether ``filters`` selects the events of one actor and nothing more (``actor_tallies`` counts them)."""
    return filters is not None and bool(filters.actor) and all(
        not getattr(filters, f.name) for f in dataclasses.fields(filters) if f.name != "actor"
    )


def tally_where(filters: EventFilter | None) -> list[Any]:
    """The WHERE terms on ``event_tallies`` of a :func:`tallied` filter (as :meth:`Aggregates.event_query` reads them)."""
    t = schema.event_tallies
    f = filters or EventFilter()
    where = [t.c[name] == getattr(f, name) for name in TALLIED_FILTERS if name != "admin1" and getattr(f, name)]
    if f.admin1:
        where.append(sa.func.lower(t.c.admin1) == f.admin1.lower())
    return where


class Aggregates:
    """The read queries of a store (mixed into :class:`~eventledger.store.core.Store`).

    Aggregates of events selected by :data:`TALLIED_FILTERS` only (the overview, tallies, totals,
    filter choices, the actors by events) read the summary tables of :mod:`eventledger.store.tallies`
    instead of the events: the same numbers, from a few thousand rows.
    """

    engine: Engine
    dialect: str

    def event_query(self, filters: EventFilter | None) -> sa.Select[Any]:
        """SELECT of the events' JSON under these filters (its WHERE clause is reused below)."""
        t = schema.events
        query = sa.select(t.c.data)
        f = filters or EventFilter()
        if f.since:
            query = query.where(t.c.date >= f.since)
        if f.until:
            # a YYYY-MM date sorts before its days; compare on the prefix length of `until`
            query = query.where(sa.func.substr(t.c.date, 1, len(f.until)) <= f.until)
        for column, value in (
            (t.c.month, f.month),
            (t.c.kind, f.kind),
            (t.c.event_type, f.event_type),
            (t.c.sub_event_type, f.sub_event_type),
            (t.c.country, f.country),
            (t.c.story_id, f.story_id),
        ):
            if value:
                query = query.where(column == value)
        if f.admin1:
            query = query.where(sa.func.lower(t.c.admin1) == f.admin1.lower())
        if f.actor:
            actors = schema.event_actors
            query = query.where(t.c.id.in_(sa.select(actors.c.event_id).where(actors.c.actor_id == f.actor)))
        if f.text:
            query = query.where(contains(t.c.summary, f.text.lower()))
        return query

    # -- events under index-friendly filters ------------------------------------------------------

    def _indexed_where(self, filters: EventFilter | None) -> Any:
        """A WHERE clause selecting what ``filters`` selects, or ``true()``.

        :meth:`event_query` defines every filter; this takes its WHERE clause and replaces one
        part: that matches ``admin1`` as ``lower(admin1) = lower(value)``, which no index can
        serve, so here the value is first resolved against the distinct governorate names (read
        from the admin1 index) and matched exactly. The rows selected are the same.
        """
        if filters is None or not any(vars(filters).values()):
            return sa.true()
        clause = self.event_query(dataclasses.replace(filters, admin1=None)).whereclause
        clauses = [] if clause is None else [clause]
        if filters.admin1:
            wanted = filters.admin1.lower()
            names = [v for v in self.distinct_values("admin1", limit=None) if v.lower() == wanted]
            clauses.append(schema.events.c.admin1.in_(names) if names else sa.false())
        return sa.and_(*clauses) if clauses else sa.true()

    def _page_query(
        self, filters: EventFilter | None, sort: str, limit: int, offset: int, columns: Sequence[Any] = ()
    ) -> sa.Select[Any]:
        """The JSON (or ``columns``) of one page of events, in two steps: the page's ids first
        (ordered, limited), then their rows. The first step reads an index alone when one holds
        the filtered and sorted columns, so that rows skipped or sorted out are never read (their
        JSON is most of the table)."""
        t = schema.events
        where = self._indexed_where(filters)
        if only_actor(filters) and sort == "-date" and self._walk_cheaper(filters, limit + offset):
            # the newest events in date order, each checked against the actor's rows: for an actor
            # in many events this stops early, where reading its ids first looks up every one's date
            assert filters is not None
            ea = schema.event_actors
            where = sa.exists().where(ea.c.event_id == t.c.id, ea.c.actor_id == filters.actor)
        share = self._walk_dates(filters, sort, limit + offset)
        if share is not None:
            # the newest events in date order, each checked against the filter: told how common the
            # filter's events are (SQLite's likelihood()), SQLite walks the date index instead of
            # reading every event of a common kind through its index and sorting them all
            where = sa.func.likelihood(where, sa.literal_column(f"{share:.4f}"))
        ids = (
            sa.select(t.c.id)
            .where(where)
            .order_by(event_order(sort), t.c.id)
            .limit(limit)
            .offset(offset)
        )
        return (
            sa.select(*(columns or (t.c.data,)))
            .where(t.c.id.in_(ids.scalar_subquery()))
            .order_by(event_order(sort), t.c.id)
        )

    def _walk_dates(self, filters: EventFilter | None, sort: str, wanted: int) -> float | None:
        """The share of all events that ``filters`` (kind, event or sub-event type, country: no
        index holds both them and the date) selects, when a page of the newest of them is found
        sooner by walking the date index than by SQLite's choice without statistics, the filter's
        own index and a sort of all it selects; else None. PostgreSQL's planner, with its
        statistics, makes this choice itself."""
        if self.dialect != "sqlite" or sort != "-date" or filters is None or not tallied(filters):
            return None
        if filters.admin1 or filters.month:  # their indexes are selective (admin1's holds the date)
            return None
        if not (filters.kind or filters.event_type or filters.sub_event_type or filters.country):
            return None
        its, every = self.count_events_indexed(filters), self.count_events_indexed(None)
        return its / every if its > 0 and wanted * every < its * its else None

    def _walk_cheaper(self, filters: EventFilter | None, wanted: int) -> bool:
        """Whether finding ``wanted`` events of ``filters`` (one actor) by walking every event newest first
        (about ``wanted * all / its events`` probes) costs less than reading its events' dates
        (one lookup each), by the summary tables' counts."""
        its = self.count_events_indexed(filters)
        return its > 0 and wanted * self.count_events_indexed(None) < its * its

    def list_events_indexed(
        self, filters: EventFilter | None = None, *, sort: str = "-date", limit: int = 100, offset: int = 0,
        field_values: bool = True,
    ) -> list[Event]:
        """``list_events`` with index-friendly filters (same rows, same order).

        ``field_values=False`` leaves each event's ``fields`` (every report's value of every field:
        most of the decoding time of a list) empty, for lists that show no evidence."""
        query = self._page_query(filters, sort, limit, offset)
        with self.engine.connect() as conn:
            return decode_rows(Event, conn.execute(query).scalars(), () if field_values else ("fields",))

    def list_event_heads_indexed(
        self, filters: EventFilter | None = None, *, sort: str = "-date", limit: int = 100, offset: int = 0
    ) -> list[EventHead]:
        """The events of ``list_events_indexed`` (same rows, same order) as :class:`EventHead`: the
        actors come out of each event's JSON in SQL, so no event is decoded in Python."""
        t = schema.events
        actors: Any
        if self.dialect == "postgresql":
            actors = sa.cast(t.c.data, sa.JSON).op("->>")(sa.literal("actors"))
        else:
            actors = sa.func.json_extract(t.c.data, "$.actors")
        columns = (
            *(t.c.id, t.c.kind, t.c.sub_event_type, t.c.date, t.c.date_precision, t.c.place, t.c.admin1),
            *(t.c.killed, t.c.summary, actors, t.c.country),
        )
        with self.engine.connect() as conn:
            rows = conn.execute(self._page_query(filters, sort, limit, offset, columns)).all()
        return [
            EventHead(
                id=r[0],
                kind=r[1],
                sub_event_type=r[2],
                date=r[3],
                date_precision=r[4] or "unknown",
                place=r[5],
                admin1=r[6],
                killed_best=r[7],
                summary=r[8] or "",
                actors=tuple(json.loads(r[9])) if r[9] else (),
                country=r[10],
            )
            for r in rows
        ]

    def list_event_dicts_indexed(
        self, filters: EventFilter | None = None, *, sort: str = "-date", limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        """``[e.as_dict() for e in list_events_indexed(...)]`` without building the events: the
        stored JSON, with each field it lacks at its default (a third of the time, for the API)."""
        query = self._page_query(filters, sort, limit, offset)
        with self.engine.connect() as conn:
            rows = [json.loads(d) for d in conn.execute(query).scalars()]
        defaults = _event_defaults()
        return [{name: row.get(name, default) for name, default in defaults.items()} for row in rows]

    def count_events_indexed(self, filters: EventFilter | None = None) -> int:
        """``count_events`` with index-friendly filters (from the summary tables when they hold the answer)."""
        if tallied(filters):
            t = schema.event_tallies
            query = sa.select(sa.func.coalesce(sa.func.sum(t.c.events), 0)).where(*tally_where(filters))
        elif only_actor(filters):
            a = schema.actor_tallies
            assert filters is not None and filters.actor is not None
            query = sa.select(sa.func.coalesce(sa.func.max(a.c.events), 0)).where(a.c.actor_id == filters.actor)
        else:
            query = sa.select(sa.func.count()).select_from(schema.events).where(self._indexed_where(filters))
        with self.engine.connect() as conn:
            count: int = conn.execute(query).scalar_one()
        return count

    def count_events_capped(self, filters: EventFilter | None, cap: int) -> tuple[int, bool]:
        """How many events ``filters`` selects and whether that is exact: exact when the summary
        tables hold the answer or at most ``cap`` match, else ``(cap, False)`` ("10,000+"):
        counting a million matches to print one number is what a page cannot afford."""
        if tallied(filters) or only_actor(filters):
            return self.count_events_indexed(filters), True
        t = schema.events
        first = sa.select(t.c.id).where(self._indexed_where(filters)).limit(cap + 1).subquery()
        with self.engine.connect() as conn:
            count: int = conn.execute(sa.select(sa.func.count()).select_from(first)).scalar_one()
        return (count, True) if count <= cap else (cap, False)

    # -- aggregates over events -----------------------------------------------------------------

    def _group_key(self, name: str) -> Any:
        """A column to GROUP BY that SQLite will not walk a non-covering index for.

        Grouping by ``month`` makes SQLite's planner read the rows in the order of the (month,
        kind) index to skip a sort, one random row lookup per event: 2-4x slower than scanning the
        table and sorting the few groups. The unary ``+`` is SQLite's documented way to keep a
        term off an index; other databases get the plain column.
        """
        column = _column(name)
        if self.dialect != "sqlite" or name == "year":
            return column
        return sa.literal_column(f"+{schema.events.name}.{name}", type_=column.type)

    def _group_keys(self, names: Sequence[str], filters: EventFilter | None) -> list[Any]:
        """The GROUP BY columns of ``names``. Events of one kind grouped by month (then sub-event
        type) are walked in the order of the covering (kind, month, sub_event_type, ...) index,
        so SQLite groups as it reads instead of sorting every row in a temporary tree (the attacks
        per month of a million events: 3.0 s -> 0.7-1.0 s); other groupings keep ``_group_key``."""
        only_kind = filters is not None and filters.kind is not None and all(
            getattr(filters, f.name) is None for f in dataclasses.fields(filters) if f.name != "kind"
        )
        if only_kind and tuple(names) in (("month",), ("month", "sub_event_type")):
            return [_column(name) for name in names]
        return [self._group_key(name) for name in names]

    def tally_rows(self, by: tuple[str, ...], filters: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events, killed and wounded grouped by the columns ``by`` (each once), sorted by the keys
        with missing values last; a row is ``{"month": ..., "count": n, "killed": n, "wounded": n}``."""
        if tallied(filters):
            for name in by:
                _column(name)  # refuses a column that is not a tally column
            s = schema.event_tallies
            summed = [s.c[name].label(name) for name in by]
            summary = (
                sa.select(
                    *summed,
                    sa.func.sum(s.c.events).label("count"),
                    sa.func.sum(s.c.killed).label("killed"),
                    sa.func.sum(s.c.wounded).label("wounded"),
                )
                .where(*tally_where(filters))
                .group_by(*summed)
                .order_by(*[k.asc().nulls_last() for k in summed])
            )
            with self.engine.connect() as conn:
                return [dict(row._mapping) for row in conn.execute(summary)]
        t = schema.events
        keys = [key.label(name) for key, name in zip(self._group_keys(by, filters), by, strict=True)]
        query = (
            sa.select(
                *keys,
                sa.func.count().label("count"),
                sa.func.coalesce(sa.func.sum(t.c.killed), 0).label("killed"),
                sa.func.coalesce(sa.func.sum(t.c.wounded), 0).label("wounded"),
            )
            .where(self._indexed_where(filters))
            .group_by(*keys)
            .order_by(*[k.asc().nulls_last() for k in keys])
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def monthly_groups(
        self, stack: str, filters: EventFilter | None = None
    ) -> list[tuple[str | None, str | None, int, int, int, int]]:
        """``(month, stack value, events, killed, wounded, located events)`` per group, in one scan."""
        if tallied(filters):
            s = schema.event_tallies
            _column(stack)
            keys = (s.c.month, s.c[stack])
            summary = (
                sa.select(*keys, *[sa.func.sum(s.c[m]) for m in ("events", "killed", "wounded", "located")])
                .where(*tally_where(filters))
                .group_by(*keys)
            )
            with self.engine.connect() as conn:
                return [(m, v, events, killed, wounded, located) for m, v, events, killed, wounded, located in conn.execute(summary)]
        t = schema.events
        month, key = self._group_keys(("month", stack), filters)
        query = (
            sa.select(
                month,
                key,
                sa.func.count(),
                sa.func.coalesce(sa.func.sum(t.c.killed), 0),
                sa.func.coalesce(sa.func.sum(t.c.wounded), 0),
                sa.func.count(t.c.latitude),
            )
            .where(self._indexed_where(filters))
            .group_by(month, key)
        )
        with self.engine.connect() as conn:
            return [(m, v, events, killed, wounded, located) for m, v, events, killed, wounded, located in conn.execute(query)]

    def map_points(self, filters: EventFilter | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        """Located events grouped by coordinates: one point per place with its event and casualty counts.

        Grouping keeps the map readable (and the response small) when thousands of events share
        the coordinates of one town; the biggest places come first and ``limit`` bounds the answer.
        Filters among :data:`PLACE_FILTERS` alone are answered by the places summary kept on write
        (:mod:`eventledger.store.places`), the others by grouping the events.
        """
        chosen = filters or EventFilter()
        if all(not getattr(chosen, f.name) for f in dataclasses.fields(chosen) if f.name not in PLACE_FILTERS):
            return self._map_from_summary(filters, limit)
        return self._map_from_events(filters, limit)

    def _map_from_events(self, filters: EventFilter | None, limit: int) -> list[dict[str, Any]]:
        """:meth:`map_points` grouped from the events themselves (any filters)."""
        t = schema.events
        return self._map_points(
            t, sa.func.count(), sa.func.coalesce(sa.func.sum(t.c.killed), 0),
            sa.func.coalesce(sa.func.sum(t.c.wounded), 0), t.c.id,
            [t.c.latitude.is_not(None), t.c.longitude.is_not(None), self._indexed_where(filters)], limit,
        )

    def _map_from_summary(self, filters: EventFilter | None, limit: int) -> list[dict[str, Any]]:
        """:meth:`map_points` read from ``place_tallies`` (filters among :data:`PLACE_FILTERS` only)."""
        p = schema.place_tallies
        f = filters or EventFilter()
        where = [p.c[name] == getattr(f, name) for name in PLACE_FILTERS if name != "admin1" and getattr(f, name)]
        if f.admin1:  # as _indexed_where matches it
            names = [v for v in self.distinct_values("admin1", limit=None) if v.lower() == f.admin1.lower()]
            where.append(p.c.admin1.in_(names) if names else sa.false())
        return self._map_points(
            p, sa.func.sum(p.c.events), sa.func.sum(p.c.killed), sa.func.sum(p.c.wounded), p.c.example_id, where, limit
        )

    def _map_points(
        self, t: sa.Table, events: Any, killed: Any, wounded: Any, example: Any, where: list[Any], limit: int
    ) -> list[dict[str, Any]]:
        """One row per coordinates of ``t`` (the events, or ``place_tallies``), most events first."""
        count = events.label("events")
        query = (
            sa.select(
                t.c.latitude,
                t.c.longitude,
                sa.func.min(t.c.place).label("place"),
                sa.func.min(t.c.admin1).label("admin1"),
                count,
                killed.label("killed"),
                wounded.label("wounded"),
                sa.func.min(example).label("example_id"),
            )
            .where(*where)
            .group_by(t.c.latitude, t.c.longitude)
            .order_by(count.desc(), t.c.latitude, t.c.longitude)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def distinct_values(self, column: str, limit: int | None = 200) -> list[str]:
        """The distinct non-empty values of an events column (for filter choices), sorted (read from
        the summary table, which holds a row for each value that at least one event has)."""
        _column(column)
        col = schema.event_tallies.c[column]
        query = sa.select(col).where(col.is_not(None)).distinct().order_by(col).limit(limit)
        with self.engine.connect() as conn:
            return [v for v in conn.execute(query).scalars() if v]

    # -- actors ---------------------------------------------------------------------------------

    def top_actors(self, filters: EventFilter | None = None, limit: int = 10, offset: int = 0) -> list[dict[str, Any]]:
        """Actor ids with the number of selected events they take part in, most first."""
        a = schema.event_actors
        if filters is None or not any(vars(filters).values()):
            s = schema.actor_tallies
            summary = sa.select(s.c.actor_id, s.c.events).order_by(s.c.events.desc(), s.c.actor_id).limit(limit).offset(offset)
            with self.engine.connect() as conn:
                return [{"actor_id": actor, "events": events} for actor, events in conn.execute(summary)]
        n = sa.func.count().label("events")
        query = sa.select(a.c.actor_id, n).group_by(a.c.actor_id).order_by(n.desc(), a.c.actor_id)
        if filters is not None and any(vars(filters).values()):
            t = schema.events
            query = query.where(a.c.event_id.in_(sa.select(t.c.id).where(self._indexed_where(filters))))
        query = query.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [{"actor_id": actor, "events": events} for actor, events in conn.execute(query)]

    def count_actors(self, filters: EventFilter | None = None) -> int:
        """How many distinct actors take part in at least one of the selected events (``top_actors``'s total)."""
        a = schema.event_actors
        query = sa.select(sa.func.count(sa.distinct(a.c.actor_id)))
        if filters is None or not any(vars(filters).values()):
            query = sa.select(sa.func.count()).select_from(schema.actor_tallies)
        else:
            query = query.where(a.c.event_id.in_(sa.select(schema.events.c.id).where(self._indexed_where(filters))))
        with self.engine.connect() as conn:
            count: int = conn.execute(query).scalar_one()
        return count

    def co_actors(self, actor_id: str, limit: int = 15) -> list[dict[str, Any]]:
        """Actors that share events with ``actor_id``, with how many events they share (from the summary table)."""
        p = schema.actor_pair_tallies
        query = (
            sa.select(p.c.other_id, p.c.events)
            .where(p.c.actor_id == actor_id)
            .order_by(p.c.events.desc(), p.c.other_id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [{"actor_id": actor, "events": events} for actor, events in conn.execute(query)]

    def reports_naming(self, actor_ids: list[str], events: int = 3, reports: int = 12) -> dict[str, list[Report]]:
        """Per actor id, the reports (at most ``reports``) of the first ``events`` events it takes part in."""
        er, ea = schema.event_reports, schema.event_actors
        found: dict[str, list[Report]] = {}
        with self.engine.connect() as conn:
            for actor_id in dict.fromkeys(actor_ids):
                its_events = sa.select(ea.c.event_id).where(ea.c.actor_id == actor_id).limit(events)
                query = (
                    sa.select(schema.reports.c.data)
                    .where(schema.reports.c.id.in_(sa.select(er.c.report_id).where(er.c.event_id.in_(its_events))))
                    .limit(reports)
                )
                found[actor_id] = [Report.from_dict(json.loads(data)) for data in conn.execute(query).scalars()]
        return found

    # -- articles and reports -------------------------------------------------------------------

    def articles_by_id(self, article_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Title, outlet, date, url and duplicate link of each article (not its text)."""
        if not article_ids:
            return {}
        t = schema.articles
        query = sa.select(t.c.id, t.c.title, t.c.outlet, t.c.published, t.c.url, t.c.duplicate_of).where(
            t.c.id.in_(list(dict.fromkeys(article_ids)))
        )
        with self.engine.connect() as conn:
            return {row.id: dict(row._mapping) for row in conn.execute(query)}

    def count_articles(
        self,
        *,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        text: str | None = None,
    ) -> int:
        """How many articles ``list_articles`` would list with these filters and no limit."""
        query = sa.select(sa.func.count()).select_from(schema.articles).where(*articles_where(outlet, since, until, text))
        with self.engine.connect() as conn:
            count: int = conn.execute(query).scalar_one()
        return count

    def events_of_article(self, article_id: str) -> list[str]:
        """Ids of the events that include a report from this article."""
        er = schema.event_reports
        query = (
            sa.select(er.c.event_id)
            .where(er.c.report_id.in_(sa.select(schema.reports.c.id).where(schema.reports.c.article_id == article_id)))
            .distinct()
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def reports_page(
        self,
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
        with self.engine.connect() as conn:
            found = [Report.from_dict(json.loads(d)) for d in conn.execute(query).scalars()]
            total: int = conn.execute(count).scalar_one()
        return found, total


def _event_defaults() -> dict[str, Any]:
    """Each Event field's default as it reads in JSON, in field order (required fields: None)."""
    defaults: dict[str, Any] = {}
    for f in dataclasses.fields(Event):
        if f.default is not dataclasses.MISSING:
            value: Any = f.default
        elif f.default_factory is not dataclasses.MISSING:
            value = f.default_factory()
        else:
            value = None
        defaults[f.name] = json.loads(json.dumps(value))
    return defaults
