"""Incident logs: lists of one-line incidents under month headings, and their stated totals.

A log line ("Oct 12 – IED vs convoy – Diwaniya", "Rockets – Baghdad's Green Zone – 1 killed")
names a weapon or an attack near its start, is short, and sits in a block of such lines. Its
date comes from the line itself or from its month: the heading above it, or the "October
Totals – 7" line that closes its block. Totals lines become :class:`LogTotal` figures, not
events.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from eventledger.datafiles import load_yaml
from eventledger.extract.dates import ResolvedDate, find_dates, resolve_date
from eventledger.extract.detection.attacks import _lexicon as _attack_lexicon
from eventledger.extract.detection.attacks import find_weapon
from eventledger.models import LogTotal, Span

_SEPARATOR = re.compile(r"\s+[–—-]+\s+|\s+[–—]|[–—]\s+|:\s+")
_MAX_WORDS = 20


@dataclass(frozen=True)
class LogLine:
    number: int  # 1-based position among the article's log lines
    start: int
    end: int
    text: str
    date: ResolvedDate
    date_span: Span | None  # where the date was read: the line itself, its heading or its totals line


@dataclass(frozen=True)
class Log:
    lines: tuple[LogLine, ...] = ()
    totals: tuple[LogTotal, ...] = ()


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    months = load_yaml("eventledger.extract", "dates.yaml")["months"]
    alt = "|".join(sorted((m.capitalize() for m in months), key=len, reverse=True))
    return {
        "totals": re.compile(rf"^(?P<m>{alt})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\s+(?:Totals?|Tally|Count)\s*[:–—-]*\s*(?P<n>\d+)\s*$", re.I),
        "totals_alt": re.compile(rf"^Totals?\s+(?:for\s+)?(?P<m>{alt})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\s*[:–—-]*\s*(?P<n>\d+)\s*$", re.I),
        "heading": re.compile(rf"^(?P<m>{alt})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\s*:?\s*$", re.I),
    }


def _month_value(month_name: str, year_text: str | None, published: dt.date | None) -> ResolvedDate:
    if year_text:
        return ResolvedDate(f"{int(year_text):04d}-{load_yaml('eventledger.extract', 'dates.yaml')['months'][month_name.lower()]:02d}", "month")
    return resolve_date(f"in {month_name.capitalize()}", published)


def _looks_like_entry(line: str) -> bool:
    words = line.split()
    if not words or len(words) > _MAX_WORDS or line.rstrip().endswith((".", "?", "!", ",")):
        return False
    head = " ".join(words[:6])
    lex = _attack_lexicon()
    named = find_weapon(head) is not None or lex.attack_nouns.search(head) is not None
    return named and _SEPARATOR.search(line) is not None


def find_log(text: str, published: dt.date | None) -> Log:
    """The incident log of an article (empty when it has none)."""
    patterns = _patterns()
    raw: list[tuple[str, int, int, str, re.Match[str] | None]] = []  # (kind, start, end, text, match)
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        start = offset + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        offset += len(line) + 1
        if not stripped:
            continue
        for kind in ("totals", "totals_alt", "heading"):
            match = patterns[kind].match(stripped)
            if match:
                raw.append(("totals" if kind != "heading" else "heading", start, end, stripped, match))
                break
        else:
            if _looks_like_entry(stripped):
                raw.append(("entry", start, end, stripped, None))
            else:
                raw.append(("other", start, end, stripped, None))
    entries = [r for r in raw if r[0] == "entry"]
    has_totals = any(r[0] == "totals" for r in raw)
    if len(entries) < 2 and not (entries and has_totals):
        return Log()
    totals: list[LogTotal] = []
    lines: list[LogLine] = []
    heading: tuple[ResolvedDate, Span] | None = None
    pending: list[tuple[int, int, str]] = []

    def flush(month: tuple[ResolvedDate, Span] | None) -> None:
        for start, end, line_text in pending:
            own = [m for m in find_dates(line_text)]
            date, span = (month if month else (ResolvedDate(None, "unknown"), None))
            if own:
                resolved = resolve_date(own[0].expression, published)
                if resolved.known:
                    date, span = resolved, Span(start + own[0].start, start + own[0].end, own[0].expression)
            lines.append(LogLine(len(lines) + 1, start, end, line_text, date, span))
        pending.clear()

    for kind, start, end, line_text, match in raw:
        if kind == "heading" and match is not None:
            flush(heading)
            heading = (_month_value(match["m"], match["y"], published), Span(start, end, line_text))
        elif kind == "entry":
            pending.append((start, end, line_text))
        elif kind == "totals" and match is not None:
            month = _month_value(match["m"], match["y"], published)
            span = Span(start, end, line_text)
            # entries above a totals line with no heading of their own belong to its month
            flush(heading if heading is not None and heading[0].value == month.value else (month, span))
            heading = None
            if month.value:
                totals.append(LogTotal(period=month.value, count=int(match["n"]), span=span))
    flush(heading)
    return Log(tuple(lines), tuple(totals))


def split_fields(line: str) -> list[tuple[int, str]]:
    """The dash-separated parts of a log line with their offsets."""
    parts: list[tuple[int, str]] = []
    start = 0
    for match in _SEPARATOR.finditer(line):
        parts.append((start, line[start:match.start()]))
        start = match.end()
    parts.append((start, line[start:]))
    return [(s, p) for s, p in parts if p.strip()]
