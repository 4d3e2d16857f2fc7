"""Reading gold dates and comparing dates of different precision."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.errors import GoldError
from eventledger.evaluate.dates import (
    date_exact,
    date_interval,
    dates_compatible,
    parse_acled_date,
    parse_gtd_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9-May-20", dt.date(2020, 5, 9)),
        ("27-Apr-20", dt.date(2020, 4, 27)),
        ("1-Sep-99", dt.date(1999, 9, 1)),
        ("01 March 2020", dt.date(2020, 3, 1)),
        ("21 March 2020", dt.date(2020, 3, 21)),
        ("3 Sept 2019", dt.date(2019, 9, 3)),
        ("01-01-07", dt.date(2007, 1, 1)),  # day first, two-digit year
        ("31-12-19", dt.date(2019, 12, 31)),
        ("05-11-97", dt.date(1997, 11, 5)),  # ACLED Kenya starts in 1997
        ("12-03-2004", dt.date(2004, 3, 12)),
        ("2020-05-09", dt.date(2020, 5, 9)),
        (" 9-May-20 ", dt.date(2020, 5, 9)),
    ],
)
def test_parse_acled_date_in_every_layout(text, expected):
    assert parse_acled_date(text) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "2020-05", "31-02-20", "9-Mai-20", "13/05/2020"])
def test_parse_acled_date_refuses_what_is_not_a_date(text):
    with pytest.raises(GoldError):
        parse_acled_date(text)


@pytest.mark.parametrize(
    ("column", "summary", "expected"),
    [
        ("2013-07-04", "07/04/2013: something", dt.date(2013, 7, 4)),
        ("", "03/15/2012: a bomb went off", dt.date(2012, 3, 15)),  # month first
        (None, "12/31/2014: late in the year", dt.date(2014, 12, 31)),
        ("", "no date at the start", None),
        ("garbage", "02/30/2012: no such day", None),
    ],
)
def test_parse_gtd_date(column, summary, expected):
    assert parse_gtd_date(column, summary) == expected


@pytest.mark.parametrize(
    ("date", "precision", "first", "last"),
    [
        ("2020-11-17", "day", dt.date(2020, 11, 17), dt.date(2020, 11, 17)),
        ("2020-02", "month", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
        ("2020-02-10", "month", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
        ("2019", "year", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        ("2020-11", "day", dt.date(2020, 11, 1), dt.date(2020, 11, 30)),  # a month string is a month
        ("2020-11-17", "week", dt.date(2020, 11, 11), dt.date(2020, 11, 23)),
    ],
)
def test_date_interval(date, precision, first, last):
    assert date_interval(date, precision) == (first, last)


@pytest.mark.parametrize(
    ("gold", "gold_precision", "system", "system_precision", "expected"),
    [
        ("2020-11-17", "day", "2020-11-17", "day", True),
        ("2020-11-17", "day", "2020-11-18", "day", True),  # one day of slack
        ("2020-11-17", "day", "2020-11-20", "day", False),
        ("2020-10", "month", "2020-10-22", "day", True),
        ("2020-10", "month", "2020-11-02", "day", False),
        ("2020-10", "month", "2020-11-01", "day", False),  # no slack around a whole month
        ("2020-10-11", "day", "2020-10", "month", True),
        ("2020-10-11", "day", "2020-09", "month", False),
        ("2020-12", "month", "2020", "year", True),
        ("2020-12", "month", "2021", "year", False),
        ("2020-11-17", "day", None, "unknown", True),  # unknown is scored as a field, not refused
        (None, None, "2020-11-17", "day", True),
        ("2020-05-09", "week", "2020-05-13", "day", True),
        ("2020-05-09", "week", "2020-05-25", "day", False),
    ],
)
def test_dates_compatible(gold, gold_precision, system, system_precision, expected):
    assert dates_compatible(gold, gold_precision, system, system_precision) is expected


def test_dates_compatible_without_tolerance_needs_overlap():
    assert not dates_compatible("2020-11-17", "day", "2020-11-18", "day", tolerance_days=0)


@pytest.mark.parametrize(
    ("gold", "gold_precision", "system", "system_precision", "expected"),
    [
        ("2020-11-17", "day", "2020-11-17", "day", True),
        ("2020-11-17", "day", "2020-11-18", "day", False),
        ("2020-11-17", "day", "2020-11", "month", False),  # less precise than the gold
        ("2020-10", "month", "2020-10-03", "day", True),
        ("2020-10", "month", "2020-10", "month", True),
        ("2020-10", "month", "2020-11-01", "day", False),
        ("2020", "year", "2020-06-01", "day", True),
        ("2020-05-09", "week", "2020-05-12", "day", True),
        ("2020-05-09", "week", "2020-05", "month", False),
        ("2020-11", None, "2020-11-30", "day", True),  # precision implied by the string
        ("2020-11-17", "day", None, "unknown", False),
    ],
)
def test_date_exact_at_gold_precision(gold, gold_precision, system, system_precision, expected):
    assert date_exact(gold, gold_precision, system, system_precision) is expected
