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
from eventledger.extract.detection.attacks import attack_nouns
from eventledger.extract.fields.date_expressions import (
    ResolvedDate,
    find_dates,
    month_names,
    month_number,
    resolve_date,
)
from eventledger.extract.fields.weapon import find_weapon
from eventledger.models import LogTotal, Span


@cache
def _settings() -> tuple[re.Pattern[str], int]:
    data = load_yaml("eventledger.extract", "logs.yaml")
    return re.compile(data["separator"]), int(data["max_words"])


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
    alt = "|".join(sorted((m.capitalize() for m in month_names()), key=len, reverse=True))
    return {
        "totals": re.compile(rf"^(?P<m>{alt})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\s+(?:Totals?|Tally|Count)\s*[:–—-]*\s*(?P<n>\d+)\s*$", re.I),
        "totals_alt": re.compile(rf"^Totals?\s+(?:for\s+)?(?P<m>{alt})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\s*[:–—-]*\s*(?P<n>\d+)\s*$", re.I),
        "heading": re.compile(rf"^(?P<m>{alt})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\s*:?\s*$", re.I),
    }


def _month_value(month_name: str, year_text: str | None, published: dt.date | None) -> ResolvedDate:
    if year_text:
        return ResolvedDate(f"{int(year_text):04d}-{month_number(month_name):02d}", "month")
    return resolve_date(f"in {month_name.capitalize()}", published)


def _looks_like_entry(line: str) -> bool:
    separator, max_words = _settings()
    words = line.split()
    if not words or len(words) > max_words or line.rstrip().endswith((".", "?", "!", ",")):
        return False
    head = " ".join(words[:6])
    named = find_weapon(head) is not None or attack_nouns().search(head) is not None
    return named and separator.search(line) is not None


@dataclass(frozen=True)
class _Raw:
    """One non-blank line of the text, classified."""

    kind: str  # totals | heading | entry | other
    start: int
    end: int
    text: str
    match: re.Match[str] | None


def _classify(text: str) -> list[_Raw]:
    patterns = _patterns()
    raw: list[_Raw] = []
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
                raw.append(_Raw("totals" if kind != "heading" else "heading", start, end, stripped, match))
                break
        else:
            raw.append(_Raw("entry" if _looks_like_entry(stripped) else "other", start, end, stripped, None))
    return raw


Month = tuple[ResolvedDate, Span]  # the month of a block of entries, with where it was read


class _LogReader:
    """Entries wait for their month (their heading, or the totals line below them), then become lines."""

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        self.lines: list[LogLine] = []
        self.totals: list[LogTotal] = []
        self.pending: list[tuple[int, int, str]] = []

    def flush(self, month: Month | None) -> None:
        for start, end, line_text in self.pending:
            own = find_dates(line_text)
            date, span = month if month else (ResolvedDate(None, "unknown"), None)
            if own:
                resolved = resolve_date(own[0].expression, self.published)
                if resolved.known:
                    date, span = resolved, Span(start + own[0].start, start + own[0].end, own[0].expression)
            self.lines.append(LogLine(len(self.lines) + 1, start, end, line_text, date, span))
        self.pending.clear()

    def read(self, raw: list[_Raw]) -> Log:
        heading: Month | None = None
        for item in raw:
            if item.kind == "heading" and item.match is not None:
                self.flush(heading)
                heading = (_month_value(item.match["m"], item.match["y"], self.published), Span(item.start, item.end, item.text))
            elif item.kind == "entry":
                self.pending.append((item.start, item.end, item.text))
            elif item.kind == "totals" and item.match is not None:
                month = _month_value(item.match["m"], item.match["y"], self.published)
                span = Span(item.start, item.end, item.text)
                # entries above a totals line with no heading of their own belong to its month
                self.flush(heading if heading is not None and heading[0].value == month.value else (month, span))
                heading = None
                if month.value:
                    self.totals.append(LogTotal(period=month.value, count=int(item.match["n"]), span=span))
        self.flush(heading)
        return Log(tuple(self.lines), tuple(self.totals))


def find_log(text: str, published: dt.date | None) -> Log:
    """The incident log of an article (empty when it has none)."""
    raw = _classify(text)
    entries = [r for r in raw if r.kind == "entry"]
    has_totals = any(r.kind == "totals" for r in raw)
    if len(entries) < 2 and not (entries and has_totals):
        return Log()
    return _LogReader(published).read(raw)


def split_fields(line: str) -> list[tuple[int, str]]:
    """The dash-separated parts of a log line with their offsets."""
    separator, _ = _settings()
    parts: list[tuple[int, str]] = []
    start = 0
    for match in separator.finditer(line):
        parts.append((start, line[start:match.start()]))
        start = match.end()
    parts.append((start, line[start:]))
    return [(s, p) for s, p in parts if p.strip()]
