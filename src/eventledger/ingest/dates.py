"""Publication dates as articles and feeds write them: parse one, find one in a line, never guess.

``parse_date`` reads one date string (ISO, "Saturday, December 26, 2020", "Oct 22, 2020",
"22/10/2020", RFC 2822 "Thu, 22 Oct 2020 18:09:00 +0000", "9-May-20"). ``find_date`` finds the
first full date inside a longer string (a four-digit year is required there). ``read_date_line``
says whether a line is a date line of a page header — a date, maybe labelled ("Published:",
"Updated"), maybe beside a byline, a time or an outlet — and ``date_line`` returns its date.

A date needs a day, a month and a year: "April 11" or "Saturday" is no date here, and no year is
ever supplied. The label words and the lines that are never a page's date (tweet embeds, photo
captions) are data in :mod:`eventledger.ingest.date_rules`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import lru_cache

from eventledger.ingest import date_rules as rules

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = r"(?P<month>" + _MONTH_NAMES + r")\.?"
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

# Date shapes searched inside a longer string: the year has four digits and the numbers stand
# alone ("Clifton3 June 2019" is a date glued to a name; "1,234 May 2020" is not a day).
_Y4 = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_SMONTH = r"(?<![a-z])(?P<month>" + _MONTH_NAMES + r")(?![a-z])\.?"
_SDAY = r"(?<![\d,.])(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\d:])"
_SWEEKDAY = r"(?:(?<![a-z])(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
SEARCH_PATTERNS = [
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"
               r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?", re.I),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?!\d)", re.I),
    re.compile(_SWEEKDAY + _SMONTH + r"\s+" + _SDAY + r",?\s+" + _Y4, re.I),
    re.compile(_SWEEKDAY + _SDAY + r"\.?(?:\s+of)?\s+" + _SMONTH + r",?\s+" + _Y4, re.I),
    re.compile(_SDAY + r"-" + _SMONTH + r"-" + _Y4, re.I),
    # 22/10/2020, 22.10.2020, 22-10-2020 (one separator throughout)
    re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<separator>[/.-])(?P<b>\d{1,2})(?P=separator)" + _Y4, re.I),
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


def _from_groups(groups: dict[str, str | None], day_first: bool) -> dt.date | None:
    year = _year(groups["year"] or "")
    if groups.get("a"):
        first, second = int(groups["a"] or 0), int(groups["b"] or 0)
        if first > 12:
            return _build(year, second, first)
        if second > 12:
            return _build(year, first, second)
        return _build(year, second, first) if day_first else _build(year, first, second)
    month_text = (groups["month"] or "").lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
    return _build(year, month, int(groups["day"] or 0))


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
        if match:
            return _from_groups(match.groupdict(), day_first)
    try:  # RFC 2822, as RSS pubDate writes it
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


@dataclass(frozen=True)
class FoundDate:
    """A full date found inside a string, and where."""

    date: dt.date
    start: int
    end: int


def find_dates(text: str) -> list[FoundDate]:
    """Every full date written inside ``text`` (four-digit years only), left to right, not overlapping."""
    found: list[FoundDate] = []
    for pattern in SEARCH_PATTERNS:
        for match in pattern.finditer(text):
            value = _from_groups(match.groupdict(), True)
            if value is not None:
                found.append(FoundDate(value, match.start(), match.end()))
    found.sort(key=lambda item: (item.start, -(item.end - item.start)))
    kept: list[FoundDate] = []
    for item in found:
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


def find_date(text: str) -> FoundDate | None:
    """The first full date written inside ``text``, if any."""
    dates = find_dates(text)
    return dates[0] if dates else None


# A date written with a month name in another language ("søndag 21. februar 2021", "3. Mai 2021",
# "21 de marzo de 2020"): a short line of words, one day number and a four-digit year.
_FOREIGN_SHAPE = re.compile(
    r"(?:[^\W\d_]+\.?,?\s+)?(?:\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?|[^\W\d_]{3,}\.?\s+\d{1,2}\.?),?\s+(?:de\s+)?(?:19|20)\d{2}")


COMMON_DATE_LANGUAGES = ["de", "fr", "es", "pt", "it", "nl", "da", "nb", "sv", "fi", "pl", "tr", "id", "ro", "cs"]


def foreign_date(line: str) -> dt.date | None:
    """A full date written in another language, read by dateparser (None when it is not one)."""
    text = " ".join(line.split())
    if len(text) > 40 or not _FOREIGN_SHAPE.fullmatch(text):
        return None
    import dateparser  # loaded only for the rare line that needs it (it takes a second to load)

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}
    # the languages news pages most often date in first: dateparser's guess over all of its ~200
    # locales costs seconds of CPU (each locale's patterns compiled), paid only when these fail
    for languages in (COMMON_DATE_LANGUAGES, None):
        try:
            value = dateparser.parse(text, languages=languages, settings=settings)
        except (ValueError, TypeError, OverflowError):
            value = None
        if value is not None:
            return _build(value.year, value.month, value.day)
    return None


@dataclass(frozen=True)
class DateLine:
    """A line of a page header that states a date: the date, whether it is the publication or a
    revision date, whether a label said so, and the words of the line besides the date."""

    date: dt.date
    updated: bool = False
    labelled: bool = False
    rest: str = ""


def _label_pattern(labels: tuple[str, ...]) -> str:
    words = sorted(labels, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, label.split())) for label in words)


def _label_grammar() -> str:
    """A date label: "Published", or a clause about the page that ends in one ("This story was
    first published on", "Page last updated at", "This Article is From"); groups ``updated`` or
    ``published`` say which date it labels."""
    determiner = _label_pattern(rules.LABEL_SUBJECT_DETERMINERS)
    subject = rf"(?P<subject>(?:(?:{determiner})\s+)?(?:{_label_pattern(rules.LABEL_SUBJECTS)})\s+" \
              rf"(?:(?:{_label_pattern(rules.LABEL_AUXILIARIES)})\s+){{0,2}})"
    published, updated = _label_pattern(rules.PUBLISHED_LABELS), _label_pattern(rules.UPDATED_LABELS)
    # a subject-only label ("from") counts only when the subject was read: (?(subject)...|(?!))
    subject_only = rf"(?(subject)(?:{_label_pattern(rules.SUBJECT_ONLY_LABELS)})|(?!))"
    return rf"(?:{subject})?(?:(?P<updated>{updated})|(?P<published>{published}|{subject_only}))"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    label = _label_grammar()
    return {
        "label": re.compile(rf"(?<![a-z]){label}(?![a-z])\s*(?:on|at)?\s*[:|•·\-–—]?\s*", re.I),
        "label_only": re.compile(rf"[\s•·*|\[(-]*{label}\s*(?:on|at)?\s*:?[\s\])]*", re.I),
        "prefix": re.compile(rf"^[\s•·*|\[(-]*{label}\s*(?:on|at)?\s*[:|\-–—]?\s*", re.I),
        "iso_prefix": re.compile(r"(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?(?!\d)(?:T[\d:.+-]+Z?)?"),
        "time": re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
                           r"(?:\s*\(?(?-i:[A-Z]{1,5})(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?(?!\d)", re.I),
        "not_publication": re.compile("|".join(f"(?:{p})" for p in rules.NOT_PUBLICATION_LINES), re.I),
        "name_word": re.compile(r"(?-i:[A-Z\d])[\w.'’&-]*"),
    }


def label_only(line: str) -> bool | None:
    """For a line that is nothing but a date label ("Updated", "Published:"): True when it
    labels a revision, False when it labels the publication; None for any other line."""
    match = _patterns()["label_only"].fullmatch(line.strip())
    if not match:
        return None
    return match.group("updated") is not None


def _names_only(rest: str) -> bool:
    """True when what remains of a line beside its date is a name, an outlet or a section label."""
    words = [word for word in re.split(r"[\s|•·,;/()\[\]–—-]+", rest) if word.strip(".:")]
    connectors = set(rules.BYLINE_WORDS)
    names = [word for word in words if word.casefold().strip(".:") not in connectors]
    name_word = _patterns()["name_word"]
    return len(names) <= rules.DATE_LINE_MAX_NAME_WORDS and all(name_word.fullmatch(word.strip(":")) for word in names)


def _labels_next(gap: str) -> bool:
    """Whether a label labels the date after ``gap``, the text between them: nothing, or a time
    ("Page last updated at 14:05 GMT, Friday, 7 May 2010", "posted at 4:30 pm on 12/03/2019")."""
    gap = _patterns()["time"].sub(" ", gap)
    return not re.sub(r"(?<![a-z])(?:on|at)(?![a-z])", " ", gap, flags=re.I).strip(" ,|•·")


def read_date_line(line: str) -> DateLine | None:
    """The date a header line states, when the line is a date line (else None).

    A date line is a full date with, at most, a label ("Published:", "Updated", "date"), a time
    and a few words of a name or an outlet ("Katy Clifton 3 June 2019", "[May 3, 2020] By Jane
    Doe", "Source: Tigris Wire May 3, 2020"). A caption or a sentence that mentions a date, a
    tweet's signature, or a day and month without a year is not one.
    """
    stripped = " ".join(line.split())
    if not stripped or len(stripped) > rules.DATE_LINE_MAX_CHARS or not re.search(r"\d", stripped):
        return None
    patterns = _patterns()
    if patterns["not_publication"].search(stripped):
        return None
    found = find_dates(stripped)
    if not found:
        whole = parse_date(re.sub(r"^.*?\b(?:on|at)?\s*:\s*", "", stripped) if ":" in stripped[:30] else stripped)
        whole = whole or foreign_date(stripped)
        if whole is None:
            return None
        found = [FoundDate(whole, 0, len(stripped))]
    # Which date is this line's: the first labelled as published, else the first one.
    chosen: DateLine | None = None
    rest = stripped
    for item in reversed(found):
        before = stripped[: item.start]
        labels = list(patterns["label"].finditer(before))
        label = labels[-1] if labels and _labels_next(before[labels[-1].end():]) else None
        updated = bool(label and label.group("updated"))
        candidate = DateLine(item.date, updated=updated, labelled=label is not None)
        if chosen is None or not candidate.updated or chosen.updated:
            chosen = candidate
        rest = rest[: item.start] + " " + rest[item.end:]
    rest = patterns["label"].sub(" ", patterns["time"].sub(" ", rest))
    rest = " ".join(rest.split()).strip(" ,|•·:-–—[]()")
    if chosen is not None and chosen.labelled:
        rest = re.sub(r"^(?:[a-z]+\s+){1,2}(?=\S)|^[a-z]+$", "", rest)  # "world Updated: Mar 30, 2011": a section's name
    if chosen is None or not _names_only(rest):
        return None
    return DateLine(chosen.date, updated=chosen.updated, labelled=chosen.labelled, rest=rest)


def _furniture_part(part: str) -> DateLine | bool:
    """A part of a furniture run: its date line, True for a name ("Kabul", "ANI"), else False."""
    read = read_date_line(part)
    if read is not None:
        return read
    return bool(part.strip()) and not re.search(r"\d", part) and _names_only(part)


def read_date_run(line: str) -> tuple[list[DateLine], str] | None:
    """The dates of a run of page furniture that ends or opens a line of text ("... gunmen on
    Wednesday, officials said. ANI | Kabul | Updated: 22-04-2021 12:03 IST | Created: 21-04-2021
    10:03 IST"): its parts, cut at separators, are date lines and names. Returns the run's date
    lines and the line without the run, or None when no part of a run is a labelled date (a
    sentence's own date never is: it is not set apart by a separator)."""
    parts = re.split(rules.DATE_RUN_SEPARATORS, line.strip())
    if len(parts) < 2:
        return None
    for run, rest in ((parts[::-1], 0), (parts, 1)):  # a run at the end of the line, then one at its start
        read = []
        for part in run[:-1]:
            found = _furniture_part(part)
            if found is False:
                break
            read.append(found)
        dates = [found for found in read if isinstance(found, DateLine)]
        if any(found.labelled for found in dates):
            kept = parts[: len(parts) - len(read)] if rest == 0 else parts[len(read):]
            return dates, " | ".join(kept)
    return None


def read_date_prefix(line: str) -> tuple[DateLine | None, str] | None:
    """A labelled date that opens a line of other text ("date 2020-05-20 Rockets hit the base").

    Returns (the date line, or None for a date without a day such as "date 2023-08", and the
    text after it), or None when the line does not open with a label and a date.
    """
    patterns = _patterns()
    label = patterns["prefix"].match(line)
    if not label:
        return None
    after = line[label.end():]
    updated = label.group("updated") is not None
    iso = patterns["iso_prefix"].match(after)
    if iso:
        day = iso.group("day")
        value = _build(int(iso.group("year")), int(iso.group("month")), int(day)) if day else None
        return (DateLine(value, updated=updated, labelled=True) if value else None), after[iso.end():].strip()
    found = find_date(after)
    if found is None or found.start != 0:
        return None
    return DateLine(found.date, updated=updated, labelled=True), after[found.end:].strip()


_DATELINE_PLACE = re.compile(r"(?:(?-i:[A-Z][A-Za-z .'’-]{1,40}),\s*){1,2}", re.I)
_DATELINE_END = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:[-–—:]+|\s/)\s+\S", re.I)


def read_dateline_date(line: str) -> dt.date | None:
    """The full date of a dateline that opens a paragraph ("August 10, 2018 - Dozens of ...",
    "BAGHDAD, Oct. 22, 2020 (Reuters) — ..."); None when it has no year ("NAIROBI, June 25 -")."""
    text = line.lstrip()
    place = _DATELINE_PLACE.match(text)
    start = place.end() if place else 0
    found = find_date(text[start: start + 60])
    if found is None or found.start != 0:
        return None
    return found.date if _DATELINE_END.match(text, start + found.end) else None


def date_line(line: str) -> dt.date | None:
    """The date, when ``line`` is a date line of a page header (see ``read_date_line``)."""
    read = read_date_line(line)
    return read.date if read else None
