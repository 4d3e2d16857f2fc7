"""The summary tables (event_tallies, actor_tallies, actor_pair_tallies) answer what the events answer, after every
kind of write: inserts, re-links that change events in place, full re-links, corrections and
deletes; and migration 0006 fills them from the events already stored."""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

import pytest
import sqlalchemy as sa
from tests.fixtures.synthetic import synthetic_events
from tests.store.test_actors import migrate

from eventledger.models import Event
from eventledger.store import EventFilter, Store, upgrade
from eventledger.store import schema as tables
from eventledger.store.tallies import rebuild_tallies

EVENTS = list(synthetic_events(300, seed=11))


def _undated_and_odd(events: list[Event]) -> list[Event]:
    """Events with what groups apart: no date, a year only, no coordinates, no casualties, no admin1."""
    return [
        dataclasses.replace(events[0], id="odd-1", date=None, date_precision=None, latitude=None, longitude=None),
        dataclasses.replace(events[1], id="odd-2", date="2020", date_precision="year", killed_best=None, wounded_best=None),
        dataclasses.replace(events[2], id="odd-3", admin1=None, sub_event_type=None, event_type=None, actors=()),
        dataclasses.replace(events[3], id="odd-4", admin1="", weapon="car bomb"),
    ]


SUMMARIES = (tables.event_tallies, tables.actor_tallies, tables.actor_pair_tallies)
Snapshot = list[set[tuple[Any, ...]]]


def _tables(store: Store) -> Snapshot:
    with store.engine.connect() as conn:
        return [{tuple(row) for row in conn.execute(sa.select(table))} for table in SUMMARIES]


def _rebuilt(store: Store) -> Snapshot:
    """The summary tables as a GROUP BY over the events makes them now (rolled back after reading)."""
    with store.engine.connect() as conn:
        transaction = conn.begin()
        rebuild_tallies(conn)
        rows = [{tuple(row) for row in conn.execute(sa.select(table))} for table in SUMMARIES]
        transaction.rollback()
    return rows


def _tally(events: list[Event], by: tuple[str, ...]) -> list[dict[str, Any]]:
    groups: dict[tuple[Any, ...], Counter[str]] = {}
    for e in events:
        values = {"month": e.date[:7] if e.date and len(e.date) >= 7 else None, "year": e.date[:4] if e.date else None}
        key = tuple(values[name] if name in values else getattr(e, name) for name in by)
        groups.setdefault(key, Counter()).update(count=1, killed=e.killed_best or 0, wounded=e.wounded_best or 0)
    return [{**dict(zip(by, key, strict=True)), **{m: c[m] for m in ("count", "killed", "wounded")}} for key, c in groups.items()]


def assert_summaries_agree(store: Store) -> None:
    """The tables equal a fresh GROUP BY over the events, and every read served from them equals
    counting the stored events one by one."""
    assert _tables(store) == _rebuilt(store)
    events = store.list_events(limit=None)
    by_id = {e.id: e for e in events}
    assert len(by_id) == len(events)

    def sort_key(row: dict[str, Any], by: tuple[str, ...]) -> tuple[Any, ...]:
        return tuple((row[name] is None, row[name] or "") for name in by)

    for by in (("month", "sub_event_type"), ("year", "admin1"), ("kind",), ("weapon", "date_precision", "country")):
        got = store.tally_rows(by)
        assert sorted(got, key=lambda r, by=by: sort_key(r, by)) == sorted(_tally(events, by), key=lambda r, by=by: sort_key(r, by))
        assert [sort_key(r, by) for r in got] == sorted(sort_key(r, by) for r in got)  # missing values last
    for name in ("sub_event_type", "admin1", "month", "year"):
        values = {getattr(e, name) if name not in ("month", "year") else r for e in events
                  for r in [_tally([e], (name,))[0][name]]}
        assert store.distinct_values(name, limit=None) == sorted(v for v in values if v)
    for f in (None, EventFilter(kind="attack"), EventFilter(admin1="baghdad"), EventFilter(admin1="BASRA", kind="attack", month="2020-05")):
        selected = [e for e in events if _selects(f, e)]
        assert store.count_events_indexed(f) == len(selected) == store.count_events(f)
        monthly = {(m, v): (n, k, w, loc) for m, v, n, k, w, loc in store.monthly_groups("sub_event_type", f)}
        expected: dict[tuple[Any, Any], Counter[str]] = {}
        for e in selected:
            key = (e.date[:7] if e.date and len(e.date) >= 7 else None, e.sub_event_type)
            expected.setdefault(key, Counter()).update(
                n=1, k=e.killed_best or 0, w=e.wounded_best or 0, loc=int(e.latitude is not None)
            )
        assert monthly == {key: (c["n"], c["k"], c["w"], c["loc"]) for key, c in expected.items()}
    actors = Counter(a for e in events for a in dict.fromkeys(e.actors))
    assert store.top_actors(None, limit=1000) == [
        {"actor_id": a, "events": n} for a, n in sorted(actors.items(), key=lambda item: (-item[1], item[0]))
    ]
    assert store.count_actors() == len(actors)
    named = [a for a in actors if a.startswith("actor:group_1")]
    store.save_actors([{"id": a, "name": a.split(":")[1], "kind": None, "aliases": "[]", "country": None,
                        "inter_code": None, "affiliations": "[]", "wikidata": None, "origin": "reports"} for a in named])
    found = {r["id"]: r["events"] for r in store.find_actors("group_1", limit=100)}  # rows of earlier calls too
    assert set(named) <= set(found) and found == {a: actors[a] for a in found}
    for actor in list(actors)[:5]:
        shared = Counter(b for e in events if actor in e.actors for b in dict.fromkeys(e.actors) if b != actor)
        assert store.co_actors(actor, limit=1000) == [
            {"actor_id": b, "events": n} for b, n in sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        ]
    for actor in list(actors)[:3] + ["actor:nobody"]:
        assert store.count_events_indexed(EventFilter(actor=actor)) == actors[actor] == store.count_events(EventFilter(actor=actor))
    stats = store.stats()
    assert (stats["events"], stats["attacks"]) == (len(events), sum(e.kind == "attack" for e in events))


