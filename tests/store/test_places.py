"""The places summary (place_tallies) gives the map layer what grouping the events gives, after
inserts, re-links, corrections and deletes, on both backends; migration 0008 fills it from the
events already stored."""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa
from tests.fixtures.synthetic import synthetic_events
from tests.store.test_actors import migrate

from eventledger.models import Event
from eventledger.store import EventFilter, Store, upgrade
from eventledger.store import schema as tables
from eventledger.store.places import rebuild_places

EVENTS = list(synthetic_events(300, seed=5))
FILTERS = (
    None,
    EventFilter(kind="attack"),
    EventFilter(kind="protest", admin1="baghdad"),
    EventFilter(admin1="BASRA", sub_event_type="Armed clash"),
    EventFilter(event_type="Battles", country="Iraq"),
    EventFilter(admin1="nowhere"),
)


def _odd(events: list[Event]) -> list[Event]:
    """Events that group apart: no coordinates, one coordinate, no place or admin1, integer
    coordinates, and places that share coordinates under other names."""
    return [
        dataclasses.replace(events[0], id="odd-1", latitude=None, longitude=None),
        dataclasses.replace(events[1], id="odd-2", longitude=None),
        dataclasses.replace(events[2], id="odd-3", place=None, admin1=None, killed_best=None, wounded_best=None),
        dataclasses.replace(events[3], id="odd-4", latitude=33, longitude=44),
        dataclasses.replace(events[4], id="aaa-5", latitude=33.0, longitude=44.0, place="Another name", admin1="Baghdad"),
        dataclasses.replace(events[5], id="odd-6", latitude=events[6].latitude, longitude=events[6].longitude, place="A"),
    ]


def _expected(events: list[Event], f: EventFilter | None) -> list[dict[str, Any]]:
    """The map's points counted from the events one by one."""
    groups: dict[tuple[float, float], list[Event]] = {}
    for e in events:
        if e.latitude is None or e.longitude is None:
            continue
        if f is not None and not all(
            (not getattr(f, name) or getattr(e, name) == getattr(f, name)) for name in ("kind", "event_type", "sub_event_type", "country")
        ):
            continue
        if f is not None and f.admin1 and (e.admin1 or "").lower() != f.admin1.lower():
            continue
        groups.setdefault((float(e.latitude), float(e.longitude)), []).append(e)

    def smallest(values: list[Any]) -> Any:
        present = [v for v in values if v is not None]
        return min(present) if present else None

    points = [
        {"latitude": lat, "longitude": lon, "place": smallest([e.place for e in es]), "admin1": smallest([e.admin1 for e in es]),
         "events": len(es), "killed": sum(e.killed_best or 0 for e in es), "wounded": sum(e.wounded_best or 0 for e in es),
         "example_id": min(e.id for e in es)}
        for (lat, lon), es in groups.items()
    ]
    return sorted(points, key=lambda p: (-p["events"], p["latitude"], p["longitude"]))


def _table(store: Store) -> set[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return {tuple(row) for row in conn.execute(sa.select(tables.place_tallies))}


def assert_map_agrees(store: Store) -> None:
    """The summary equals a fresh GROUP BY over the events, and the map read from it equals the map
    grouped from the events and the map counted in Python."""
    with store.engine.connect() as conn:
        transaction = conn.begin()
        rebuild_places(conn)
        rebuilt = {tuple(row) for row in conn.execute(sa.select(tables.place_tallies))}
        transaction.rollback()
    assert _table(store) == rebuilt
    events = store.list_events(limit=None)
    for f in FILTERS:
        expected = _expected(events, f)
        assert store.map_points(f, limit=5000) == expected
        assert store._map_from_events(f, 5000) == expected
        assert store.map_points(f, limit=7) == expected[:7]


def test_the_map_reads_the_summary_only_for_the_filters_it_holds(any_store, monkeypatch):
    any_store.save_events(EVENTS)
    calls: list[str] = []
    monkeypatch.setattr(any_store, "_map_from_events", lambda f, limit: calls.append("events") or [])
    assert any_store.map_points(EventFilter(kind="attack", admin1="Basra"))
    assert calls == []
    assert any_store.map_points(EventFilter(kind="attack", month="2020-05")) == [] and calls == ["events"]


def test_inserts_relinks_corrections_and_deletes(any_store):
    any_store.save_events(EVENTS[:100])
    assert_map_agrees(any_store)
    any_store.save_events(EVENTS[100:] + _odd(EVENTS))
    assert_map_agrees(any_store)
    # an insert alone of a smaller id into places that have rows: it becomes their example event
    any_store.save_events([dataclasses.replace(EVENTS[7], id="a-0"), dataclasses.replace(EVENTS[150], id="a-1")])
    assert {"a-0", "a-1"} <= {p["example_id"] for p in any_store.map_points(None, limit=5000)}
    assert_map_agrees(any_store)
    # a re-link rewrites events in place (other places, counts, a smaller id joins a place) and removes one
    changed = [dataclasses.replace(e, admin1="Anbar", place="Ramadi", latitude=33.42, longitude=43.3,
                                   killed_best=(e.killed_best or 0) + 2) for e in EVENTS[:30]]
    any_store.save_linking([*changed, dataclasses.replace(EVENTS[40], id="a-first", latitude=33.42, longitude=43.3)],
                           [], remove=[EVENTS[41].id, "aaa-5"], retired={EVENTS[41].id: EVENTS[40].id})
    assert_map_agrees(any_store)
    any_store.save_events(changed)  # written again: nothing changes
    assert_map_agrees(any_store)
    fixed = dataclasses.replace(EVENTS[50], kind="protest", event_type="Protests", sub_event_type="Peaceful protest")
    any_store.save_corrections([fixed], remove=[EVENTS[51].id, "a-first"], retired={}, statuses={})
    assert_map_agrees(any_store)
    # a place's example event leaves as a larger id joins its row in the same write
    example = any_store.map_points(None, limit=1)[0]["example_id"]
    joins = dataclasses.replace(any_store.get_event(example), id="zzz-1")
    any_store.save_events([joins], remove=[example])
    assert any_store.map_points(None, limit=1)[0]["example_id"] not in (example, "zzz-1")
    assert_map_agrees(any_store)
    # the example event of every place is deleted: each place shows its next smallest id
    examples = [p["example_id"] for p in any_store.map_points(None, limit=5000)]
    any_store.save_events([], remove=examples + ["no-such-event"])
    assert_map_agrees(any_store)
    basra = [e.id for e in EVENTS if e.admin1 == "Basra"]
    any_store.save_events([], remove=basra)
    assert_map_agrees(any_store)
    assert any_store.map_points(EventFilter(admin1="basra")) == []
    any_store.save_linking(EVENTS[200:260], [], replace_all=True)
    assert_map_agrees(any_store)
    any_store.save_events([], replace_all=True)
    assert _table(any_store) == set() and any_store.map_points(None) == []


def test_migration_fills_the_summary_from_the_events_already_stored(any_store):
    any_store.save_events(EVENTS + _odd(EVENTS))
    expected = _table(any_store)
    assert expected
    migrate(any_store, "0007_event_list_indexes", down=True)
    assert "place_tallies" not in sa.inspect(any_store.engine).get_table_names()
    upgrade(any_store.engine)
    assert _table(any_store) == expected
    assert_map_agrees(any_store)
