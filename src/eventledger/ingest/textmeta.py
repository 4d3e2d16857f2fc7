"""Split a plain-text article into title, outlet, publication date and body.

Nothing is invented: the date is taken only from a line that is a date, the outlet only from a
dateline, a site-name line or a signature the text carries. The rules are data in
:mod:`eventledger.ingest.header_rules`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from eventledger.ingest import header_rules as rules
from eventledger.ingest.dates import date_line
from eventledger.ingest.furniture import is_prose


@dataclass(frozen=True)
class TextParts:
    """What a plain-text article's header says, and its body."""

    body: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None


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


def split_header(text: str) -> TextParts:
    """Take the header lines off the top of ``text`` (already cleaned of furniture)."""
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return TextParts(body="")
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    dropped: set[int] = set()
    labels: set[int] = set()  # short lines after the headline: dropped only if prose follows
    body_start = None
    for index in nonblank[: rules.HEADER_MAX_LINES]:
        line = lines[index].strip()
        if is_prose(line):
            body_start = index
            break
        link = re.match(rules.URL_LINE, line, flags=re.I)
        if link:
            url = url or link.group("url")
            dropped.add(index)
            continue
        meta = _meta_line(line)
        if meta is not None:
            when, name = meta
            published = published or when
            outlet = outlet or name
            dropped.add(index)
            continue
        if title is None:
            title = line
            dropped.add(index)
            continue
        if _same(line, title):
            dropped.add(index)  # the headline repeated
            continue
        if len(line.split()) <= rules.LABEL_MAX_WORDS:
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
        if not rest and title is not None:
            title_index = next(i for i in nonblank if lines[i].strip() == title)
            dropped.discard(title_index)
            title, rest = None, [title_index]
        body_start = rest[0] if rest else nonblank[-1]
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
    return TextParts(body=body, title=title, outlet=outlet, published=published, url=url)
