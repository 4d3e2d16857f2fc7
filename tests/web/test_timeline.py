"""Timelines: dated events on the axis with the days they cover, outliers and undated events beside it."""

from __future__ import annotations

from eventledger.models import Event
from eventledger.web.timeline import timeline


def event(event_id: str, date: str | None, **fields) -> Event:
    return Event(id=event_id, kind=fields.pop("kind", "attack"), report_ids=(), date=date, **fields)


def test_items_cover_the_days_of_their_date():
    data = timeline([event("a", "2021-03-04"), event("b", "2021-04", date_precision="month")], {}, total=2)
    spans = {i["id"]: (i["start"], i["end"]) for i in data["items"]}
    assert spans == {"a": ("2021-03-04", "2021-03-04"), "b": ("2021-04-01", "2021-04-30")}
    assert data["domain"] == {"start": "2021-03-04", "end": "2021-04-30"}


def test_a_misread_year_is_an_outlier_not_the_start_of_the_axis():
    events = [event(f"e{m}", f"2020-{m:02d}-10") for m in range(3, 12)] + [event("old", "1920-06-10")]
    data = timeline(events, {}, total=10)
    assert [o["id"] for o in data["outliers"]] == ["old"]
    assert "old" not in {i["id"] for i in data["items"]}
    assert data["domain"]["start"] == "2020-03-10"


def test_undated_and_unreadable_dates_are_listed_not_placed():
    data = timeline([event("a", "2021-03-04"), event("b", None), event("c", "2021-02-31")], {}, total=3)
    assert [i["id"] for i in data["items"]] == ["a"]
    assert [i["id"] for i in data["undated"]] == ["b", "c"]


def test_labels_use_names_and_no_dated_event_means_no_axis():
    data = timeline([event("a", None, actors=("kataib_hezbollah",), place="Taji")], {"kataib_hezbollah": "Kataib Hezbollah"}, total=7)
    assert data["domain"] is None
    assert data["undated"][0]["label"] == "attack · Taji · Kataib Hezbollah"
    assert data["undated"][0]["actors"] == ["Kataib Hezbollah"]
    assert (data["shown"], data["total"]) == (1, 7)


def test_a_generic_actor_is_labelled_after_the_events_country():
    data = timeline([event("a", None, actors=("protesters",), country="Kenya")], {"protesters": "Protesters"}, total=1)
    assert data["undated"][0]["actors"] == ["Protesters (Kenya)"]
    assert data["undated"][0]["label"] == "attack · Protesters (Kenya)"
