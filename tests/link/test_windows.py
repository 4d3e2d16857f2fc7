"""Linking a part at a time (eventledger.link.windows) gives the events of one batch."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import numpy as np
import pytest

from eventledger.link import build_stories, link_reports
from eventledger.link.rules import load_rules
from eventledger.link.stories import stories_of
from eventledger.link.windows import link_windows

from .factory import info
from .test_bulk import _random_report

RULES = load_rules()
FIRST = dt.date(2020, 3, 1)


def _spread(seed: int, count: int, days: int):
    """Random reports (undated, year-, month-, week- and day-dated) over ``days`` days, from
    ``count // 4`` articles, so that stretches and connected parts are many."""
    rng = random.Random(seed)
    reports = []
    for number in range(count):
        made = _random_report(rng, number)
        day = FIRST + dt.timedelta(days=rng.randrange(days))
        article = f"a{rng.randrange(max(count // 4, 1))}"
        reports.append(dataclasses.replace(made, article_id=article, date=day.isoformat() if made.date else None))
    articles = {
        r.article_id: info(r.article_id, f"Outlet {rng.randrange(9)}", rng.choice([None, r.date or None]))
        for r in reports
    }
    return reports, articles


def _windowed(reports, articles, window):
    by_id = {r.id: r for r in reports}
    asked = []

    def read(ids):
        asked.append(len(ids))
        return [by_id[i] for i in reversed(ids)]  # (in any order)

    events, counted = link_windows(reports, read, articles, RULES, window=window)
    return events, counted, asked


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("window", [5, 60, 100_000])
def test_windows_give_the_events_of_one_batch(seed, window):
    reports, articles = _spread(seed, 700, 120)
    expected = link_reports(reports, articles, RULES)
    assert sum(len(e.report_ids) > 1 for e in expected) > 30  # the random set links something
    shuffled = list(reports)
    random.Random(seed).shuffle(shuffled)
    events, counted, asked = _windowed(shuffled, articles, window)
    assert events == expected
    if window < 100:  # no part read held every report
        assert max(asked) < len(reports)
    assert stories_of(events, counted.article_of, counted.names, articles) == build_stories(expected, reports, articles)


def test_dense_days_give_the_events_of_one_batch():
    # every report within two weeks: the stretches share most of their reports' partners
    reports, articles = _spread(7, 500, 14)
    assert _windowed(reports, articles, 40)[0] == link_reports(reports, articles, RULES)


def test_no_reports_no_events():
    events, counted, asked = _windowed([], {}, 10)
    assert events == [] and counted.ids == [] and asked == []


def test_a_report_given_twice_is_refused():
    reports, articles = _spread(1, 3, 5)
    with pytest.raises(ValueError, match="twice"):
        _windowed([*reports, reports[0]], articles, 10)


def test_windows_find_the_pairs_of_rare_names_as_one_batch_does():
    from .test_cluster import _busy_day_with_a_named_pair

    reports = _busy_day_with_a_named_pair()
    articles = {r.article_id: info(r.article_id) for r in reports}
    expected = link_reports(reports, articles, RULES)
    assert any(e.report_ids == ("b-first", "d-second") for e in expected)
    assert _windowed(reports, articles, 500)[0] == expected


def test_a_part_larger_than_a_window_is_merged_without_reading_it_whole(monkeypatch):
    # every report within a week: pairs chain most of them into one connected part, far larger
    # than the window; merging it reads its reports a window at a time (profiles, then events)
    import eventledger.link.windows as windows

    reports, articles = _spread(11, 400, 7)
    expected = link_reports(reports, articles, RULES)
    by_id = {r.id: r for r in reports}
    reads, parts = [], []
    scored = windows._score

    def score(*args, **kwargs):
        scored(*args, **kwargs)
        reads.clear()  # (the scoring pass reads a stretch's reports and their partners)

    batches = windows._batches

    def batched(part, window):
        parts.append(max(np.bincount(part)))
        return batches(part, window)

    monkeypatch.setattr(windows, "_score", score)
    monkeypatch.setattr(windows, "_batches", batched)
    events, _ = link_windows(reports, lambda ids: reads.append(len(ids)) or [by_id[i] for i in ids], articles, RULES, window=30)
    assert events == expected
    assert parts[0] > 30 * 3  # the part this test is about
    assert reads and max(reads) <= 30


def test_the_blocking_values_are_not_held_past_the_candidate_pairs():
    reports, articles = _spread(3, 200, 30)
    events, counted, _ = _windowed(reports, articles, 50)
    assert events == link_reports(reports, articles, RULES)
    assert counted.keys == [] and len(counted.ids) == 200
