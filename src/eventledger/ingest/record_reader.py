"""Readers for records: JSON (one object or a list), JSON Lines, and CSV/TSV with a text column.

Field mapping (first present, non-empty field wins; lists in :mod:`eventledger.ingest.formats`):

=========  ==============================================================
text       text, body, content, notes, summary, EventSnippet, article, description
title      title, headline
url        url, link, source_url
outlet     outlet, source, site, site_name, publisher
published  published, date, pubDate, published_at, event_date
=========  ==============================================================

A text that is HTML (a feed export's ``content``) goes through the HTML reader. A record
without text, or a line that is not JSON, becomes a ``Failure``; the other records go on.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from eventledger.errors import IngestError
from eventledger.ingest.build import make_article
from eventledger.ingest.dates import parse_date
from eventledger.ingest.formats import (
    MIN_RECORD_WORDS,
    OUTLET_FIELDS,
    PUBLISHED_FIELDS,
    RECORD_LIST_KEYS,
    TEXT_FIELDS,
    TITLE_FIELDS,
    URL_FIELDS,
)
from eventledger.ingest.furniture import strip_furniture
from eventledger.ingest.html_reader import read_html
from eventledger.models import Article, Failure

_HTML_HINT = re.compile(r"<(?:p|div|br|article|span|h[1-6]|ul|li|a)\b[^>]*>", re.I)


def _field(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    lowered = {str(k).casefold(): v for k, v in record.items()}
    for name in names:
        value = record.get(name, lowered.get(name.casefold()))
        if isinstance(value, dict):  # {"title": {"rendered": "..."}} as WordPress exports it
            value = value.get("rendered") or value.get("value") or value.get("name")
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None


_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def iter_lines(text: str, keep_ends: bool = False) -> Iterator[str]:
    """The lines of ``text`` one at a time (a StringIO or a split would copy a large file again)."""
    for match in _LINE.finditer(text):
        line = match.group(0)
        yield line if keep_ends else line.rstrip("\n")


def record_article(record: dict[str, Any], *, source: str, max_text_chars: int, format: str) -> Article:
    """One record as an ``Article``; ``IngestError`` when it holds no text."""
    text = _field(record, TEXT_FIELDS)
    if text is None:
        present = ", ".join(sorted(map(str, record))[:8]) or "none"
        raise IngestError(f"no text field (looked for {', '.join(TEXT_FIELDS)}; fields present: {present})")
    title = _field(record, TITLE_FIELDS)
    url = _field(record, URL_FIELDS)
    outlet = _field(record, OUTLET_FIELDS)
    published = parse_date(_field(record, PUBLISHED_FIELDS))
    if _HTML_HINT.search(text[:2000]):
        article = next(read_html(text, source=source, url=url, max_text_chars=max_text_chars, fallback_title=title))
        return replace(
            article,
            format=format,
            title=article.title or title,
            outlet=outlet or article.outlet,
            published=published or article.published,
        )
    return make_article(
        strip_furniture(text),
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        source=source,
        format=format,
        max_text_chars=max_text_chars,
        min_words=MIN_RECORD_WORDS,
    )


def _records(items: Iterable[tuple[str, Any]], *, source: str, max_text_chars: int, format: str) -> Iterator[Article | Failure]:
    for label, record in items:
        where = f"{source}#{label}"
        if not isinstance(record, dict):
            yield Failure(source=where, reason=f"record is a {type(record).__name__}, not an object")
            continue
        try:
            yield record_article(record, source=where, max_text_chars=max_text_chars, format=format)
        except IngestError as exc:
            yield Failure(source=where, reason=str(exc))


def read_json(text: str, *, source: str, max_text_chars: int) -> Iterator[Article | Failure]:
    """Records of a JSON document: an object, a list of objects, or an object holding such a list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    except RecursionError as exc:
        raise IngestError("JSON nested too deeply to read") from exc
    if isinstance(data, dict):
        for key in RECORD_LIST_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
    records = data if isinstance(data, list) else [data]
    if not records:
        raise IngestError("JSON holds no records")
    yield from _records(((str(i), r) for i, r in enumerate(records)), source=source, max_text_chars=max_text_chars, format="json")


def read_jsonl(text: str, *, source: str, max_text_chars: int) -> Iterator[Article | Failure]:
    """Records of a JSON Lines document, one object per non-blank line."""

    def items() -> Iterator[tuple[str, Any]]:
        for number, line in enumerate(iter_lines(text), start=1):
            if not line.strip():
                continue
            try:
                yield f"line={number}", json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                yield f"line={number}", _BadLine(str(getattr(exc, "msg", exc)))

    for label, record in items():
        if isinstance(record, _BadLine):
            yield Failure(source=f"{source}#{label}", reason=f"not valid JSON ({record.reason})")
            continue
        yield from _records([(label, record)], source=source, max_text_chars=max_text_chars, format="json")


class _BadLine:
    def __init__(self, reason: str) -> None:
        self.reason = reason


def _dialect(sample: str, source: str) -> type[csv.Dialect] | csv.Dialect:
    if source.lower().endswith(".tsv") or sample.split("\n", 1)[0].count("\t") > sample.split("\n", 1)[0].count(","):
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample[:8192], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def read_csv(text: str, *, source: str, max_text_chars: int) -> Iterator[Article | Failure]:
    """Rows of a CSV/TSV file with a header naming a text column."""
    csv.field_size_limit(max(max_text_chars * 4, 1 << 20))
    reader = csv.DictReader(iter_lines(text, keep_ends=True), dialect=_dialect(text, source))
    header = reader.fieldnames or []
    if not any(str(name).casefold() in {f.casefold() for f in TEXT_FIELDS} for name in header):
        raise IngestError(f"CSV has no text column (looked for {', '.join(TEXT_FIELDS)}; header: {', '.join(map(str, header[:10]))})")
    for label, row in _rows(reader):
        if isinstance(row, _BadLine):
            yield Failure(source=f"{source}#{label}", reason=row.reason)
            continue
        yield from _records([(label, row)], source=source, max_text_chars=max_text_chars, format="csv")


# A file whose rows fail one after another this many times is not CSV: stop there.
MAX_BAD_ROWS_IN_A_ROW = 20


def _rows(reader: csv.DictReader[str]) -> Iterator[tuple[str, dict[str, Any] | _BadLine]]:
    """The rows of ``reader``, a broken row (a cell over the size limit, a NUL) as a ``_BadLine``:
    Python's reader goes on at the next line, so one bad cell costs one row, not the rest of the file."""
    number = 0
    bad_in_a_row = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            bad_in_a_row += 1
            if bad_in_a_row >= MAX_BAD_ROWS_IN_A_ROW:
                raise IngestError(f"CSV broken at line {reader.line_num} ({exc}), and the rows after it too") from exc
            yield f"row={number}", _BadLine(f"CSV row broken at line {reader.line_num} ({exc}); the other rows were read")
            continue
        bad_in_a_row = 0
        yield f"row={number}", {k: v for k, v in row.items() if k is not None}
