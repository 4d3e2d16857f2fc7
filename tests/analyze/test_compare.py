"""Before and after an order or a ceasefire: the attacks around it, per month or week.

The store is our own fixture articles (tests/fixtures/compare/) run through the real pipeline:
Kataib Hezbollah declares a ceasefire on 10 March 2021; it attacked Balad on 15 February and
Baghdad airport on 12 April; a roadside bomb nobody claimed hit a convoy on 22 February; Islamic
State attacked a checkpoint in Kirkuk on 19 March. The seeds' test runs on ../shared when present.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventledger.analyze.compare import compare_event, concerned_actors, periods_around
from eventledger.errors import EventledgerError, SettingsError
from eventledger.kb import load_actors
from eventledger.models import Event
from eventledger.pipeline import Pipeline
from eventledger.settings import Settings
from eventledger.store import Store, open_store

FIXTURES = Path(__file__).parent.parent / "fixtures" / "compare"


@pytest.fixture(scope="module")
def compare_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = str(tmp_path_factory.mktemp("compare") / "compare.db")
    with open_store(db) as store:
        Pipeline(store, Settings(db=db)).run([str(FIXTURES)])
        # an attack dated only to the month, and a ceasefire dated only to the month
        store.save_events([
            Event(id="ev-month-only", kind="attack", date="2021-04", date_precision="month", country="Iraq",
                  report_ids=("r-month-only",)),
            Event(id="ev-ceasefire-month", kind="ceasefire", date="2021-03", date_precision="month",
                  country="Iraq", actors=("kataib_hezbollah",), report_ids=("r-ceasefire-month",)),
        ])
        yield store


def _ceasefire(store: Store) -> str:
    found = [e.id for e in store.list_events(limit=None) if e.kind == "ceasefire" and e.date == "2021-03-10"]
    assert len(found) == 1, found
    return found[0]


def _counts(result: dict) -> dict[str, tuple[int, int, int, int]]:
    return {r["period"]: (r["by_them"], r["by_others"], r["unattributed"], r["count"]) for r in result["periods"]}


def test_counts_the_attacks_per_month_by_them_by_others_and_unattributed(compare_store):
    result = compare_event(compare_store, _ceasefire(compare_store), load_actors(), before=1, after=1)
    assert [a["name"] for a in result["concerns"]] == ["Kataib Hezbollah"]
    assert _counts(result) == {"2021-02": (1, 0, 1, 2), "2021-03": (0, 1, 0, 1), "2021-04": (1, 0, 1, 2)}
    assert (result["before"]["count"], result["during"]["count"], result["after"]["count"]) == (2, 1, 2)
    march = next(r for r in result["periods"] if r["period"] == "2021-03")["events"]
    assert [(e["date"], e["relation"], [p["name"] for p in e["perpetrators"]]) for e in march] == [
        ("2021-03-19", "after", ["Islamic State"])
    ]


def test_counts_per_week_and_lists_month_only_attacks_apart(compare_store):
    result = compare_event(compare_store, _ceasefire(compare_store), load_actors(), by="week", before=4, after=5)
    counts = {k: v for k, v in _counts(result).items() if v[3]}
    assert counts == {"2021-W07": (1, 0, 0, 1), "2021-W08": (0, 0, 1, 1), "2021-W11": (0, 1, 0, 1),
                      "2021-W15": (1, 0, 0, 1)}
    assert next(r for r in result["periods"] if r["offset"] == 0)["period"] == "2021-W10"
    assert [e["id"] for e in result["unplaced"]] == ["ev-month-only"]


def test_an_event_dated_to_the_month_compares_by_month_only(compare_store):
    result = compare_event(compare_store, "ev-ceasefire-month", load_actors(), before=1, after=1)
    assert _counts(result)["2021-03"] == (0, 1, 0, 1)
    with pytest.raises(SettingsError, match="compare it --by month"):
        compare_event(compare_store, "ev-ceasefire-month", load_actors(), by="week")


def test_other_actors_can_replace_those_the_event_concerns(compare_store):
    result = compare_event(compare_store, _ceasefire(compare_store), load_actors(), before=1, after=1,
                           actors=["islamic_state"])
    assert _counts(result)["2021-03"] == (1, 0, 0, 1)
    assert _counts(result)["2021-02"] == (0, 1, 1, 2)


@pytest.mark.parametrize(("args", "message"), [({"by": "year"}, "compare by week or month")])
def test_a_bad_period_is_a_clear_error(compare_store, args, message):
    with pytest.raises(EventledgerError, match=message):
        compare_event(compare_store, _ceasefire(compare_store), load_actors(), **args)


def test_the_mediator_and_the_government_are_not_whose_attacks_a_ceasefire_concerns():
    event = Event(id="e", kind="ceasefire", actors=("qaani", "kadhimi", "kataib_hezbollah", "ap"), report_ids=())
    assert concerned_actors(event, load_actors()) == ["kataib_hezbollah"]
    talks = Event(id="t", kind="meeting", actors=("qaani", "kadhimi", "ap"), report_ids=())
    assert concerned_actors(talks, load_actors()) == ["qaani", "kadhimi"]


@pytest.mark.parametrize(
    ("day", "by", "labels"),
    [
        (dt.date(2021, 1, 15), "month", ["2020-12", "2021-01", "2021-02"]),
        (dt.date(2021, 1, 3), "week", ["2020-W52", "2020-W53", "2021-W01"]),  # a Sunday in ISO week 53
    ],
)
def test_periods_cross_the_year(day, by, labels):
    assert [p.label for p in periods_around(day, by, 1, 1)] == labels


@pytest.mark.slow
def test_the_seeds_ceasefire_and_order_against_the_monthly_attacks(tmp_path, shared_dir):
    seeds = shared_dir / "corpus" / "seeds"
    if len(list(seeds.glob("*.txt"))) != 4:
        pytest.skip("the four seed articles are not in ../shared/corpus/seeds")
    db = str(tmp_path / "seeds.db")
    with open_store(db) as store:
        Pipeline(store, Settings(db=db)).run([str(seeds)])
        events = store.list_events(limit=None)
        ceasefire = next(e.id for e in events if e.kind == "ceasefire" and e.date == "2020-10-11")
        order = next(e.id for e in events if e.kind == "meeting" and e.date == "2020-11-18" and "qaani" in e.actors
                     and e.admin1 == "Baghdad")
        totals = {}
        for event_id in (ceasefire, order):
            result = compare_event(store, event_id, load_actors(), before=2, after=2)
            totals[event_id] = {r["period"]: r["count"] for r in result["periods"] if r["count"]}
    assert totals[ceasefire] == {"2020-10": 7, "2020-11": 1, "2020-12": 8}
    assert totals[order] == {"2020-10": 7, "2020-11": 1, "2020-12": 8}
