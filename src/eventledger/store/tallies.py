"""Summary tables kept on write: counts of the events per combination of their tally columns, and
per actor (migration 0006_summary_tables).

The dashboard's overview, the tallies, the filter choices and the totals of lists group and
count a million events on every request unless they read these instead (a few thousand rows).
Every write of events goes through ``Store._write_events``, which calls :func:`update_tallies` in
the same transaction: the tables are never stale, and a run killed midway leaves both as they
were. ``tests/store/test_tallies.py`` compares them with the direct aggregates after inserts,
re-links, corrections and deletes.

A row's ``key`` is its dimensions as a JSON array (null kept apart from ""), so that upserts have
one primary key on SQLite and PostgreSQL alike; a row whose count reaches 0 is deleted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from eventledger.store import schema

# The events columns a tally row is keyed by (``year`` is the first four characters of ``date``).
DIMENSIONS = ("month", "year", "kind", "event_type", "sub_event_type", "country", "admin1", "weapon", "date_precision")
MEASURES = ("events", "killed", "wounded", "located")
_CHUNK = 500

Dims = tuple[str | None, ...]


def _year(date: str | None) -> str | None:
    return None if date is None else date[:4]


def _key(dims: Dims) -> str:
    return json.dumps(list(dims), ensure_ascii=False)


def _event_dims(row: Mapping[str, Any]) -> Dims:
    """The dimensions of an events row (a mapping of its columns)."""
    return tuple(_year(row["date"]) if name == "year" else row[name] for name in DIMENSIONS)


def _contribution(killed: int | None, wounded: int | None, latitude: float | None) -> Counter[str]:
    return Counter(events=1, killed=killed or 0, wounded=wounded or 0, located=int(latitude is not None))


def contributions_of_rows(rows: Iterable[Mapping[str, Any]]) -> dict[Dims, Counter[str]]:
    """What events rows (mappings of the events table's columns) add to the tallies."""
    found: dict[Dims, Counter[str]] = {}
    for row in rows:
        found.setdefault(_event_dims(row), Counter()).update(_contribution(row["killed"], row["wounded"], row["latitude"]))
    return found


def stored_contributions(conn: Connection, event_ids: Sequence[str]) -> tuple[dict[Dims, Counter[str]], Counter[str]]:
    """What the stored events ``event_ids`` add to the event tallies and to the actor tallies."""
    e, ea = schema.events, schema.event_actors
    columns = [e.c[name] for name in DIMENSIONS if name != "year"] + [e.c.date, e.c.killed, e.c.wounded, e.c.latitude]
    tallies: dict[Dims, Counter[str]] = {}
    actors: Counter[str] = Counter()
    ids = list(dict.fromkeys(event_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = conn.execute(sa.select(*columns).where(e.c.id.in_(chunk)))
        for dims, counts in contributions_of_rows(row._mapping for row in rows).items():
            tallies.setdefault(dims, Counter()).update(counts)
        query = sa.select(ea.c.actor_id, sa.func.count()).where(ea.c.event_id.in_(chunk)).group_by(ea.c.actor_id)
        actors.update({actor: n for actor, n in conn.execute(query)})
    return tallies, actors


def update_tallies(
    conn: Connection,
    removed: tuple[dict[Dims, Counter[str]], Counter[str]],
    added: tuple[dict[Dims, Counter[str]], Counter[str]],
) -> None:
    """Apply to the tables what events left (``removed``) and what came (``added``)."""
    deltas: dict[Dims, Counter[str]] = {}
    for sign, tallies in ((-1, removed[0]), (1, added[0])):
        for dims, counts in tallies.items():
            delta = deltas.setdefault(dims, Counter())
            for name in MEASURES:
                delta[name] += sign * counts[name]
    rows = [
        {"key": _key(dims), **dict(zip(DIMENSIONS, dims, strict=True)), **{m: delta[m] for m in MEASURES}}
        for dims, delta in deltas.items()
        if any(delta[m] for m in MEASURES)
    ]
    actor_delta = Counter(added[1])
    actor_delta.subtract(removed[1])
    actor_rows = [{"actor_id": actor, "events": n} for actor, n in actor_delta.items() if n]
    t, a = schema.event_tallies, schema.actor_tallies
    if rows:
        _upsert(conn, t, t.c.key, MEASURES, rows)
        conn.execute(t.delete().where(t.c.events <= 0))
    if actor_rows:
        _upsert(conn, a, a.c.actor_id, ("events",), actor_rows)
        conn.execute(a.delete().where(a.c.events <= 0))


def _upsert(conn: Connection, table: sa.Table, key: Any, measures: Sequence[str], rows: list[dict[str, Any]]) -> None:
    insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)
    statement = insert.on_conflict_do_update(
        index_elements=[key], set_={m: table.c[m] + insert.excluded[m] for m in measures}
    )
    for start in range(0, len(rows), _CHUNK):
        conn.execute(statement, rows[start : start + _CHUNK])


def rebuild_tallies(conn: Connection) -> None:
    """Recompute both tables from the events (migration 0006; a linking run that replaces every event)."""
    e, ea = schema.events, schema.event_actors
    conn.execute(schema.event_tallies.delete())
    conn.execute(schema.actor_tallies.delete())
    year = sa.func.substr(e.c.date, 1, 4)
    keys = [year if name == "year" else e.c[name] for name in DIMENSIONS]
    query = sa.select(
        *keys,
        sa.func.count(),
        sa.func.coalesce(sa.func.sum(e.c.killed), 0),
        sa.func.coalesce(sa.func.sum(e.c.wounded), 0),
        sa.func.count(e.c.latitude),
    ).group_by(*keys)
    rows = []
    for row in conn.execute(query):
        dims = tuple(row[: len(DIMENSIONS)])
        rows.append({"key": _key(dims), **dict(zip(DIMENSIONS, dims, strict=True)),
                     **dict(zip(MEASURES, row[len(DIMENSIONS) :], strict=True))})
    for start in range(0, len(rows), _CHUNK):
        conn.execute(schema.event_tallies.insert(), rows[start : start + _CHUNK])
    actors = conn.execute(sa.select(ea.c.actor_id, sa.func.count()).group_by(ea.c.actor_id)).all()
    actor_rows = [{"actor_id": actor, "events": n} for actor, n in actors]
    for start in range(0, len(actor_rows), _CHUNK):
        conn.execute(schema.actor_tallies.insert(), actor_rows[start : start + _CHUNK])
