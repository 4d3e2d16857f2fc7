"""Publication dates are read as written and never guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.ingest.dates import date_line, parse_date

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saturday, December 26, 2020", D(2020, 12, 26)),
        ("Tuesday, 3 November 2020", D(2020, 11, 3)),
        ("2020-10-22 18:09", D(2020, 10, 22)),
        ("2020-10-22T18:09:00Z", D(2020, 10, 22)),
        ("2020-10-22T18:09:00+03:00", D(2020, 10, 22)),
        ("2020/10/22", D(2020, 10, 22)),
        ("22/10/2020", D(2020, 10, 22)),
        ("10/22/2020", D(2020, 10, 22)),  # only month-first is a valid date
        ("03/11/2020", D(2020, 11, 3)),  # ambiguous: day first
        ("22.10.2020", D(2020, 10, 22)),
        ("Oct 22, 2020", D(2020, 10, 22)),
        ("Oct. 22, 2020", D(2020, 10, 22)),
        ("October 22nd, 2020 at 5:40 pm", D(2020, 10, 22)),
        ("22 October 2020", D(2020, 10, 22)),
        ("22nd of October, 2020", D(2020, 10, 22)),
        ("9-May-20", D(2020, 5, 9)),
        ("01 March 2020", D(2020, 3, 1)),
        ("01-01-07", D(2007, 1, 1)),
        ("Thu, 22 Oct 2020 18:09:00 +0000", D(2020, 10, 22)),
        ("Sept 5, 2019", D(2019, 9, 5)),
    ],
)
def test_parse_date_reads_common_formats(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [None, "", "Iraqi factions", "October 2020", "2020", "last Tuesday", "31/02/2020", "2020-13-01",
     "December Totals - 8", "Rockets hit the base on 22/10/2020", "15:30", "1/2/3/4"],
)
def test_parse_date_refuses_what_is_not_exactly_a_full_date(text: str | None) -> None:
    assert parse_date(text) is None


def test_month_first_order_when_asked() -> None:
    assert parse_date("03/11/2020", day_first=False) == D(2020, 3, 11)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 3 Nov 2020", D(2020, 11, 3)),
        ("Posted on October 5, 2020", D(2020, 10, 5)),
        ("Updated 2020-10-06 07:15", D(2020, 10, 6)),
        ("  Saturday, December 26, 2020  ", D(2020, 12, 26)),
        ("The vote was set for 22/10/2020, officials said, after weeks of delays.", None),
        ("Rockets – Baghdad International Airport", None),
    ],
)
def test_date_line_accepts_only_lines_that_are_a_date(line: str, expected: dt.date | None) -> None:
    assert date_line(line) == expected
