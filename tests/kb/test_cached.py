"""The built knowledge base kept in the user's cache: read back whole, rebuilt when stale or damaged."""

from __future__ import annotations

import pytest

from eventledger.kb import base, load_actors
from eventledger.kb.base import KnowledgeBase, cached_kb, kb_cache_file, kb_key

NAMES = ["Diwaniya", "Baghdad", "Mosul", "Kabul", "Nairobi", "Tripoli"]


def lookups(kb: KnowledgeBase) -> list[object]:
    return [kb.match_place(name) for name in NAMES] + [kb.match_actor("Esmail Ghaani"), kb.outlet("AP")]


@pytest.fixture
def built(tmp_path) -> KnowledgeBase:
    return cached_kb(tmp_path)


def no_building(*args, **kwargs):
    raise AssertionError("the KB was built again")


def test_a_second_process_reads_the_built_kb_back(tmp_path, built, monkeypatch):
    assert [p.name for p in tmp_path.iterdir()] == [kb_cache_file(kb_key(), tmp_path).name]
    monkeypatch.setattr(base, "build_kb", no_building)
    again = cached_kb(tmp_path)
    assert again is not built
    assert lookups(again) == lookups(built)
    assert dict(again.places) == dict(built.places)


def test_the_kb_read_back_shares_the_process_s_actor_registry(tmp_path, built, monkeypatch):
    monkeypatch.setattr(base, "build_kb", no_building)
    again = cached_kb(tmp_path)
    assert again.registry is load_actors() and again.actors is load_actors().actors


def test_a_kb_built_from_other_files_is_not_read(tmp_path, built, monkeypatch):
    monkeypatch.setattr(base, "kb_key", lambda: "0" * 32)  # as after an edit of a data file
    rebuilt = []
    real_build = base.build_kb
    monkeypatch.setattr(base, "build_kb", lambda: rebuilt.append(1) or real_build())
    assert lookups(cached_kb(tmp_path)) == lookups(built)
    assert rebuilt == [1]
    assert lookups(cached_kb(tmp_path)) == lookups(built) and rebuilt == [1]  # written under the new key
    assert len(list(tmp_path.iterdir())) == 2  # beside the other version's file, not over it


def test_files_of_versions_not_run_for_a_week_are_swept(tmp_path, monkeypatch):
    import os
    import time

    old, recent = tmp_path / "kb-0000000000000000.pickle", tmp_path / "kb-1111111111111111.pickle"
    for path in (old, recent):
        path.write_bytes(b"another version's KB")
    long_ago = time.time() - 8 * 86_400
    os.utime(old, (long_ago, long_ago))
    cached_kb(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([recent.name, kb_cache_file(kb_key(), tmp_path).name])


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped"])
def test_a_damaged_file_is_ignored_and_rebuilt(tmp_path, built, monkeypatch, damage):
    path = kb_cache_file(kb_key(), tmp_path)
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x80\x05not a pickle")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:  # one byte of the pickle changed: the checksum no longer holds
        path.write_bytes(data[:-100] + bytes([data[-100] ^ 1]) + data[-99:])
    rebuilt = []
    real_build = base.build_kb
    monkeypatch.setattr(base, "build_kb", lambda: rebuilt.append(1) or real_build())
    assert lookups(cached_kb(tmp_path)) == lookups(built)
    assert rebuilt == [1]
    assert path.read_bytes() == data  # written again whole


def test_a_folder_that_cannot_be_written_still_gives_the_kb(tmp_path, built):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    assert lookups(cached_kb(blocker / "cache")) == lookups(built)
