"""Stable event ids and hand corrections through the pipeline, on SQLite and PostgreSQL: ids survive
new reports and re-linking, retired ids lead to their event, corrections survive `link --full`."""

from __future__ import annotations

import pytest
from tests.store.test_store import make_article, make_event, make_report

from eventledger.errors import CorrectionError, NotFoundError
from eventledger.link.corrections import split_event_id
from eventledger.models import Article, ArticleExtraction, Edit, Event
from eventledger.pipeline import Pipeline
from eventledger.settings import Settings
from eventledger.store import Store


def add(store: Store, article: Article, day: str = "2020-12-03", **fields: object) -> str:
    """Store one article with one convoy-bomb report on ``day``; returns the report's id."""
    report = make_report(article, 0, date=day, **fields)
    store.add_articles([article])
    store.save_extractions([ArticleExtraction(article.id, (report,))])
    return report.id


def pipeline(store: Store) -> Pipeline:
    return Pipeline(store, Settings(db="unused.db"))


def event_holding(store: Store, report_id: str) -> Event:
    event_id = store.event_of_report(report_id)
    assert event_id is not None
    return store.get_event(event_id)


def two_events(store: Store) -> tuple[Event, Event]:
    """A bombing told by two outlets (3 Dec) and another told by one (20 Dec)."""
    first = add(store, make_article(1, outlet="Rudaw"))
    add(store, make_article(2, outlet="Shafaq"))
    other = add(store, make_article(3, outlet="Kurdistan24"), day="2020-12-20")
    pipeline(store).link()
    return event_holding(store, first), event_holding(store, other)


def edit(action: str, event_id: str, **fields: object) -> Edit:
    return Edit(id=None, action=action, event_id=event_id, author="analyst", reason="checked the sources", **fields)


# -- stable ids -------------------------------------------------------------------------------------


def test_an_event_keeps_its_id_when_a_report_with_a_smaller_id_joins_and_after_a_full_relink(any_store):
    articles = sorted((make_article(n, outlet=f"Outlet {n}") for n in range(1, 7)), key=lambda a: a.id)
    for article in articles[1:3]:
        add(any_store, article)
    pipeline(any_store).link()
    [before] = any_store.list_events()
    smallest = add(any_store, articles[0])
    assert smallest < min(before.report_ids)  # the report that used to rename the event
    pipeline(any_store).link()
    [after] = any_store.list_events()
    assert smallest in after.report_ids and after.id == before.id
    pipeline(any_store).link(full=True)
    assert [e.id for e in any_store.list_events()] == [before.id]


def test_retired_ids_lead_to_the_event_holding_their_reports(any_store):
    report = make_report(make_article(1), 0)
    any_store.add_articles([make_article(1)])
    any_store.save_extractions([ArticleExtraction(report.article_id, (report,))])
    any_store.save_events([make_event("ev_new", [report])], retired={"ev_old": "ev_new"})
    assert any_store.resolve_event_id("ev_old") == "ev_new"
    # a second merge re-points the first alias; an id that holds an event again is not retired
    any_store.save_events([make_event("ev_newer", [report])], remove=["ev_new"], retired={"ev_new": "ev_newer"})
    assert any_store.event_aliases() == {"ev_old": "ev_newer", "ev_new": "ev_newer"}
    any_store.save_events([make_event("ev_old", [report])], remove=["ev_newer"])
    assert any_store.resolve_event_id("ev_old") == "ev_old"
    assert any_store.resolve_event_id("ev_never") is None
    assert any_store.known_event_ids() == {report.id: "ev_old"}


def test_ids_survive_every_event_being_dropped_for_recomputation(any_store):
    first, other = two_events(any_store)
    any_store.save_events([], replace_all=True)  # what anchoring does before a full relink
    pipeline(any_store).link()
    assert {e.id for e in any_store.list_events()} == {first.id, other.id}


# -- corrections ----------------------------------------------------------------------------------


def test_a_field_set_by_hand_survives_a_full_relink(any_store):
    first, _ = two_events(any_store)
    stored = pipeline(any_store).correct(edit("set", first.id, field="admin1", value="Dhi Qar"))
    assert stored.status == "applied" and stored.id is not None
    assert any_store.get_event(first.id).admin1 == "Dhi Qar"
    assert "Dhi Qar" in any_store.get_event(first.id).summary
    pipeline(any_store).link(full=True)
    assert any_store.get_event(first.id).admin1 == "Dhi Qar"
    [history] = any_store.event_history(first.id)
    assert (history.action, history.field, history.value, history.author) == ("set", "admin1", "Dhi Qar", "analyst")
    assert history.reason == "checked the sources" and history.created_at is not None


