"""The models' compact forms: an event's per-report field values and decoded reports' shared strings
are held once, and read back equal to what was given (all text here is written for the tests)."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

from eventledger.models import ActorRole, Event, EventFields, FieldValue, Report, Span

SENTENCE = "A mortar round struck the grain depot outside Karvan on the second morning of the fair."


def _event(fields: dict[str, tuple[FieldValue, ...]], report_ids: tuple[str, ...] = ("r1", "r2", "r3")) -> Event:
    return Event(id="ev_test", kind="attack", report_ids=report_ids, fields=fields)


FIELDS = {
    "place": (FieldValue("r1", "Karvan"), FieldValue("r3", "Karvan depot", False)),
    "killed": (FieldValue("r2", (2, 4)), FieldValue("r1", 3)),
    "actors": (FieldValue("r3", ("group_a", "group_b")),),
}


def test_an_event_holds_its_field_values_compactly_and_reads_them_back_as_given() -> None:
    event = _event(FIELDS)
    assert isinstance(event.fields, EventFields)
    assert event.fields == FIELDS and FIELDS == event.fields
    assert list(event.fields) == list(FIELDS)
    assert event.fields["place"] == FIELDS["place"]
    assert [v.agrees for v in event.fields["place"]] == [True, False]
    assert "killed" in event.fields and "weapon" not in event.fields
    with pytest.raises(KeyError):
        event.fields["weapon"]


def test_the_compact_fields_give_the_json_and_the_round_trip_of_the_plain_ones() -> None:
    event = _event(FIELDS)
    plain = {name: [v.as_dict() for v in values] for name, values in FIELDS.items()}
    assert event.as_dict()["fields"] == json.loads(json.dumps(plain))
    again = Event.from_dict(json.loads(event.to_json()))
    assert again == event and again.to_json() == event.to_json()
    assert pickle.loads(pickle.dumps(event)) == event


@pytest.mark.parametrize(
    ("name", "changed"),
    [
        ("place", (FieldValue("r1", "Karvan"), FieldValue("r3", "Karvan depot", True))),  # agrees differs
        ("place", (FieldValue("r1", "Karvan"), FieldValue("r2", "Karvan depot", False))),  # report differs
        ("killed", (FieldValue("r2", (2, 5)), FieldValue("r1", 3))),  # value differs
    ],
)
def test_events_whose_field_values_differ_are_not_equal(name: str, changed: tuple[FieldValue, ...]) -> None:
    assert _event(FIELDS) != _event({**FIELDS, name: changed})
    assert _event(FIELDS) == _event(dict(FIELDS))


@pytest.mark.parametrize(
    "odd",
    [
        (FieldValue("r9", "Karvan"),),  # a report the event does not hold
        (FieldValue("r1", "Karvan", 1),),  # an agreement that is not a bool  # type: ignore[arg-type]
    ],
)
def test_field_values_that_cannot_be_held_compactly_are_kept_as_given(odd: tuple[FieldValue, ...]) -> None:
    event = _event({"place": odd})
    assert not isinstance(event.fields, EventFields)
    assert event.fields["place"] == odd


def _stored(**fields: Any) -> dict[str, Any]:
    report = Report(
        id=fields.pop("id"),
        article_id="art1",
        kind="attack",
        text=SENTENCE,
        span=Span(100, 100 + len(SENTENCE), SENTENCE),
        evidence={"date": (Span(100, 100 + len(SENTENCE), SENTENCE),), "killed": (Span(110, 118, "two dead"),)},
        actors=(ActorRole("group_a", "Group A", "perpetrator", Span(5, 12, "Group A")),),
        cites=("Wire One",),
        **fields,
    )
    return json.loads(report.to_json())  # as the store gives it back


def test_decoded_reports_hold_their_shared_strings_once() -> None:
    first = Report.from_dict(_stored(id="r1", place="Karvan", date="2021-04-02"))
    second = Report.from_dict(_stored(id="r2", place="Karvan", date="2021-04-02"))
    assert first.place is second.place and first.date is second.date and first.article_id is second.article_id
    assert first.cites[0] is second.cites[0] and first.actors[0].name is second.actors[0].name
    assert first.span is not None and first.span.text is first.text
    assert first.evidence["date"][0].text is first.text
    assert first.evidence["killed"][0].text == "two dead"


def test_a_decoded_report_equals_the_one_stored() -> None:
    stored = _stored(id="r1", place="Karvan", date="2021-04-02", killed=2)
    assert Report.from_dict(stored).as_dict() == stored
