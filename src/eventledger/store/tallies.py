"""Summary tables kept on write: counts of the events per combination of their tally columns, per
actor, and per pair of actors that share events (migration 0006_summary_tables).

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
from sqlalchemy.engine import Connection

from eventledger.store import schema

# The events columns a tally row is keyed by (``year`` is the first four characters of ``date``).
DIMENSIONS = ("month", "year", "kind", "event_type", "sub_event_type", "country", "admin1", "weapon", "date_precision")
MEASURES = ("events", "killed", "wounded", "located")
_CHUNK = 500

Dims = tuple[str | None, ...]
ActorCounts = tuple[Counter[str], Counter[tuple[str, str]]]  # events per actor, per ordered pair
Contributions = tuple[dict[Dims, Counter[str]], ActorCounts]


def _year(date: str | None) -> str | None:
    return None if date is None else date[:4]


def _key(dims: Dims) -> str:
    return json.dumps(list(dims), ensure_ascii=False)


def _event_dims(row: Mapping[Any, Any]) -> Dims:
    """The dimensions of an events row (a mapping of its columns)."""
    return tuple(_year(row["date"]) if name == "year" else row[name] for name in DIMENSIONS)


def _contribution(killed: int | None, wounded: int | None, latitude: float | None) -> Counter[str]:
    return Counter(events=1, killed=killed or 0, wounded=wounded or 0, located=int(latitude is not None))


def contributions_of_rows(rows: Iterable[Mapping[Any, Any]]) -> dict[Dims, Counter[str]]:
    """What events rows (mappings of the events table's columns) add to the tallies."""
    found: dict[Dims, Counter[str]] = {}
    for row in rows:
        found.setdefault(_event_dims(row), Counter()).update(_contribution(row["killed"], row["wounded"], row["latitude"]))
    return found


def actor_contributions(event_actors: Iterable[tuple[str, str]]) -> ActorCounts:
    """What ``(event_id, actor_id)`` rows (each once) add to the actor tallies and the pair tallies."""
    by_event: dict[str, list[str]] = {}
    for event_id, actor_id in event_actors:
        by_event.setdefault(event_id, []).append(actor_id)
    actors: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for ids in by_event.values():
        actors.update(ids)
        pairs.update((a, b) for a in ids for b in ids if a != b)
    return actors, pairs


def stored_contributions(conn: Connection, event_ids: Sequence[str]) -> Contributions:
    """What the stored events ``event_ids`` add to the summary tables."""
    e, ea = schema.events, schema.event_actors
    columns = [e.c[name] for name in DIMENSIONS if name != "year"] + [e.c.date, e.c.killed, e.c.wounded, e.c.latitude]
    tallies: dict[Dims, Counter[str]] = {}
    links: list[tuple[str, str]] = []
    ids = list(dict.fromkeys(event_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = conn.execute(sa.select(*columns).where(e.c.id.in_(chunk)))
        for dims, counts in contributions_of_rows(row._mapping for row in rows).items():
            tallies.setdefault(dims, Counter()).update(counts)
        links += [(event, actor) for event, actor in conn.execute(sa.select(ea.c.event_id, ea.c.actor_id).where(ea.c.event_id.in_(chunk)))]
    return tallies, actor_contributions(links)


def update_tallies(conn: Connection, removed: Contributions, added: Contributions) -> None:
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
    actor_delta = Counter(added[1][0])
    actor_delta.subtract(removed[1][0])
    actor_rows = [{"actor_id": actor, "events": n} for actor, n in actor_delta.items() if n]
    pair_delta = Counter(added[1][1])
    pair_delta.subtract(removed[1][1])
    pair_rows = [{"actor_id": a, "other_id": b, "events": n} for (a, b), n in pair_delta.items() if n]
    t, a, p = schema.event_tallies, schema.actor_tallies, schema.actor_pair_tallies
    if rows:
        upsert(conn, t, [t.c.key], MEASURES, rows)
        conn.execute(t.delete().where(t.c.events <= 0))
    if actor_rows:
        upsert(conn, a, [a.c.actor_id], ("events",), actor_rows)
        conn.execute(a.delete().where(a.c.events <= 0))
    if pair_rows:
        upsert(conn, p, [p.c.actor_id, p.c.other_id], ("events",), pair_rows)
        conn.execute(p.delete().where(p.c.events <= 0))


def upsert(
    conn: Connection, table: sa.Table, key: list[Any], measures: Sequence[str], rows: list[dict[str, Any]],
    smallest: Sequence[str] = (),
) -> None:
    """Insert ``rows``, or add their ``measures`` to the rows already under their key (and keep the
    smaller of the old and the new value of each column of ``smallest``; a new NULL keeps the old)."""
    insert = schema.upsert_insert(conn.dialect.name, table)
    least = {
        c: sa.case(
            (insert.excluded[c].is_(None), table.c[c]),
            (sa.or_(table.c[c].is_(None), insert.excluded[c] < table.c[c]), insert.excluded[c]),
            else_=table.c[c],
        )
        for c in smallest
    }
    statement = insert.on_conflict_do_update(
        index_elements=key, set_={**{m: table.c[m] + insert.excluded[m] for m in measures}, **least}
    )
    for start in range(0, len(rows), _CHUNK):
        conn.execute(statement, rows[start : start + _CHUNK])


def rebuild_tallies(conn: Connection) -> None:
    """Recompute both tables from the events (migration 0006; a linking run that replaces every event)."""
    e, ea = schema.events, schema.event_actors
    for table in (schema.event_tallies, schema.actor_tallies, schema.actor_pair_tallies):
        conn.execute(table.delete())
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
    _insert(conn, schema.event_tallies, rows)
    actors = conn.execute(sa.select(ea.c.actor_id, sa.func.count()).group_by(ea.c.actor_id)).all()
    _insert(conn, schema.actor_tallies, [{"actor_id": actor, "events": n} for actor, n in actors])
    a, b = ea.alias("a"), ea.alias("b")
    pairs = conn.execute(
        sa.select(a.c.actor_id, b.c.actor_id, sa.func.count())
        .select_from(a.join(b, a.c.event_id == b.c.event_id))
        .where(a.c.actor_id != b.c.actor_id)
        .group_by(a.c.actor_id, b.c.actor_id)
    ).all()
    _insert(conn, schema.actor_pair_tallies, [{"actor_id": x, "other_id": y, "events": n} for x, y, n in pairs])


def _insert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), _CHUNK):
        conn.execute(table.insert(), rows[start : start + _CHUNK])
