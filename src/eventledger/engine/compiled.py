"""Regular expressions compiled by an earlier process, read back instead of compiled again.

Building extraction (``engine.prepare``) compiles some 850 regular expressions: the lexicons'
alternations, the typing rules, the date and place patterns. Python's ``re`` parses each pattern
and generates its code in pure Python, about 0.45 s of CPU per process on the realnews pages,
paid again by every run. The code it generates depends only on the pattern, the flags and the
Python build, so it is kept in a file under the user's cache folder and a later process hands it
straight to ``_sre.compile``, the C constructor ``re`` itself ends with (0.02 s for all of them).

Safety, since a wrong code would silently match something else:

- the file is sealed (:mod:`eventledger.usercache`) under a fingerprint of the Python build and
  of ``_sre``'s code format, with a checksum of its table: a file written by another Python, one
  that cannot be read, fails the checksum or holds anything but the expected types is ignored
  (and replaced); it is written to a temporary file renamed over the old one;
- only plain string and bytes patterns without ``re.DEBUG`` go through it, and only on the Python
  versions whose ``re._compiler.compile`` it mirrors (``SUPPORTED``; elsewhere it does nothing).

The stand-in is in place only while :func:`reused_patterns` is open (``prepare`` opens it), not for
the life of the process.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's C core: no stubs
import contextlib
import hashlib
import marshal
import re
import sys
import threading
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eventledger.usercache import cache_dir, fingerprint, keyed_path, read_sealed, sweep, write_sealed

FORMAT = 2  # of the table: another format is another fingerprint
SUPPORTED = ((3, 11), (3, 12), (3, 13))  # whose re._compiler.compile this module mirrors
# a pattern no session used in this many of the last writes is dropped: some patterns are built
# from sets, so their text changes with each process's hash seed and they are never met again
KEEP_WRITES = 8
CODE_ITEM = "I"  # sre code words are unsigned 32-bit (_sre.CODESIZE == 4)

# pattern_key(pattern, flags) -> (flags with the pattern's inline ones, code words as bytes,
# groups - 1, group index, index group): the arguments of _sre.compile after the pattern
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
Key = bytes


def pattern_key(pattern: str | bytes, flags: int) -> Key:
    """A digest of the pattern, its type and its flags: the table holds no copy of the patterns
    (some are alternations of thousands of characters), which kept the process 5-10 MB larger."""
    text = pattern.encode("utf-8", "surrogatepass") if isinstance(pattern, str) else pattern
    tag = b"s" if isinstance(pattern, str) else b"b"
    return hashlib.blake2b(tag + int(flags).to_bytes(8, "little") + text, digest_size=16).digest()


def table_key() -> str:
    """What the compiled code depends on besides the pattern: the Python build and sre's format."""
    return fingerprint((FORMAT, _sre.MAGIC, _sre.CODESIZE, CODE_ITEM))


def cache_file(folder: Path | None = None) -> Path:
    return keyed_path(folder or cache_dir(), "patterns", table_key(), ".marshal")


def _well_formed(key: Any, entry: Any) -> bool:
    return (
        type(key) is bytes and len(key) == 16
        and isinstance(entry, tuple) and len(entry) == 5 and type(entry[0]) is int and type(entry[1]) is bytes
        and type(entry[2]) is int and type(entry[3]) is dict and type(entry[4]) is tuple
        and len(entry[1]) % array(CODE_ITEM).itemsize == 0
    )


class Table:
    """The patterns' code, and for each the number of the last write whose session used it."""

    def __init__(self, entries: dict[Key, Entry] | None = None, used_at: dict[Key, int] | None = None, writes: int = 0):
        self.entries = entries or {}
        self.used_at = used_at or dict.fromkeys(self.entries, writes)
        self.writes = writes

    def with_session(self, used: dict[Key, Entry]) -> Table:
        """This table after a write by a session that used ``used``: those stamped with the new
        write's number, the others kept while they were used in the last ``KEEP_WRITES`` writes."""
        writes = self.writes + 1
        entries = {key: entry for key, entry in self.entries.items() if self.used_at[key] > writes - KEEP_WRITES}
        entries.update(used)
        used_at = {key: writes if key in used else self.used_at[key] for key in entries}
        return Table(entries, used_at, writes)


def _sound(value: Any) -> bool:
    if not (isinstance(value, tuple) and len(value) == 3 and type(value[2]) is int):
        return False
    entries, used_at, _writes = value
    return (
        isinstance(entries, dict) and isinstance(used_at, dict) and entries.keys() == used_at.keys()
        and all(_well_formed(key, entry) and type(used_at[key]) is int for key, entry in entries.items())
    )


def read_table(path: Path) -> Table:
    """The table kept in ``path``; empty when there is none or it is not a sound file of this build."""
    payload = read_sealed(path, table_key())
    if payload is None:
        return Table()
    try:
        value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return Table()
    return Table(*value) if _sound(value) else Table()


def write_table(path: Path, table: Table) -> None:
    """Write ``table`` to ``path`` atomically (a folder that cannot be written is left alone)."""
    if write_sealed(path, table_key(), marshal.dumps((table.entries, table.used_at, table.writes))):
        sweep(path)


def compile_entry(pattern: str | bytes, flags: int) -> Entry:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern``, in the table's form."""
    compiler: Any = re._compiler  # type: ignore[attr-defined]
    parsed = compiler._parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    words = array(CODE_ITEM, [int(word) for word in code])  # the opcodes are int subclasses
    return int(flags | parsed.state.flags), words.tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup)


def from_entry(pattern: str | bytes, entry: Entry) -> re.Pattern[Any]:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array(CODE_ITEM, code).tolist(), groups, groupindex, indexgroup)  # type: ignore[no-any-return]


class _Session:
    """The table read at the start, what the process compiled or reused, and the stand-in for
    ``re._compiler.compile`` that reads and fills it."""

    def __init__(self, path: Path, original: Callable[..., Any]):
        self.path, self.original = path, original
        self.table = read_table(path)
        self.used: dict[Key, Entry] = {}
        self.missed = 0

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        if not isinstance(pattern, (str, bytes)) or flags & re.DEBUG:
            return self.original(pattern, flags)
        key = pattern_key(pattern, flags)
        entry = self.used.get(key) or self.table.entries.get(key)
        if entry is None:
            entry = compile_entry(pattern, flags)  # raises re.error as re.compile would
            self.missed += 1
        self.used[key] = entry
        return from_entry(pattern, entry)

    def save(self) -> None:
        """Write the table when this process compiled something it did not hold."""
        if not self.missed:
            return
        write_table(self.path, self.table.with_session(self.used))


_LOCK = threading.Lock()
_open: list[_Session] = []  # the session in place (one at a time: nested or concurrent opens join it)


@contextlib.contextmanager
def reused_patterns(folder: Path | None = None) -> Iterator[None]:
    """While open, ``re`` compiles through the cache in ``folder`` (default :func:`cache_dir`);
    on leaving, what was newly compiled is written back. Does nothing on an unsupported Python."""
    compiler: Any = re._compiler  # type: ignore[attr-defined]
    with _LOCK:
        if sys.version_info[:2] not in SUPPORTED or _open:
            session = None
        else:
            session = _Session(cache_file(folder), compiler.compile)
            _open.append(session)
            compiler.compile = session.compile
    try:
        yield
    finally:
        if session is not None:
            with _LOCK:
                compiler.compile = session.original
                _open.clear()
            session.save()
