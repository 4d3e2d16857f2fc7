"""Regular expressions read back from the cache of compiled patterns are the ones re compiles."""

from __future__ import annotations

import marshal
import re
import sys

import pytest

from eventledger.engine import compiled
from eventledger.engine.compiled import (
    KEEP_WRITES,
    Table,
    cache_file,
    pattern_key,
    read_table,
    reused_patterns,
    write_table,
)
from eventledger.usercache import write_sealed

pytestmark = pytest.mark.skipif(sys.version_info[:2] not in compiled.SUPPORTED, reason="the cache is off here")

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<day>\d{1,2}) (?P<month>[a-z]+) (?P<year>(?:19|20)\d{2})", 0),
    (r"(?<![a-z])(?:rocket|mortar)s? (?:hit|struck)(?![a-z])", re.IGNORECASE),
    (r"(?i:gunmen) (?-i:Killed) (\w+)(?(1) a| the)", 0),
    (r"^\s*#.*$", re.MULTILINE | re.VERBOSE),
    (rb"[\x00-\x08]{3,}", 0),
    (r"(?x) a \s+ b  # a comment", 0),
]


def compile_each() -> list[re.Pattern]:
    re.purge()  # re's own cache would answer before the compiler is asked
    return [re.compile(pattern, flags) for pattern, flags in PATTERNS]


@pytest.fixture
def fresh() -> list[re.Pattern]:
    return compile_each()


def test_patterns_compiled_through_the_cache_equal_re_s_own(tmp_path, fresh):
    # Pattern equality compares the flags, the pattern and the compiled code
    with reused_patterns(tmp_path):
        first = compile_each()
    with reused_patterns(tmp_path):
        again = compile_each()
    assert first == fresh and again == fresh
    assert [p.groupindex for p in again] == [p.groupindex for p in fresh]
    assert again[0].search("on 21 march 2020").group("month") == "march"
    assert again[2].fullmatch("gunmen Killed two a")


def test_a_second_process_reads_the_code_instead_of_compiling(tmp_path, monkeypatch, fresh):
    with reused_patterns(tmp_path):
        compile_each()
    assert len(read_table(cache_file(tmp_path)).entries) == len(PATTERNS)

    def no_compiling(pattern, flags):
        raise AssertionError(f"compiled again: {pattern!r}")

    monkeypatch.setattr(compiled, "compile_entry", no_compiling)
    with reused_patterns(tmp_path):
        assert compile_each() == fresh


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "other python", "wrong types"])
def test_a_damaged_or_foreign_file_is_ignored_and_rewritten(tmp_path, fresh, damage):
    path = cache_file(tmp_path)
    with reused_patterns(tmp_path):
        compile_each()
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"not a table")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":  # one byte of the table changed: the checksum no longer holds
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:])
    elif damage == "other python":  # sealed under another build's fingerprint
        table = read_table(path)
        write_sealed(path, "0" * 32, marshal.dumps((table.entries, table.used_at, table.writes)))
    else:
        write_table(path, Table({pattern_key("x", 0): ("not", "an", "entry")}))  # type: ignore[dict-item]
    assert read_table(path).entries == {}
    with reused_patterns(tmp_path):
        assert compile_each() == fresh
    assert len(read_table(path).entries) == len(PATTERNS)


def test_the_file_is_written_whole_and_only_when_something_was_new(tmp_path):
    path = cache_file(tmp_path)
    with reused_patterns(tmp_path):
        compile_each()
    written = path.stat().st_mtime_ns
    with reused_patterns(tmp_path):
        compile_each()
    assert path.stat().st_mtime_ns == written
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_the_stand_in_is_removed_on_leaving_and_errors_are_re_s(tmp_path):
    original = re._compiler.compile  # type: ignore[attr-defined]
    with reused_patterns(tmp_path):
        assert re._compiler.compile is not original  # type: ignore[attr-defined]
        with pytest.raises(re.error):
            re.compile(r"(unbalanced")
    assert re._compiler.compile is original  # type: ignore[attr-defined]


def test_a_folder_that_cannot_be_written_costs_nothing_but_time(tmp_path, fresh):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    with reused_patterns(blocker / "cache"):
        assert compile_each() == fresh


def test_a_pattern_no_session_meets_again_is_dropped_after_a_few_writes(tmp_path):
    path = cache_file(tmp_path)
    with reused_patterns(tmp_path):
        re.purge()
        re.compile(r"a pattern of one process only (?:one|two)")
    for n in range(KEEP_WRITES):
        with reused_patterns(tmp_path):
            compile_each()
            re.compile(rf"a pattern made anew by each process {n}")  # a write each time
        table = read_table(path)
        kept = pattern_key("a pattern of one process only (?:one|two)", 0) in table.entries
        assert kept == (n < KEEP_WRITES - 1)
        assert all(pattern_key(*pattern) in table.entries for pattern in PATTERNS)