def _selects(f: EventFilter | None, e: Event) -> bool:
    if f is None:
        return True
    month = e.date[:7] if e.date and len(e.date) >= 7 else None
    return (
        (not f.kind or e.kind == f.kind)
        and (not f.admin1 or (e.admin1 or "").lower() == f.admin1.lower())
        and (not f.month or month == f.month)
    )


def test_inserts_in_batches(any_store):
    any_store.save_events(EVENTS[:120])
    assert_summaries_agree(any_store)
    any_store.save_events(EVENTS[120:] + _undated_and_odd(EVENTS))
    assert_summaries_agree(any_store)
    assert any_store.count_events_indexed() == len(EVENTS) + 4


def test_relinks_change_events_in_place_and_replace_them_all(any_store):
    any_store.save_events(EVENTS + _undated_and_odd(EVENTS))
    # a re-link rewrites events under their ids with other places, counts and actors, and merges two
    changed = [
        dataclasses.replace(e, admin1="Anbar", killed_best=(e.killed_best or 0) + 4, actors=(*e.actors[1:], "actor:new_group"))
        for e in EVENTS[:40]
    ]
    merged = dataclasses.replace(EVENTS[50], report_ids=EVENTS[50].report_ids + EVENTS[51].report_ids)
    any_store.save_linking([*changed, merged], [], remove=[EVENTS[51].id], retired={EVENTS[51].id: EVENTS[50].id})
    assert_summaries_agree(any_store)
    assert any_store.count_events_indexed(EventFilter(actor="actor:new_group")) == 40
    # the same events written again change nothing
    any_store.save_events(changed)
    assert_summaries_agree(any_store)
    # a full re-link replaces every event
    any_store.save_linking(EVENTS[100:180], [], replace_all=True)
    assert_summaries_agree(any_store)
    assert any_store.count_events_indexed() == 80
    any_store.save_events([], replace_all=True)
    assert_summaries_agree(any_store)
    assert any_store.tally_rows(("month",)) == [] and any_store.top_actors(None) == [] and any_store.distinct_values("admin1") == []


def test_corrections_and_deletes(any_store):
    any_store.save_events(EVENTS + _undated_and_odd(EVENTS))
    fixed = dataclasses.replace(EVENTS[5], sub_event_type="Armed clash", event_type="Battles", killed_best=12)
    any_store.save_corrections([fixed], remove=[EVENTS[6].id, "odd-1"], retired={}, statuses={})
    assert_summaries_agree(any_store)
    # deleting every event of one governorate drops its rows: it is no longer a filter choice
    basra = [e.id for e in EVENTS if e.admin1 == "Basra"]
    any_store.save_events([], remove=basra + basra[:3] + ["no-such-event"])
    assert_summaries_agree(any_store)
    assert "Basra" not in any_store.distinct_values("admin1")
    assert any_store.count_events_indexed(EventFilter(admin1="Basra")) == 0


def test_a_failed_write_leaves_the_summaries_as_they_were(any_store):
    any_store.save_events(EVENTS[:50])
    before = _tables(any_store)
    duplicate = [EVENTS[60], EVENTS[60]]  # the same id twice: the insert fails, the transaction rolls back
    with pytest.raises(sa.exc.IntegrityError):
        any_store.save_events(duplicate, remove=[EVENTS[0].id])
    assert _tables(any_store) == before
    assert_summaries_agree(any_store)


def test_migration_fills_the_tables_from_the_events_already_stored(any_store):
    any_store.save_events(EVENTS + _undated_and_odd(EVENTS))
    expected = _tables(any_store)
    migrate(any_store, "0005_stable_ids_and_edits", down=True)  # the store as migration 0005 left it
    assert not {t.name for t in SUMMARIES} & set(sa.inspect(any_store.engine).get_table_names())
    upgrade(any_store.engine)
    assert _tables(any_store) == expected
    assert_summaries_agree(any_store)


def test_concurrent_writers_of_the_same_events_leave_summaries_that_agree(db_url):
    """Writers that replace the same events at once: whatever they commit, the counts agree (on
    PostgreSQL writes of events queue on a lock; SQLite refuses a write whose reads went stale)."""
    import threading

    from eventledger.store import open_store

    with open_store(db_url) as store:
        store.save_events(EVENTS[:60])
    errors: list[BaseException] = []

    def writer(seed: int) -> None:
        with open_store(db_url, migrate=False) as own:  # migrated above: alembic is not for threads
            for round_ in range(6):
                changed = [
                    dataclasses.replace(e, admin1=("Anbar", "Basra", "Najaf")[(seed + round_) % 3], actors=(f"actor:w{seed}",))
                    for e in EVENTS[(seed * 7) % 20 : 40]
                ]
                try:
                    own.save_events(changed, remove=[EVENTS[40 + seed * 3 + round_ % 3].id])
                except sa.exc.OperationalError as exc:  # SQLite: busy or stale snapshot, rolled back
                    if own.dialect != "sqlite":
                        errors.append(exc)

    threads = [threading.Thread(target=writer, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with open_store(db_url) as store:
        assert_summaries_agree(store)
