"""Tallies count merged events, never reports (eventledger.analyze.tally)."""

import pytest

from eventledger.analyze.tally import tally
from eventledger.models import Event

SHELL = "Shelling/artillery/missile attack"
IED = "Remote explosive/landmine/IED"


def _event(number, kind="attack", date="2020-10", precision="month", sub=SHELL, admin1="Baghdad", actors=(), reports=1):
    return Event(
        id=f"ev{number}",
        kind=kind,
        report_ids=tuple(f"r{number}-{i}" for i in range(reports)),
        date=date,
        date_precision=precision,
        sub_event_type=sub if kind == "attack" else None,
        admin1=admin1,
        country="Iraq",
        actors=tuple(actors),
        weapon="rocket" if sub == SHELL else "ied",
    )


def _log_like():
    """Seven October, one November and eight December attacks; the November one told three times."""
    events = [_event(i, sub=SHELL if i % 2 else IED, admin1="Baghdad" if i < 3 else "Basra") for i in range(7)]
    events.append(_event(7, date="2020-11", reports=3, actors=("group_a", "group_b")))
    events += [
        _event(10 + i, date=f"2020-12-{i + 1:02d}", precision="day", sub=IED, admin1="Dhi Qar") for i in range(8)
    ]
    events += [
        _event(30, kind="ceasefire", date="2020-10-11", precision="day"),
        _event(31, kind="meeting", date="2020-11"),
    ]
    return events


def _rows(result):
    return {tuple(v for k, v in row.items() if k != "count"): row["count"] for row in result["rows"]}


def test_attacks_by_month_count_events_not_reports():
    result = tally(_log_like(), by=["month"], kind="attack")
    assert result["by"] == ["month"]
    assert _rows(result) == {("2020-10",): 7, ("2020-11",): 1, ("2020-12",): 8}


def test_all_kinds_and_political_filter():
    assert _rows(tally(_log_like(), by=["month"])) == {("2020-10",): 8, ("2020-11",): 2, ("2020-12",): 8}
    assert _rows(tally(_log_like(), by=["kind"], kind="political")) == {("ceasefire",): 1, ("meeting",): 1}


def test_by_month_and_sub_event_type():
    rows = _rows(tally(_log_like(), by=["month", "sub_event_type"], kind="attack"))
    assert rows == {("2020-10", IED): 4, ("2020-10", SHELL): 3, ("2020-11", SHELL): 1, ("2020-12", IED): 8}


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (["admin1"], {("Baghdad",): 4, ("Basra",): 4, ("Dhi Qar",): 8}),
        (["actor"], {("group_a",): 1, ("group_b",): 1, ("unknown",): 15}),
        (["year"], {("2020",): 16}),
        (["weapon"], {("ied",): 12, ("rocket",): 4}),
        (["country"], {("Iraq",): 16}),
        (["event_type"], {("unknown",): 16}),
    ],
)
def test_other_dimensions(by, expected):
    assert _rows(tally(_log_like(), by=by, kind="attack")) == expected


@pytest.mark.parametrize(
    ("date", "precision", "month", "year"),
    [
        (None, "unknown", "unknown", "unknown"),
        ("2021", "year", "unknown", "2021"),
        ("2021-03-04", "week", "2021-03", "2021"),
    ],
)
def test_unknown_dates_are_counted_as_unknown(date, precision, month, year):
    events = [_event(1, date=date, precision=precision), _event(2, date="2021-01")]
    assert _rows(tally(events, by=["month"]))[(month,)] == (1 if month != "2021-01" else 2)
    assert _rows(tally(events, by=["year"]))[(year,)] >= 1
    rows = tally(events, by=["month"])["rows"]
    assert rows[-1]["month"] == ("unknown" if month == "unknown" else rows[-1]["month"])  # unknown sorts last


def test_unknown_dimension_is_an_error():
    with pytest.raises(ValueError, match="cannot tally by colour"):
        tally(_log_like(), by=["colour"])
    with pytest.raises(ValueError):
        tally(_log_like(), by=[])


def test_empty_input_gives_no_rows():
    assert tally([], by=["month", "admin1"]) == {"by": ["month", "admin1"], "rows": []}
