"""Incident logs: one report per line, month from the heading or the totals line, totals kept."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.extract.logs import find_log
from eventledger.models import Article

WITH_HEADINGS = """Attacks on supply lines this spring

Our running list of incidents, updated weekly.

March
Mar 2 – IED on convoy – Nasiriyah, Dhi Qar
Rockets – Baghdad International Airport – 2 wounded
Mortar – Balad air base
March Totals – 3

April
IED vs convoy – Samawah
April Totals - 1
"""

TOTALS_BELOW = """Notes on the autumn.

Rocket at convoy carrying fuel – Hillah

IED on logistics convoy – Basra

September Totals – 2

Drone – Erbil airport – 1 killed, 3 wounded

October Totals – 1
"""

PROSE = """Rockets hit the airport on Monday. Officials said nobody was hurt.

A second paragraph talks about politics and the budget."""


def test_lines_under_month_headings() -> None:
    log = find_log(WITH_HEADINGS, dt.date(2021, 5, 1))
    assert [line.number for line in log.lines] == [1, 2, 3, 4]
    assert [(line.date.value, line.date.precision) for line in log.lines] == [
        ("2021-03-02", "day"),
        ("2021-03", "month"),
        ("2021-03", "month"),
        ("2021-04", "month"),
    ]
    assert [(t.period, t.count) for t in log.totals] == [("2021-03", 3), ("2021-04", 1)]
    for total in log.totals:
        assert WITH_HEADINGS[total.span.start:total.span.end] == total.span.text


def test_lines_above_a_totals_line_take_its_month() -> None:
    log = find_log(TOTALS_BELOW, dt.date(2021, 1, 10))
    assert [line.date.value for line in log.lines] == ["2020-09", "2020-09", "2020-10"]
    assert [(t.period, t.count) for t in log.totals] == [("2020-09", 2), ("2020-10", 1)]


@pytest.mark.parametrize("text", [PROSE, "Rocket attack on the airport – report\n\nThe rest is prose about it."])
def test_prose_is_not_a_log(text: str) -> None:
    assert find_log(text, dt.date(2021, 1, 10)).lines == ()


def test_each_log_line_becomes_one_report() -> None:
    extraction = extract_article(Article.create(WITH_HEADINGS, published=dt.date(2021, 5, 1)))
    logged = [r for r in extraction.reports if r.segment and r.segment.startswith("log:")]
    assert [r.segment for r in logged] == ["log:1", "log:2", "log:3", "log:4"]
    assert [r.weapon for r in logged] == ["ied", "rocket", "mortar", "ied"]
    assert [r.admin1 for r in logged] == ["Dhi Qar", "Baghdad", "Sala al-Din", "Muthanna"]
    assert logged[0].target == "convoy" and logged[1].target == "airport"
    assert logged[1].wounded == 2
    assert [(t.period, t.count) for t in extraction.totals] == [("2021-03", 3), ("2021-04", 1)]
    # totals lines and headings are not events
    assert len([r for r in extraction.reports if r.kind == "attack"]) == 4


def test_log_casualties_and_sub_types() -> None:
    extraction = extract_article(Article.create(TOTALS_BELOW, published=dt.date(2021, 1, 10)))
    drone = next(r for r in extraction.reports if r.weapon == "drone")
    assert (drone.killed, drone.wounded) == (1, 3)
    assert drone.sub_event_type == "Air/drone strike"
    assert drone.admin1 == "Erbil"