def test_a_merge_survives_relinking_and_the_merged_id_redirects(any_store):
    first, other = two_events(any_store)
    pipeline(any_store).correct(edit("merge", first.id, other_id=other.id))
    merged = any_store.get_event(first.id)
    assert set(merged.report_ids) == set(first.report_ids) | set(other.report_ids)
    assert any_store.resolve_event_id(other.id) == first.id
    add(any_store, make_article(9, outlet="Al Sumaria"), day="2020-12-20")  # a new report of the other bombing
    for full in (False, True):
        pipeline(any_store).link(full=full)
        assert any_store.count_events() == 1
        assert len(any_store.get_event(first.id).report_ids) == 4
        assert any_store.resolve_event_id(other.id) == first.id
    assert [e.action for e in any_store.event_history(first.id)] == ["merge"]


def test_a_split_survives_a_full_relink(any_store):
    first, _ = two_events(any_store)
    leaving = max(first.report_ids)
    pipeline(any_store).correct(edit("split", first.id, other_id=leaving))
    alone = any_store.get_event(split_event_id(leaving))
    assert alone.report_ids == (leaving,)
    assert leaving not in any_store.get_event(first.id).report_ids
    pipeline(any_store).link(full=True)
    assert any_store.get_event(split_event_id(leaving)).report_ids == (leaving,)
    assert any_store.get_event(first.id).report_ids == tuple(r for r in first.report_ids if r != leaving)
    assert [e.action for e in any_store.event_history(split_event_id(leaving), alone.report_ids)] == ["split"]


def test_not_an_event_stays_dismissed_after_relinking(any_store):
    first, other = two_events(any_store)
    pipeline(any_store).correct(edit("dismiss", other.id))
    for full in (False, True):
        pipeline(any_store).link(full=full)
        assert [e.id for e in any_store.list_events()] == [first.id]
    with pytest.raises(NotFoundError):
        any_store.get_event(other.id)
    assert all(other.id not in s.event_ids and s.event_ids for s in any_store.list_stories())
    assert [(e.action, e.status) for e in any_store.event_history(other.id)] == [("dismiss", "applied")]


def test_an_edit_whose_event_is_gone_is_kept_and_says_so(any_store):
    _, other = two_events(any_store)
    pipeline(any_store).correct(edit("set", other.id, field="killed", value=2))
    (article_id,) = {r.split("-")[0] for r in other.report_ids}
    any_store.demote_to_duplicate(article_id, "someoriginal")  # its only report is withdrawn
    pipeline(any_store).link()
    [kept] = any_store.list_edits()
    assert kept.status == f"not applied: event {other.id} no longer exists"
    assert any_store.list_edits(status="not applied") == [kept]


@pytest.mark.parametrize(
    ("action", "fields", "message"),
    [
        ("set", {"field": "colour", "value": "red"}, "cannot be set"),
        ("set", {"field": "date", "value": "3 Dec"}, "is not a date"),
        ("set", {"field": "killed", "value": "-2"}, "is not a count"),
        ("set", {"field": "kind", "value": "picnic"}, "is not a kind"),
        ("split", {"other_id": "nosuchreport"}, "has no report"),
        ("merge", {"other_id": "SELF"}, "already one event"),
        ("undo", {}, "is not one of"),
    ],
)
def test_a_wrong_correction_is_refused_with_a_reason_and_nothing_is_stored(any_store, action, fields, message):
    first, _ = two_events(any_store)
    if fields.get("other_id") == "SELF":
        fields = {"other_id": first.id}
    with pytest.raises(CorrectionError, match=message):
        pipeline(any_store).correct(edit(action, first.id, **fields))
    assert any_store.list_edits() == []


def test_a_correction_of_an_unknown_event_is_not_found(any_store):
    two_events(any_store)
    with pytest.raises(NotFoundError, match="no event with id 'ev_nope'"):
        pipeline(any_store).correct(edit("dismiss", "ev_nope"))
