"""Inputs named on the command line, expanded into ``Source``s.

A folder becomes every file under it (recursively, sorted, hidden entries and symlinked folders
skipped); ``-`` is standard input; a file that lists URLs becomes one source per URL; anything
with a scheme is a URL. Nothing here raises for a bad input: a problem travels in
``Source.error`` and ``read_source`` turns it into a ``Failure``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eventledger.errors import IngestError
from eventledger.ingest.decode import read_capped
from eventledger.ingest.formats import SKIPPED_NAMES, SKIPPED_SUFFIXES

# A line of a URL list: anything with a scheme, so that file:// and javascript: lines are kept
# and refused (with a reason) when read, rather than silently dropped.
URL_LINE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://\S+|(?:javascript|data|mailto|file):\S+)$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?://|(?!\\))")

# A URL list is recognised from its first this many bytes; larger lists are read in full after.
URL_LIST_PEEK = 65_536


@dataclass(frozen=True)
class Source:
    """One input to read: a file, a URL, or bytes already in hand (standard input)."""

    location: str  # file path, URL, or "-" for standard input
    kind: str  # file | url | bytes
    data: bytes | None = None  # content, for kind "bytes"
    origin: str | None = None  # the URL list or folder it came from
    error: str | None = None  # why it cannot be read, found while expanding inputs


def is_url(text: str) -> bool:
    """True for anything written with a scheme (``https://...``, ``file://...``, ``javascript:...``)."""
    return bool(_SCHEME.match(text)) and not re.match(r"^[a-zA-Z]:\\", text)


def url_lines(text: str) -> list[str] | None:
    """The URLs of a URL list (blank lines and ``#`` comments ignored), or None if it is not one."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if not lines or not all(URL_LINE.match(line) for line in lines):
        return None
    return lines


def _peek_url_list(path: Path, max_bytes: int) -> list[str] | None:
    try:
        size = path.stat().st_size
        if size == 0 or size > max_bytes:
            return None
        with path.open("rb") as handle:
            head = handle.read(URL_LIST_PEEK)
            if b"\x00" in head:
                return None
            first = head.decode("utf-8", errors="replace")
            if url_lines(first.rsplit("\n", 1)[0] if len(head) == URL_LIST_PEEK else first) is None:
                return None
            rest = handle.read(max_bytes - len(head)) if len(head) == URL_LIST_PEEK else b""
    except OSError:
        return None
    return url_lines((head + rest).decode("utf-8", errors="replace"))


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.lower().endswith(SKIPPED_SUFFIXES):
                continue
            if name.lower().split(".", 1)[0] in SKIPPED_NAMES:
                continue
            yield Path(root) / name


def _file_sources(path: Path, max_bytes: int, origin: str | None) -> Iterator[Source]:
    urls = _peek_url_list(path, max_bytes)
    if urls is None:
        yield Source(location=str(path), kind="file", origin=origin)
        return
    for url in urls:
        yield Source(location=url, kind="url", origin=str(path))


def iter_sources(
    inputs: list[str],
    *,
    max_bytes: int = 20_000_000,
    stdin: BinaryIO | None = None,
    expand_url_lists: bool = True,
) -> Iterator[Source]:
    """Expand command-line inputs into sources, in the order given (folders sorted by path).

    ``stdin`` defaults to the process's standard input (read, at most ``max_bytes``, only when
    ``-`` is among the inputs).
    """
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = read_capped(stream, max_bytes)
            except IngestError as exc:
                yield Source(location="-", kind="bytes", data=b"", error=f"standard input: {exc}")
                continue
            text = data.decode("utf-8", errors="replace")
            urls = url_lines(text) if expand_url_lists and len(data) < URL_LIST_PEEK * 16 else None
            if urls:
                yield from (Source(location=url, kind="url", origin="-") for url in urls)
            else:
                yield Source(location="-", kind="bytes", data=data)
            continue
        if is_url(item):
            yield Source(location=item, kind="url")
            continue
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                if expand_url_lists:
                    yield from _file_sources(file, max_bytes, origin=item)
                else:
                    yield Source(location=str(file), kind="file", origin=item)
        elif path.is_file() and expand_url_lists:
            yield from _file_sources(path, max_bytes, origin=None)
        elif path.exists() and not path.is_file():
            yield Source(location=item, kind="file", error="not a regular file (a device, socket or pipe?)")
        else:
            yield Source(location=item, kind="file")  # read_source reports a missing file
