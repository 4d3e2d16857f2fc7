"""Publication dates: parse a date as articles and feeds write it, never guess one.

``parse_date`` reads one date string (ISO, "Saturday, December 26, 2020", "Oct 22, 2020",
"22/10/2020", RFC 2822 "Thu, 22 Oct 2020 18:09:00 +0000", "9-May-20"). ``date_line`` says whether
a whole line is nothing but a date (how plain-text dumps write the publication date).
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:(?:\s+|T|\s*,\s*|\s+at\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4}|\d{2})"

# Whole-string date shapes, tried in order. Named groups: year, month (name or number), day.
DATE_PATTERNS = [
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _TIME, re.I),
    re.compile(r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})" + _TIME, re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME, re.I),
    re.compile(_WEEKDAY + _DAY + r"(?:\s+of)?\s+" + _MONTH + r",?\s+" + _YEAR + _TIME, re.I),
    re.compile(_DAY + r"[-\s]" + _MONTH + r"[-\s]" + _YEAR + _TIME, re.I),
    re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-]" + _YEAR + _TIME, re.I),
]


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _build(year: int, month: int, day: int) -> dt.date | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    # Outside this window a "date" is a number that happens to look like one.
    return value if 1900 <= value.year <= 2100 else None


def parse_date(text: str | None, *, day_first: bool = True) -> dt.date | None:
    """Parse one date string; None when it is not exactly a full date (day, month and year).

    Numeric day/month order is taken as day first (``22/10/2020``) unless only month-first is
    valid (``10/22/2020``) or ``day_first=False``.
    """
    if not text:
        return None
    text = " ".join(str(text).split()).strip(" .,;|-–—")
    if not text or len(text) > 80:
        return None
    for pattern in DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        groups = match.groupdict()
        year = _year(groups["year"])
        if groups.get("a"):
            first, second = int(groups["a"]), int(groups["b"])
            if first > 12:
                return _build(year, second, first)
            if second > 12:
                return _build(year, first, second)
            return _build(year, second, first) if day_first else _build(year, first, second)
        month_text = groups["month"].lower().rstrip(".")
        month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
        return _build(year, month, int(groups["day"]))
    try:  # RFC 2822, as RSS pubDate writes it
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def date_line(line: str) -> dt.date | None:
    """The date, when ``line`` is nothing but a date (optionally "Published: ..." or "Updated ...")."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80 or not re.search(r"\d", stripped):
        return None
    stripped = re.sub(r"^(?:published|posted|updated|date|last updated)\s*(?:on)?\s*:?\s*", "", stripped, flags=re.I)
    return parse_date(stripped)
