"""Read a source: get its bytes (bounded), decide its format by content, run the reader.

``read_source`` never raises for a bad input: every problem becomes a
``Failure(source, reason, stage="ingest")`` and the batch goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
import zlib
from collections.abc import Container, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from eventledger.errors import BinaryInputError, IngestError, TooLargeError
from eventledger.ingest.decode import binary_kind, decode_text, gunzip, is_gzip, read_file
from eventledger.ingest.feed_reader import looks_like_feed, read_feed
from eventledger.ingest.fetch import FetchedPage, Fetcher, check_url
from eventledger.ingest.formats import EXTENSION_FORMATS, MARKDOWN_EXTENSIONS, TEXT_FIELDS, WARC_MAGIC
from eventledger.ingest.frontmatter import split_front_matter
from eventledger.ingest.html_reader import declared_charset, read_html
from eventledger.ingest.manifest import SavedPage, SavedPages
from eventledger.ingest.record_reader import read_csv, read_json, read_jsonl
from eventledger.ingest.sources import Source, iter_sources, path_problem, url_lines
from eventledger.ingest.text_reader import read_text
from eventledger.ingest.warc_reader import read_warc
from eventledger.models import Article, Failure

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|article|h1|h2|span|br|a|section|main)\b[^>]*>", re.I)

# A page read from a URL list or a feed may itself be a feed or a list; nesting stops here.
MAX_DEPTH = 2


def _failure(source: str, reason: object) -> Failure:
    text = " ".join(str(reason).split()) or "unknown error"
    return Failure(source=source, reason=text[:500], stage="ingest", at=dt.datetime.now(dt.UTC).replace(microsecond=0))


def _strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def sniff(text: str, name: str = "", content_type: str = "") -> str:
    """The format of a decoded document: feed, html, json, jsonl, csv, urls or text.

    Content decides; the file extension and the HTTP content type only break ties (a ``.txt``
    that holds HTML is read as HTML, a ``.csv`` whose header has no text column as text).
    """
    head = text[:4096]
    stripped = head.lstrip("\ufeff \t\r\n")
    content_type = content_type.lower()
    extension = EXTENSION_FORMATS.get(Path(_strip_gz(name.split("?")[0])).suffix.lower(), "")
    if looks_like_feed(head) or "rss" in content_type or "atom" in content_type:
        return "feed"
    if _HTML_START.match(head) or "html" in content_type:
        return "html"
    if _json_start(stripped):
        first = stripped.split("\n", 1)[0].strip()
        if extension == "jsonl" or (first.startswith("{") and first.endswith("}") and _is_json(first) and "\n{" in text[:65536].strip()):
            return "jsonl"
        return "json"
    if url_lines(text[:65536].rsplit("\n", 1)[0] if len(text) > 65536 else text):
        return "urls"
    if extension == "csv" or "csv" in content_type:
        return "csv" if _has_text_column(head) else "text"
    markdown = Path(_strip_gz(name.split("?")[0])).suffix.lower() in MARKDOWN_EXTENSIONS
    if not markdown and len(_HTML_TAGS.findall(head)) >= 3:  # Markdown may hold a few tags of its own
        return "html"
    if _has_text_column(head) and _rows_match_header(head):
        return "csv"
    return "text"


def _json_start(text: str) -> bool:
    # "[Updated] Rockets hit ..." is prose: JSON opens an object with a key or a list with a value.
    return bool(re.match(r'\{\s*(?:"|\})|\[\s*(?:[{\["\]\d-]|true|false|null)', text))


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def _has_text_column(head: str) -> bool:
    header = head.split("\n", 1)[0]
    cells = [cell.strip().strip('"') for cell in re.split(r"[,\t;|]", header)]
    # A header is a row of short names; a sentence that happens to say "text," is not one.
    if len(cells) < 2 or not all(_HEADER_CELL.match(cell) and len(cell.split()) <= 3 for cell in cells):
        return False
    names = {cell.casefold() for cell in cells}
    return any(field.casefold() in names for field in TEXT_FIELDS)


_HEADER_CELL = re.compile(r"^[\w :/-]{0,40}$")


def _rows_match_header(head: str) -> bool:
    """True when the first data row has as many cells as the header (a table, not prose)."""
    delimiter = "\t" if head.split("\n", 1)[0].count("\t") else ","
    rows = list(csv.reader(io.StringIO(head.rsplit("\n", 1)[0] if head.count("\n") > 1 else head), delimiter=delimiter))
    return len(rows) >= 2 and len(rows[0]) == len(rows[1])


def read_bytes(
    data: bytes,
    *,
    source: str,
    fetcher: Fetcher | None,
    max_bytes: int,
    max_text_chars: int,
    name: str = "",
    content_type: str = "",
    encoding: str | None = None,
    url: str | None = None,
    depth: int = 0,
    outlet_hint: str | None = None,
    skip_urls: Container[str] = (),
    saved: SavedPage | None = None,
) -> Iterator[Article | Failure]:
    """Read one input's bytes: decompress, sniff, dispatch to the reader. Raises ``IngestError``.

    ``url`` is the address the bytes were fetched from; ``saved`` what the user says of a saved
    file (the address it was saved from, its outlet: ``ingest --manifest``/``--url``), read as
    the page's address and outlet but not as a fetch.
    """
    if is_gzip(data):
        if _gz_is_warc(data):
            yield from read_warc(data, source=source, max_bytes=max_bytes, max_text_chars=max_text_chars)
            return
        data = gunzip(data, max_bytes)
        name = _strip_gz(name)
    if data.lstrip()[:5] == WARC_MAGIC:
        yield from read_warc(data, source=source, max_bytes=max_bytes, max_text_chars=max_text_chars)
        return
    kind = binary_kind(data)
    if kind:
        raise BinaryInputError(f"not text: {kind}")
    declared = encoding or declared_charset(data)
    text, _ = decode_text(data, declared)
    fetched = url is not None
    if saved is not None:
        url = url or saved.url
        outlet_hint = outlet_hint or saved.outlet
    front_matter, text = split_front_matter(text)  # a static-site page: metadata, then the page
    fmt = sniff(text, name, content_type)
    if fmt == "feed":
        yield from read_feed(
            text, source=source, max_text_chars=max_text_chars, fetcher=fetcher if depth < MAX_DEPTH else None,
            read_page=lambda page, link, outlet: _read_page(page, link, fetcher, max_bytes, max_text_chars, depth + 1, outlet),
            skip_urls=skip_urls,
        )
    elif fmt == "html":
        yield from read_html(text, source=source, url=url, max_text_chars=max_text_chars, fetched=fetched,
                             fallback_outlet=outlet_hint, front_matter=front_matter)
    elif fmt == "json":
        yield from read_json(text, source=source, max_text_chars=max_text_chars)
    elif fmt == "jsonl":
        yield from read_jsonl(text, source=source, max_text_chars=max_text_chars)
    elif fmt == "csv":
        yield from read_csv(text, source=source, max_text_chars=max_text_chars)
    elif fmt == "urls":
        if depth >= MAX_DEPTH or fetcher is None:
            raise IngestError("a list of URLs, but no fetcher is available to read them")
        for link in url_lines(text) or []:
            if link in skip_urls:
                continue
            yield from read_source(Source(location=link, kind="url", origin=source), fetcher=fetcher,
                                   max_bytes=max_bytes, max_text_chars=max_text_chars, skip_urls=skip_urls,
                                   _depth=depth + 1)
    else:
        markdown = Path(_strip_gz(name.split("?")[0])).suffix.lower() in MARKDOWN_EXTENSIONS
        yield from read_text(text, source=source, url=url, max_text_chars=max_text_chars, fetched=fetched,
                             front_matter=front_matter, markdown=markdown, file_name=name, outlet_hint=outlet_hint)


def _gz_is_warc(data: bytes) -> bool:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            return handle.read(16).lstrip()[:5] == WARC_MAGIC
    except (OSError, EOFError, zlib.error):
        return False


def _read_page(page: FetchedPage, link: str, fetcher: Fetcher | None, max_bytes: int, max_text_chars: int,
               depth: int, outlet_hint: str | None = None, skip_urls: Container[str] = ()) -> Iterator[Article | Failure]:
    if len(page.body) > max_bytes:
        raise TooLargeError(f"{link}: body over the limit of {max_bytes} bytes")
    url = page.final_url or link
    for item in read_bytes(page.body, source=url, fetcher=fetcher, max_bytes=max_bytes, max_text_chars=max_text_chars,
                           name=url, content_type=page.content_type, encoding=page.encoding, url=url, depth=depth,
                           outlet_hint=outlet_hint, skip_urls=skip_urls):
        if isinstance(item, Article) and item.url is None:
            item = replace(item, url=url)
        yield item


def _source_bytes(source: Source, max_bytes: int) -> tuple[bytes, str]:
    """The bytes of a file or in-memory source (bounded by ``max_bytes``) and its file name."""
    if source.kind == "bytes":
        data = source.data or b""
        if len(data) > max_bytes:
            raise TooLargeError(f"{len(data)} bytes, over the limit of {max_bytes}")
        return data, ""
    path = Path(source.location)
    problem = path_problem(path)
    if problem:
        raise IngestError(problem)
    if path.is_dir():
        raise IngestError("a folder, where a file was expected")
    return read_file(path, max_bytes), path.name


def read_source(
    source: Source | str,
    *,
    fetcher: Fetcher | None,
    max_bytes: int = 20_000_000,
    max_text_chars: int = 2_000_000,
    skip_urls: Container[str] = (),
    follow_symlinks: bool = False,
    saved_pages: SavedPages | None = None,
    _depth: int = 0,
) -> Iterator[Article | Failure]:
    """Yield the articles of one source, and a ``Failure`` for each bad input or record in it.

    ``skip_urls`` (URLs already stored) are not fetched again when a feed or a URL list names
    them, which is what a feed poller wants. ``saved_pages`` (a manifest) gives saved files
    their address and outlet (``eventledger.ingest.manifest``).

    Never raises for bad input: a missing file, binary or over-size data, an unreachable URL,
    a broken record — each becomes ``Failure(source, reason, stage="ingest")``. Memory is
    bounded by ``max_bytes`` (files over it are refused by size before any byte is read).
    """
    if isinstance(source, str):  # a path, folder or URL as typed: expand it like the command line does
        for each in iter_sources([source], max_bytes=max_bytes, expand_url_lists=False, follow_symlinks=follow_symlinks):
            yield from read_source(each, fetcher=fetcher, max_bytes=max_bytes, max_text_chars=max_text_chars,
                                   skip_urls=skip_urls, saved_pages=saved_pages, _depth=_depth)
        return
    where = source.location
    if source.error:
        yield _failure(where, source.error)
        return
    try:
        if source.kind == "url":
            url = check_url(where)
            if fetcher is None:
                raise IngestError("a URL, but no fetcher is available to read it")
            page = fetcher.get(url)
            yield from _read_page(page, url, fetcher, max_bytes, max_text_chars, _depth, skip_urls=skip_urls)
            return
        data, name = _source_bytes(source, max_bytes)
        saved = saved_pages.of(where) if saved_pages is not None and source.kind == "file" else None
        yield from read_bytes(data, source=where, fetcher=fetcher, max_bytes=max_bytes,
                              max_text_chars=max_text_chars, name=name, depth=_depth, skip_urls=skip_urls,
                              saved=saved)
    except IngestError as exc:
        yield _failure(where, exc)
    except PermissionError as exc:
        yield _failure(where, f"cannot read: permission denied ({exc.filename})")
    except OSError as exc:
        yield _failure(where, f"cannot read: {exc.strerror or exc}")
    except RecursionError:
        yield _failure(where, "input nested too deeply to read (recursion limit)")
    except MemoryError:
        yield _failure(where, "input too large to hold in memory; lower max_bytes")
    except Exception as exc:
        yield _failure(where, f"unexpected {type(exc).__name__} while reading: {str(exc)[:200]}")


def read_inputs(
    inputs: list[str],
    fetcher: Fetcher | None,
    max_bytes: int = 20_000_000,
    max_text_chars: int = 2_000_000,
    *,
    stdin: BinaryIO | None = None,
    skip_urls: Container[str] = (),
    follow_symlinks: bool = False,
    saved_pages: SavedPages | None = None,
) -> Iterator[Article | Failure]:
    """Every article and failure of every input, in order (which are copies of which is decided
    when they are stored: ``NearDuplicateIndex.place``). A folder's symlinked files that lead out
    of it are failures unless ``follow_symlinks``. ``saved_pages`` gives saved files the address
    and outlet a manifest lists for them; the manifest itself, in a folder being read, is not an
    article."""
    for source in iter_sources(inputs, max_bytes=max_bytes, stdin=stdin, follow_symlinks=follow_symlinks):
        if source.kind == "url" and source.origin is not None and source.location in skip_urls:
            continue  # listed in a URL file and already stored
        if saved_pages is not None and source.kind == "file" and saved_pages.is_manifest(source.location):
            continue
        yield from read_source(source, fetcher=fetcher, max_bytes=max_bytes, max_text_chars=max_text_chars,
                               skip_urls=skip_urls, saved_pages=saved_pages)
