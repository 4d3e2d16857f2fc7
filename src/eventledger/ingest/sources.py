"""Inputs named on the command line, expanded into ``Source``s.

A folder becomes every file under it (recursively, sorted, hidden entries and symlinked folders
skipped); ``-`` is standard input; a file that lists URLs becomes one source per URL; anything
with a scheme is a URL. Nothing here raises for a bad input: a problem travels in
``Source.error`` and ``read_source`` turns it into a ``Failure``.

A symlinked file in a folder is read only when it leads to a file inside that folder: a folder
of downloaded pages must not be able to make the ingester store ``/etc/passwd`` (unless
``follow_symlinks`` says so). A file named on the command line is read wherever it leads.
"""

from __future__ import annotations

import errno
import os
import re
import stat
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


def path_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (a symlink loop, a broken link, a pipe...), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop (the link leads back to itself)"
        if path.is_symlink():
            return f"a broken symlink (it points to {os.readlink(path)}, which does not exist)"
        if exc.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    for test, kind in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return f"not a regular file: {kind}"
    return "not a regular file"


def _link_out_of(path: Path, root: Path) -> str | None:
    """Where a symlinked ``path`` leads when that is outside ``root`` (resolved), else None."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    return None if target.is_relative_to(root) else str(target)


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


def _folder_sources(folder: Path, item: str, max_bytes: int, expand_url_lists: bool, follow_symlinks: bool) -> Iterator[Source]:
    root = folder.resolve()
    for file in _walk(folder):
        problem = path_problem(file)
        outside = None if problem or follow_symlinks else _link_out_of(file, root)
        if outside:
            problem = (f"a symlink to {outside}, outside the folder being ingested: not followed "
                       "(set follow_symlinks, or name the file itself, to read it)")
        if problem or not expand_url_lists:
            yield Source(location=str(file), kind="file", origin=item, error=problem)
        else:
            yield from _file_sources(file, max_bytes, origin=item)


def iter_sources(
    inputs: list[str],
    *,
    max_bytes: int = 20_000_000,
    stdin: BinaryIO | None = None,
    expand_url_lists: bool = True,
    follow_symlinks: bool = False,
) -> Iterator[Source]:
    """Expand command-line inputs into sources, in the order given (folders sorted by path).

    ``stdin`` defaults to the process's standard input (read, at most ``max_bytes``, only when
    ``-`` is among the inputs). A folder's symlinked files that lead out of it are failures
    unless ``follow_symlinks``.
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
            yield from _folder_sources(path, item, max_bytes, expand_url_lists, follow_symlinks)
        elif path.is_file() and expand_url_lists:
            yield from _file_sources(path, max_bytes, origin=None)
        else:
            yield Source(location=item, kind="file", error=path_problem(path))
