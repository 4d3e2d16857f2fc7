"""Split a plain-text article into title, outlet, publication date and body.

Nothing is invented: the date is taken only from a date line near the top (a date alone, a
labelled "Published: ..." or "date 2020-05-20", a date beside a byline), the outlet only from a
dateline, a site-name line or a signature the text carries. Date lines are page metadata and
leave the text; which date wins is :mod:`eventledger.ingest.pubdate`'s order of trust. The rules
are data in :mod:`eventledger.ingest.header_rules` and :mod:`eventledger.ingest.date_rules`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from eventledger.ingest import date_rules
from eventledger.ingest import header_rules as rules
from eventledger.ingest.dates import (
    date_line,
    label_only,
    read_date_line,
    read_date_prefix,
    read_date_run,
    read_dateline_date,
)
from eventledger.ingest.furniture import is_prose
from eventledger.ingest.pubdate import DateClue, choose_published


@dataclass(frozen=True)
class TextParts:
    """What a plain-text article's header says, and its body."""

    body: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    dates: tuple[DateClue, ...] = ()


@lru_cache(maxsize=1)
def _known() -> dict[str, str]:
    names = {name.casefold(): canonical_outlet(name) for name in rules.KNOWN_OUTLETS}
    names.update({alias.casefold(): full for alias, full in rules.OUTLET_ALIASES.items()})
    return names


def canonical_outlet(name: str) -> str:
    """The full name for a short form a dateline uses ("AP" -> "Associated Press")."""
    name = " ".join(name.split())
    return rules.OUTLET_ALIASES.get(name, name)


def feed_outlet(feed_title: str | None) -> str | None:
    """The outlet a feed's title names: the site part of "Site - Section"."""
    if not feed_title or not feed_title.strip():
        return None
    title = " ".join(feed_title.split())
    for separator in rules.FEED_TITLE_SEPARATORS:
        if separator in title:
            title = title.split(separator, 1)[0]
    return canonical_outlet(title.strip()) or None


@lru_cache(maxsize=1)
def _datelines() -> list[tuple[re.Pattern[str], bool]]:
    return [(re.compile(str(rule["pattern"])), bool(rule["needs_known"])) for rule in rules.DATELINES]


def known_outlet(line: str) -> str | None:
    """The canonical spelling when ``line`` is nothing but a known outlet's name."""
    return _known().get(" ".join(line.split()).strip(" |-–—:").casefold())


def dateline_outlet(paragraph: str, signature: str | None = None) -> str | None:
    """The outlet a first paragraph's dateline names, if it names one."""
    for pattern, needs_known in _datelines():
        match = pattern.match(paragraph)
        if not match:
            continue
        name = " ".join(match.group("outlet").split())
        if needs_known and known_outlet(name) is None and (signature or "").casefold() != name.casefold():
            continue
        return known_outlet(name) or canonical_outlet(name)
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _meta_line(line: str) -> tuple[dt.date | None, str | None] | None:
    """(date, outlet) when every part of ``line`` is a date, a known outlet or a byline; else None."""
    when: dt.date | None = None
    name: str | None = None
    for part in re.split(rules.META_SEPARATORS, line):
        part_date = date_line(part)
        part_outlet = known_outlet(part)
        if part_date is not None:
            when = when or part_date
        elif part_outlet is not None:
            name = name or part_outlet
        elif not re.match(rules.BYLINE, part, flags=re.I):
            return None
    return when, name


@dataclass(frozen=True)
class HeaderDates:
    """The date lines near the top of a text: the text without them, their dates, an outlet they name."""

    lines: list[str]
    dates: list[DateClue]
    outlet: str | None = None


def _keeps_line(rest: str) -> bool:
    # "Rockets Hit Kabul Airport May 17, 2015" is a headline that carries a date; a byline, an
    # outlet or a name beside a date is page metadata and goes with it.
    words = [w for w in re.split(r"[\s|•·,;:/()\[\]]+", rest) if w]
    if len(words) < 3 or words[0].casefold() in date_rules.BYLINE_WORDS:
        return False
    return not any(known_outlet(part) for part in re.split(rules.META_SEPARATORS, rest))


def take_date_lines(lines: list[str]) -> HeaderDates:
    """Read and remove the date lines among the first non-blank lines of a text.

    A line that is only a label ("Updated") labels the date on the next line; a labelled date
    that opens a line of other text ("date 2020-05-20 Rockets hit ...") leaves the text after it.
    """
    kept = list(lines)
    dates: list[DateClue] = []
    datelines: list[DateClue] = []
    outlet: str | None = None
    pending: bool | None = None  # the label of a label-only line: True "updated", False "published"
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > date_rules.DATE_WINDOW_LINES:
            break
        labelled_as = label_only(line)
        if labelled_as is not None:
            pending = labelled_as
            kept[index] = ""
            continue
        read = read_date_line(line)
        if read is not None:
            updated = read.updated if pending is None else pending
            source = "text_label" if read.labelled or pending is not None else "text_line"
            dates.append(DateClue(read.date, source, updated=updated))
            outlet = outlet or next(filter(None, map(known_outlet, re.split(rules.META_SEPARATORS, read.rest))), None)
            if not _keeps_line(read.rest):
                kept[index] = ""
        elif (prefix := read_date_prefix(line)) is not None:
            opened, rest = prefix
            if opened is not None:
                dates.append(DateClue(opened.date, "text_label", updated=opened.updated))
            kept[index] = rest
        elif (run := read_date_run(line)) is not None:
            dates.extend(DateClue(read.date, "text_label", updated=read.updated) for read in run[0])
            kept[index] = run[1]
        elif (dateline := read_dateline_date(line)) is not None:
            datelines.append(DateClue(dateline, "text_line"))  # the dateline stays: it opens the story
        pending = None
    # One dated dateline opens the story; several are the entries of a timeline.
    return HeaderDates(kept, dates + (datelines if len(datelines) == 1 else []), outlet)


