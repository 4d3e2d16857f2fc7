"""The dashboard's figures composed from the store's aggregates agree with counting the events."""

from __future__ import annotations

from collections import Counter

import pytest
from tests.fixtures.synthetic import synthetic_events

from eventledger.analyze import queries
from eventledger.models import ActorRole, Article, ArticleExtraction, Event, Report
from eventledger.store import EventFilter, open_store

EVENTS = list(synthetic_events(400, seed=3))


@pytest.fixture
def store(any_store):
    """The synthetic events on each backend (SQLite, PostgreSQL when one is configured)."""
    any_store.save_events(EVENTS)
    return any_store


def test_overview_totals_and_months_match_the_events(store):
    result = queries.overview(store, EventFilter(kind="attack"))
    attacks = [e for e in EVENTS if e.kind == "attack"]
    assert result["totals"]["events"] == len(attacks)
    assert result["totals"]["killed"] == sum(e.killed_best or 0 for e in attacks)
    expected = Counter((e.date[:7], e.sub_event_type) for e in attacks)
    assert result["monthly"] == sorted((m, k, n) for (m, k), n in expected.items())


def test_tally_by_admin1_matches_counting(store):
    rows = queries.tally(store, ("admin1",), EventFilter(kind="protest"))["rows"]
    expected = Counter(e.admin1 for e in EVENTS if e.kind == "protest")
    assert {r["admin1"]: r["count"] for r in rows} == dict(expected)


def test_tally_names_missing_values_unknown_and_sorts_them_last(tmp_path):
    with open_store(str(tmp_path / "t.db")) as s:
        s.save_events([
            Event(id="a", kind="attack", report_ids=("ra",), date="2020", date_precision="year"),
            Event(id="b", kind="attack", report_ids=("rb",), date="2020-02-01", date_precision="day", admin1="Anbar"),
        ])
        rows = queries.tally(s, ("month", "admin1"))["rows"]
    assert [(r["month"], r["admin1"], r["count"]) for r in rows] == [("2020-02", "Anbar", 1), ("unknown", "unknown", 1)]




def test_actor_names_are_the_names_reports_use_most(tmp_path):
    article = Article.create("Abu X's men attacked. Abou X denied it.", title="t")
    reports = tuple(
        Report(id=f"r{i}", article_id=article.id, kind="attack", index=i, actors=(ActorRole("unk:abu_x", name, "perpetrator"),))
        for i, name in enumerate(["Abu X", "Abou X", "Abu X"])
    )
    with open_store(str(tmp_path / "names.db")) as s:
        s.add_articles([article])
        s.save_extractions([ArticleExtraction(article_id=article.id, reports=reports)])
        s.save_events([Event(id="e1", kind="attack", report_ids=("r0", "r1", "r2"), actors=("unk:abu_x",))])
        assert queries.actor_names(s, ["unk:abu_x", "unk:nobody"]) == {"unk:abu_x": "Abu X"}
        assert queries.actor_names(s, []) == {}
