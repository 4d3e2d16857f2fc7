"""The places summary kept on write: located events per place and per the filters the map layer
takes (migration 0008_place_tallies).

The dashboard's map groups the located events by coordinates (``Aggregates.map_points``); over a
million events that is a second per request. ``place_tallies`` holds one row per combination of
:data:`PLACE_DIMENSIONS` with the events' count, their casualties and the smallest event id (the
map's example event), so the map reads a few thousand rows when its filters are among
:data:`PLACE_FILTERS`. Like :mod:`eventledger.store.tallies`, ``Store._write_events`` updates it
in the transaction that writes the events: counts by deltas, and the example id of a row that
lost events by reading the smallest id left at its coordinates (index ``ix_events_place``).
``tests/store/test_places.py`` compares the map from the summary with the map from the events.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from eventledger.store import schema
from eventledger.store.tallies import upsert

# The events columns a place_tallies row is keyed by; the map filters on the last five.
PLACE_DIMENSIONS = ("latitude", "longitude", "place", "admin1", "kind", "event_type", "sub_event_type", "country")
PLACE_FILTERS = ("kind", "event_type", "sub_event_type", "country", "admin1")
_MEASURES = ("events", "killed", "wounded")
_CHUNK = 500

Dims = tuple[Any, ...]
# events, killed, wounded, the smallest event id added (None when none was)
PlaceCounts = dict[Dims, list[Any]]


def _key(dims: Dims) -> str:
    """The dimensions as a JSON array; coordinates as floats, as the database gives them back."""
    return json.dumps([float(v) if i < 2 and v is not None else v for i, v in enumerate(dims)], ensure_ascii=False)


def place_contributions(rows: Iterable[Mapping[Any, Any]]) -> PlaceCounts:
    """What events rows (mappings of the events table's columns, ``id`` included) add to the places
    summary: located events only."""
    found: PlaceCounts = {}
    for row in rows:
        if row["latitude"] is None or row["longitude"] is None:
            continue
        counts = found.setdefault(tuple(row[name] for name in PLACE_DIMENSIONS), [0, 0, 0, None])
        counts[0] += 1
        counts[1] += row["killed"] or 0
        counts[2] += row["wounded"] or 0
        counts[3] = row["id"] if counts[3] is None else min(counts[3], row["id"])
    return found


def stored_place_contributions(conn: Connection, event_ids: Sequence[str]) -> PlaceCounts:
    """What the stored events ``event_ids`` add to the places summary."""
    e = schema.events
    columns = [e.c[name] for name in PLACE_DIMENSIONS] + [e.c.killed, e.c.wounded, e.c.id]
    found: PlaceCounts = {}
    ids = list(dict.fromkeys(event_ids))
    for start in range(0, len(ids), _CHUNK):
        rows = conn.execute(sa.select(*columns).where(e.c.id.in_(ids[start : start + _CHUNK])))
        for dims, counts in place_contributions(row._mapping for row in rows).items():
            total = found.setdefault(dims, [0, 0, 0, None])
            for i in range(3):
                total[i] += counts[i]
            total[3] = counts[3] if total[3] is None else min(total[3], counts[3])
    return found


def update_places(conn: Connection, removed: PlaceCounts, added: PlaceCounts) -> None:
    """Apply to ``place_tallies`` what events left (``removed``, read before they were deleted) and
    what came (``added``); call it after the events table holds the new events.

    A row's example id needs the events only when its example left and no smaller id came (an
    event rewritten in place under its id, as a re-link writes most, keeps it)."""
    p = schema.place_tallies
    lost = _lost_examples(conn, removed, added)
    deltas: PlaceCounts = {}
    for sign, counts in ((-1, removed), (1, added)):
        for dims, c in counts.items():
            delta = deltas.setdefault(dims, [0, 0, 0, None])
            for i in range(3):
                delta[i] += sign * c[i]
            if sign > 0:
                delta[3] = c[3]
    rows = [
        {"key": _key(dims), **dict(zip(PLACE_DIMENSIONS, dims, strict=True)),
         **dict(zip(_MEASURES, d[:3], strict=True)), "example_id": d[3]}
        for dims, d in deltas.items()
        if any(d[:3]) or d[3] is not None
    ]
    if rows:
        upsert(conn, p, [p.c.key], _MEASURES, rows, smallest=("example_id",))
        conn.execute(p.delete().where(p.c.events <= 0))
    if lost:
        _renew_examples(conn, lost)


def _lost_examples(conn: Connection, removed: PlaceCounts, added: PlaceCounts) -> set[str]:
    """The keys of the rows whose example event is among ``removed`` and not replaced by a smaller
    or equal id among ``added`` (read before the upsert)."""
    p = schema.place_tallies
    keys = {_key(dims): (c[3], added[dims][3] if dims in added else None) for dims, c in removed.items()}
    lost: set[str] = set()
    names = list(keys)
    for start in range(0, len(names), _CHUNK):
        query = sa.select(p.c.key, p.c.example_id).where(p.c.key.in_(names[start : start + _CHUNK]))
        for key, example in conn.execute(query):
            gone, came = keys[key]
            if gone == example and (came is None or came > example):
                lost.add(key)
    return lost


def _renew_examples(conn: Connection, keys: set[str]) -> None:
    """Set the example id of the rows ``keys`` (that lost events) to the smallest id left in each."""
    e, p = schema.events, schema.place_tallies
    coordinates = sorted({tuple(json.loads(key)[:2]) for key in keys})
    dims = [e.c[name] for name in PLACE_DIMENSIONS]
    examples: list[dict[str, Any]] = []
    for start in range(0, len(coordinates), 200):
        query = (
            sa.select(*dims, sa.func.min(e.c.id))
            .where(sa.tuple_(e.c.latitude, e.c.longitude).in_(coordinates[start : start + 200]))
            .group_by(*dims)
        )
        for row in conn.execute(query):
            key = _key(tuple(row[: len(PLACE_DIMENSIONS)]))
            if key in keys:
                examples.append({"k": key, "example": row[-1]})
    if examples:
        statement = p.update().where(p.c.key == sa.bindparam("k")).values(example_id=sa.bindparam("example"))
        conn.execute(statement, examples)


def rebuild_places(conn: Connection) -> None:
    """Recompute ``place_tallies`` from the events (migration 0008)."""
    e, p = schema.events, schema.place_tallies
    conn.execute(p.delete())
    dims = [e.c[name] for name in PLACE_DIMENSIONS]
    query = (
        sa.select(
            *dims,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(e.c.killed), 0),
            sa.func.coalesce(sa.func.sum(e.c.wounded), 0),
            sa.func.min(e.c.id),
        )
        .where(e.c.latitude.is_not(None), e.c.longitude.is_not(None))
        .group_by(*dims)
    )
    rows = []
    for row in conn.execute(query):
        values = tuple(row[: len(PLACE_DIMENSIONS)])
        rows.append({"key": _key(values), **dict(zip(PLACE_DIMENSIONS, values, strict=True)),
                     **dict(zip((*_MEASURES, "example_id"), row[len(PLACE_DIMENSIONS) :], strict=True))})
    for start in range(0, len(rows), _CHUNK):
        conn.execute(p.insert(), rows[start : start + _CHUNK])