def _metadata_line(line: str) -> tuple[str | None, str | None] | None:
    """(url, outlet) when a header line is page metadata — a link to the page, a "key: value"
    field, a byline or outlet line — else None."""
    link = re.match(rules.URL_LINE, line, flags=re.I)
    if link:
        return link.group("url"), None
    if re.match(rules.META_FIELD_LINE, line, flags=re.I):
        return None, None
    meta = _meta_line(line)
    return (None, meta[1]) if meta is not None else None


def _is_section_label(line: str) -> bool:
    """A short site-section label above a headline ("World", "Hot Topics", "NATION")."""
    words = line.split()
    return len(words) <= rules.SECTION_LABEL_MAX_WORDS and all(word[:1].isupper() or not word[:1].isalpha() for word in words)


def _is_breadcrumb(line: str) -> bool:
    """A trail of short site sections ("Politics › security", "News Link • WAR: About that War")."""
    parts = rules.BREADCRUMB_SEPARATOR.split(line.strip())
    return len(parts) >= 2 and all(0 < len(part.split()) <= rules.BREADCRUMB_PART_MAX_WORDS for part in parts)


def _repeated_headline(lines: list[str], window: list[int]) -> int | None:
    """The index of a headline the header shows twice (a page's <h1> and its title) below a few
    short navigation lines, if any."""
    seen: dict[str, int] = {}
    for index in window:
        line = lines[index].strip()
        if is_prose(line) or len(line.split()) < rules.REPEATED_HEADLINE_MIN_WORDS:
            continue
        key = " ".join(line.split()).casefold()
        if key in seen:
            first = seen[key]
            above = [i for i in window if i < first]
            # Above a repeated caption there is a real headline; above the page's own, navigation.
            return first if all(len(lines[i].split()) <= rules.NAVIGATION_MAX_WORDS for i in above) else None
        seen[key] = index
    return None


def split_header(text: str, *, title: str | None = None) -> TextParts:
    """Take the header lines off the top of ``text`` (already cleaned of furniture).

    ``title``, when the page's metadata already gives it (front matter), is not looked for: a
    line that repeats it goes, and no other line becomes the title.
    """
    header = take_date_lines(text.split("\n"))
    lines = header.lines
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return TextParts(body="", title=title, published=choose_published(header.dates), dates=tuple(header.dates))
    known_title = title
    outlet: str | None = header.outlet
    url: str | None = None
    dropped: set[int] = set()
    labels: set[int] = set()  # short lines after the headline: dropped only if prose follows
    body_start = None
    window = nonblank[: rules.HEADER_MAX_LINES]
    repeated = None if known_title else _repeated_headline(lines, window)
    for position, index in enumerate(window):
        line = lines[index].strip()
        if is_prose(line):
            body_start = index
            break
        metadata = _metadata_line(line)
        if metadata is not None:
            url, outlet = url or metadata[0], outlet or metadata[1]
            dropped.add(index)
            continue
        if title is None and repeated is not None and index < repeated:
            labels.add(index)  # navigation above a headline the page repeats
            continue
        if title is None and _is_breadcrumb(line):
            labels.add(index)
            continue
        if title is None and _is_section_label(line) and (len(line.split()) == 1 or any(
            not is_prose(lines[later]) and len(lines[later].split()) > rules.SECTION_LABEL_MAX_WORDS
            for later in window[position + 1:]
        )):  # a one-word label ("INDIA", "World") is never the headline, even with no headline after it
            labels.add(index)
            continue
        if title is None:
            title = line
            dropped.add(index)
            continue
        if _same(line, title):
            dropped.add(index)  # the headline repeated
            continue
        if len(line.split()) <= rules.LABEL_MAX_WORDS and not re.search(r"\d", line):
            labels.add(index)  # a kicker or category label, or the first line of a list
            continue
        body_start = index  # a longer non-prose line: a subtitle, keep it in the body
        break
    if body_start is not None:
        dropped |= labels
    else:
        # No prose in the header window: the text is a list or log. Keep every line that is not
        # the headline, a date, an outlet or a byline; a lone line is the body, not a title.
        rest = [i for i in nonblank if i not in dropped]
        if not rest and title is not None and known_title is None:
            title_index = next(i for i in nonblank if lines[i].strip() == title)
            dropped.discard(title_index)
            title, rest = None, [title_index]
        body_start = rest[0] if rest else nonblank[-1]
    if title is not None:
        # The headline shown again further down (above a photo, after the standfirst).
        dropped |= {i for i in nonblank[: date_rules.DATE_WINDOW_LINES] if _same(lines[i], title)}
    signature_index = nonblank[-1]
    last_line = lines[signature_index].strip()
    # A short last line may be the outlet signing off; it counts only if it is a known outlet or
    # repeats the name the dateline gave.
    signature = last_line if signature_index > body_start and len(last_line.split()) <= 5 and not is_prose(last_line) else None
    first_paragraph = lines[body_start].strip()
    outlet = outlet or dateline_outlet(first_paragraph, signature) or (known_outlet(signature) if signature else None)
    if signature and outlet and _same(signature, outlet):
        dropped.add(signature_index)  # the outlet's name signed at the bottom is not article text
    body_lines = [line for i, line in enumerate(lines) if i >= body_start and i not in dropped]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in body_lines)).strip()
    return TextParts(body=body, title=title, outlet=outlet, published=choose_published(header.dates), url=url,
                     dates=tuple(header.dates))
