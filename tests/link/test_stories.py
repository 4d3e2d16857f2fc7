"""Story clusters and their labels (eventledger.link.stories)."""

import datetime as dt

import pytest

from eventledger.link import build_stories, link_reports
from eventledger.link.stories import period_label

from .factory import info, report, seed_like


def test_seed_shaped_articles_form_one_story():
    reports, articles = seed_like()
    events = link_reports(reports, articles)
    stories = build_stories(events, reports, articles)
    assert len(stories) == 1
    story = stories[0]
    assert story.article_ids == ("a0", "a1", "a2", "a3")
    assert set(story.event_ids) == {e.id for e in events}
    assert story.label.startswith("Kataib Hezbollah")
    assert "ceasefire" in story.label and "meeting" in story.label and "attack" in story.label
    assert story.label.endswith("(Oct–Dec 2020)")


def _visit(report_id, article, date, actors, place="Erbil"):
    return report(
        report_id,
        article,
        kind="meeting",
        date=date,
        date_precision="day",
        admin1=place,
        place=place,
        actors=[(a, "participant") for a in actors],
    )


def test_shared_actors_within_weeks_join_articles_without_a_common_event():
    reports = [
        _visit("x1", "art-x", "2021-06-01", ["envoy", "governor"]),
        _visit("y1", "art-y", "2021-06-20", ["envoy", "governor", "mayor"], place="Duhok"),
        _visit("z1", "art-z", "2021-06-10", ["envoy", "banker"], place="Zakho"),  # one shared actor only
        _visit("w1", "art-w", "2021-10-01", ["envoy", "governor"], place="Kirkuk"),  # months later
    ]
    events = link_reports(reports, {})
    assert len(events) == 4
    stories = {s.article_ids for s in build_stories(events, reports, {})}
    assert stories == {("art-x", "art-y"), ("art-z",), ("art-w",)}


def test_stories_do_not_depend_on_input_order():
    reports, articles = seed_like()
    events = link_reports(reports, articles)
    assert build_stories(events, reports, articles) == build_stories(events[::-1], reports[::-1], articles)


def test_story_sets_nothing_on_events():
    reports, articles = seed_like()
    events = link_reports(reports, articles)
    build_stories(events, reports, articles)
    assert all(e.story_id is None for e in events)


def test_undated_story_uses_publication_dates_and_says_date_unknown():
    reports = [
        _visit("u1", "art-u", None, ["envoy", "governor"]),
        _visit("v1", "art-v", None, ["envoy", "governor"], place="Basra"),
    ]
    articles = {"art-u": info("art-u", "U", "2021-03-01"), "art-v": info("art-v", "V", "2021-03-09")}
    events = link_reports(reports, articles)
    stories = build_stories(events, reports, articles)
    assert [s.article_ids for s in stories] == [("art-u", "art-v")]
    assert stories[0].label.endswith("(date unknown)")


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2020-11-02", "2020-11-30", "Nov 2020"),
        ("2020-10-11", "2020-12-20", "Oct–Dec 2020"),
        ("2020-12-11", "2021-01-20", "Dec 2020–Jan 2021"),
    ],
)
def test_period_label(first, last, expected):
    days = [dt.date.fromisoformat(first).toordinal(), dt.date.fromisoformat(last).toordinal()]
    assert period_label(days) == expected


def test_pairs_counted_a_range_at_a_time_give_the_same_stories(monkeypatch):
    from eventledger.link import link_reports, stories

    from .test_windows import _spread

    reports, articles = _spread(2, 400, 90)
    events = link_reports(reports, articles)
    whole = stories.build_stories(events, reports, articles)
    monkeypatch.setattr(stories, "_PAIRS_AT_ONCE", 7)  # many rounds of a few pairs
    assert stories.build_stories(events, reports, articles) == whole
    assert len(whole) > 3 and any(len(s.article_ids) > 2 for s in whole)
