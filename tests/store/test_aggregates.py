"""The store's dashboard reads: the index-friendly filters select exactly what the store's filters
select, and the aggregates agree with counting the events one by one."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.fixtures.sample import sample
from tests.fixtures.synthetic import ADMIN1, synthetic_events

from eventledger.store import EventFilter

EVENTS = list(synthetic_events(400, seed=3))


@pytest.fixture
def store(any_store):
    """The synthetic events on each backend (SQLite, PostgreSQL when one is configured)."""
    any_store.save_events(EVENTS)
    return any_store


filters = st.builds(
    EventFilter,
    since=st.sampled_from([None, "2019-06-01", "2020", "2021-02"]),
    until=st.sampled_from([None, "2020-12-31", "2021-06", "2019"]),
    kind=st.sampled_from([None, "attack", "protest"]),
    admin1=st.sampled_from([None, "Baghdad", "baghdad", "DHI QAR", "Nowhere", *list(ADMIN1)[:3]]),
    actor=st.sampled_from([None, "actor:group_3", "actor:group_39", "actor:none"]),
    text=st.sampled_from([None, "drone", "BASRA", "number 1"]),
    month=st.sampled_from([None, "2020-05"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters, st.sampled_from(["-date", "date", "-killed", "admin1"]))
def test_indexed_filters_select_what_the_store_selects(store, event_filter, sort):
    expected = [e.id for e in store.list_events(event_filter, sort=sort, limit=None)]
    got = [e.id for e in store.list_events_indexed(event_filter, sort=sort, limit=1000)]
    assert got == expected
    assert store.count_events_indexed(event_filter) == len(expected)


def test_event_dicts_are_the_events_as_dicts_and_the_list_without_field_values_lacks_only_those(store):
    store.save_events(list(sample().events), replace_all=True)  # events with per-field report values
    events = store.list_events_indexed(EventFilter(), sort="-date", limit=1000)
    assert any(e.fields for e in events)
    assert store.list_event_dicts_indexed(EventFilter(), sort="-date", limit=1000) == [e.as_dict() for e in events]
    bare = store.list_events_indexed(EventFilter(), sort="-date", limit=1000, field_values=False)
    assert [dataclasses.replace(e, fields={}) for e in events] == bare


def test_top_actors_and_co_actors(store):
    counts = Counter(a for e in EVENTS for a in e.actors)
    top = store.top_actors(None, limit=5)
    assert [r["events"] for r in top] == sorted(counts.values(), reverse=True)[:5]
    actor = top[0]["actor_id"]
    shared = Counter(b for e in EVENTS if actor in e.actors for b in e.actors if b != actor)
    assert {r["actor_id"]: r["events"] for r in store.co_actors(actor, limit=100)} == dict(shared)
    assert store.count_actors() == len(counts)


def test_map_points_group_by_coordinates(store):
    points = store.map_points(EventFilter(admin1="Basra"), limit=10_000)
    basra = [e for e in EVENTS if e.admin1 == "Basra"]
    assert sum(p["events"] for p in points) == len(basra)
    assert sum(p["killed"] for p in points) == sum(e.killed_best or 0 for e in basra)
    assert len(points) == len({(e.latitude, e.longitude) for e in basra})


@pytest.mark.parametrize(("sort", "offset", "limit"), [("-date", 0, 5), ("-date", 37, 20), ("-date", 0, 1000), ("date", 3, 5)])
def test_an_actor_in_most_events_lists_the_same_events_whichever_way_they_are_found(any_store, sort, offset, limit):
    """An actor in most events is listed by walking the newest events (a rare one by its own rows): same pages."""
    events = [dataclasses.replace(e, actors=(*e.actors, "actor:everywhere")) if i % 5 else e for i, e in enumerate(EVENTS)]
    any_store.save_events(events)
    for actor in ("actor:everywhere", "actor:group_3"):
        f = EventFilter(actor=actor)
        expected = [e.id for e in any_store.list_events(f, sort=sort, limit=limit, offset=offset)]
        assert [e.id for e in any_store.list_events_indexed(f, sort=sort, limit=limit, offset=offset)] == expected
    assert any_store._walk_cheaper(EventFilter(actor="actor:everywhere"), 5)
    assert not any_store._walk_cheaper(EventFilter(actor="actor:group_3"), 1000)


@pytest.mark.parametrize(("offset", "limit"), [(0, 5), (37, 20), (0, 60)])
def test_a_common_kind_lists_the_same_newest_events_walking_the_date_index(any_store, offset, limit):
    """The newest events of a kind most events have are found by walking the date index on SQLite
    (told the kind's share): the same pages as the store's own filter, and a plan without a sort."""
    any_store.save_events(EVENTS)
    common = Counter(e.kind for e in EVENTS).most_common(1)[0][0]
    for f in (EventFilter(kind=common), EventFilter(kind=common, country=EVENTS[0].country)):
        expected = [e.id for e in any_store.list_events(f, sort="-date", limit=limit, offset=offset)]
        assert [e.id for e in any_store.list_events_indexed(f, sort="-date", limit=limit, offset=offset)] == expected
    share = any_store._walk_dates(EventFilter(kind=common), "-date", limit + offset)
    if any_store.dialect != "sqlite":
        assert share is None  # PostgreSQL's planner has statistics of its own
        return
    assert share == pytest.approx(sum(e.kind == common for e in EVENTS) / len(EVENTS))
    query = any_store._page_query(EventFilter(kind=common), "-date", limit, offset)
    sql = str(query.compile(any_store.engine, compile_kwargs={"literal_binds": True}))
    with any_store.engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    assert "ix_events_date_desc" in plan
    assert any_store._walk_dates(EventFilter(kind=common, admin1="Baghdad"), "-date", 5) is None  # admin1's index holds the date
    assert any_store._walk_dates(EventFilter(kind="no such kind"), "-date", 5) is None


def test_event_heads_are_the_events_columns_and_actors(store):
    store.save_events(list(sample().events))
    for f in (EventFilter(), EventFilter(kind="attack"), EventFilter(admin1="Baghdad")):
        events = store.list_events_indexed(f, sort="-date", limit=1000)
        heads = store.list_event_heads_indexed(f, sort="-date", limit=1000)
        assert [h.id for h in heads] == [e.id for e in events]
        for head, event in zip(heads, events, strict=True):
            for name in ("kind", "sub_event_type", "date", "date_precision", "place", "admin1", "killed_best", "summary", "actors"):
                assert getattr(head, name) == getattr(event, name), (event.id, name)
    assert any(h.actors for h in heads)
