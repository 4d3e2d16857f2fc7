"""Dates in gold files and how two dates of different precision are compared.

Gold and system dates are strings ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with a precision
(day | week | month | year | unknown). A date with a precision stands for an interval of days;
two dates are *compatible* when their intervals overlap, and a system date is *exact at the gold's
precision* when it names the same day (day), falls in the same week window (week), month or year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from eventledger.errors import GoldError

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

# ACLED's time_precision column: 1 = day, 2 = week, 3 = month.
ACLED_PRECISION = {1: "day", 2: "week", 3: "month"}

# A week-precision date names some day of a week around it; ACLED codes the week's middle or
# first day inconsistently, so accept anything within six days either side.
WEEK_SLACK_DAYS = 6

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DAY_MON_YY = re.compile(r"^(\d{1,2})-([A-Za-z]{3,9})-(\d{2}|\d{4})$")  # 9-May-20
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$")  # 01 March 2020
_DD_MM_YY = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{2}|\d{4})$")  # 01-01-07 (day first)
_US_PREFIX = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*:")  # GTD summaries: 01/05/2012:

# Two-digit years: ACLED exports start in 1997, so 97..99 are 1900s and the rest 2000s.
_CENTURY_PIVOT = 70


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 4:
        return value
    return 1900 + value if value >= _CENTURY_PIVOT else 2000 + value


def parse_acled_date(text: str) -> dt.date:
    """Read an ACLED ``event_date`` in any of the layouts real exports use.

    ``9-May-20``, ``01 March 2020``, ``01-01-07`` (day-month-year) and ISO ``2020-05-09``.
    Raises :class:`GoldError` for anything else.
    """
    value = (text or "").strip()
    try:
        if match := _ISO.match(value):
            year, month, day = match.groups()
            if month and day:
                return dt.date(int(year), int(month), int(day))
        elif match := _DAY_MON_YY.match(value) or _DAY_MONTH_YEAR.match(value):
            day, month_name, year = match.groups()
            month = MONTHS.get(month_name.lower())
            if month is not None:
                return dt.date(_year(year), month, int(day))
        elif match := _DD_MM_YY.match(value):
            day, month, year = match.groups()
            return dt.date(_year(year), int(month), int(day))
    except ValueError as exc:
        raise GoldError(f"event_date {text!r} names no real day") from exc
    raise GoldError(f"event_date {text!r} is not a date ACLED writes (9-May-20, 01 March 2020, 01-01-07)")


def parse_gtd_date(date_column: str | None, summary: str | None = None) -> dt.date | None:
    """The date of a GTD row: its ISO ``date`` column, else the ``MM/DD/YYYY:`` that opens the summary."""
    if date_column:
        try:
            return dt.date.fromisoformat(date_column.strip()[:10])
        except ValueError:
            pass
    if summary and (match := _US_PREFIX.match(summary)):
        month, day, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def date_interval(date: str | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date string at a precision may stand for (None when unknown)."""
    if not date:
        return None
    match = _ISO.match(date.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None or precision == "year":
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None or precision == "month":
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        point = dt.date(year, month, day)
    except ValueError:
        return None
    if precision == "week":
        slack = dt.timedelta(days=WEEK_SLACK_DAYS)
        return point - slack, point + slack
    return point, point


def dates_compatible(
    gold: str | None,
    gold_precision: str | None,
    system: str | None,
    system_precision: str | None,
    *,
    tolerance_days: int = 1,
) -> bool:
    """Whether two dates may name the same day, each read at its own precision.

    An unknown date on either side is compatible with anything (the date is then scored as a
    field, not used to refuse a match). When both sides name single days, ``tolerance_days``
    widens them, because an article's "on Tuesday" resolved against a late publication is often
    a day off; a month or a year is already wide and gets no slack.
    """
    a = date_interval(gold, gold_precision)
    b = date_interval(system, system_precision)
    if a is None or b is None:
        return True
    single_days = a[0] == a[1] and b[0] == b[1]
    slack = dt.timedelta(days=tolerance_days if single_days else 0)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def date_exact(gold: str | None, gold_precision: str | None, system: str | None, system_precision: str | None) -> bool:
    """Whether the system's date is right at the gold's precision.

    day: the same day (and the system claims day precision or gives a full date); week: a full
    system date within the gold's week window; month: the same YYYY-MM; year: the same YYYY.
    """
    if not gold or not system:
        return False
    precision = gold_precision if gold_precision in ("day", "week", "month", "year") else _implied(gold)
    if precision == "year":
        return system[:4] == gold[:4]
    if precision == "month":
        return len(system) >= 7 and system[:7] == gold[:7]
    if len(system) < 10:
        return False
    if precision == "week":
        window = date_interval(gold, "week")
        point = date_interval(system, "day")
        return window is not None and point is not None and window[0] <= point[0] <= window[1]
    return system[:10] == gold[:10] and system_precision in ("day", None, "unknown")


def _implied(date: str) -> str:
    return {4: "year", 7: "month"}.get(len(date.strip()), "day")
