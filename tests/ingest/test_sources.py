"""Inputs expanded into sources: folders, standard input, URL lists, URLs, missing paths."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from eventledger.ingest import MockFetcher, iter_sources, read_inputs
from eventledger.ingest.sources import is_url, url_lines
from eventledger.models import Article, Failure

from .corpus import CONVOY_BODY, MARKET_BODY, ROCKET_BODY, html_page, paragraphs


def _tree(root: Path) -> None:
    (root / "b" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text(paragraphs(ROCKET_BODY))
    (root / "b" / "c.html").write_text(html_page("Convoy struck", CONVOY_BODY))
    (root / "b" / "deeper" / "d.txt").write_text(paragraphs(MARKET_BODY))
    (root / ".hidden" / "secret.txt").write_text(paragraphs(MARKET_BODY))
    (root / ".dotfile").write_text("x")
    (root / "cache.pyc").write_bytes(b"\x00\x01")
    (root / "gold.yaml").write_text("documents: []\n")
    (root / "README.md").write_text("# What this folder holds\n\nSome notes about the corpus and where it came from.\n")


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    sources = list(iter_sources([str(tmp_path)]))
    assert [Path(s.location).relative_to(tmp_path).as_posix() for s in sources] == ["a.txt", "b/c.html", "b/deeper/d.txt"]
    assert all(s.kind == "file" and s.origin == str(tmp_path) for s in sources)


def test_symlinked_folders_are_not_followed(tmp_path: Path) -> None:
    _tree(tmp_path / "real")
    os.symlink(tmp_path / "real", tmp_path / "real" / "b" / "loop")
    sources = list(iter_sources([str(tmp_path / "real")]))
    assert len(sources) == 3


def test_stdin_dash_reads_standard_input() -> None:
    stream = io.BytesIO(paragraphs(CONVOY_BODY).encode())
    [source] = list(iter_sources(["-"], stdin=stream))
    assert source.kind == "bytes" and source.location == "-" and source.data.startswith(b"A roadside bomb")
    [article] = list(read_inputs(["-"], None, stdin=io.BytesIO(paragraphs(CONVOY_BODY).encode())))
    assert isinstance(article, Article) and article.source == "-"


def test_stdin_url_list_becomes_url_sources() -> None:
    stream = io.BytesIO(b"https://a.example/1\nhttps://a.example/2\n")
    assert [(s.kind, s.location) for s in iter_sources(["-"], stdin=stream)] == [
        ("url", "https://a.example/1"), ("url", "https://a.example/2")]


def test_url_list_file_is_expanded_and_other_files_are_not(tmp_path: Path) -> None:
    listing = tmp_path / "links.txt"
    listing.write_text("# comment\nhttps://a.example/1\n\nhttp://b.example/2?x=1\n")
    prose = tmp_path / "prose.txt"
    prose.write_text("See https://a.example/1 for the report.\nhttps://a.example/2\n")
    sources = list(iter_sources([str(listing), str(prose)]))
    assert [(s.kind, s.location) for s in sources] == [
        ("url", "https://a.example/1"), ("url", "http://b.example/2?x=1"), ("file", str(prose))]
    assert sources[0].origin == str(listing)


def test_files_named_explicitly_are_read_even_if_a_walk_skips_them(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert [s.location for s in iter_sources([str(tmp_path / "README.md")])] == [str(tmp_path / "README.md")]


def test_urls_and_missing_paths_pass_through(tmp_path: Path) -> None:
    sources = list(iter_sources(["https://a.example/x", "javascript:alert(1)", str(tmp_path / "nope.txt")]))
    assert [s.kind for s in sources] == ["url", "url", "file"]
    results = list(read_inputs(["javascript:alert(1)", str(tmp_path / "nope.txt")], MockFetcher()))
    assert all(isinstance(r, Failure) for r in results) and len(results) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [("https://a.example/1\n", ["https://a.example/1"]), ("# only a comment\n", None), ("", None),
     ("https://a.example/1\nnot a url\n", None), ("  http://x.example/a  \n\n file:///etc/hosts\n", ["http://x.example/a", "file:///etc/hosts"])],
)
def test_url_lines(text: str, expected: list[str] | None) -> None:
    assert url_lines(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("https://a.example", True), ("file:///tmp/x", True), ("javascript:alert(1)", True), ("notes/2020.txt", False),
     ("C:\\data\\a.txt", False), ("-", False)],
)
def test_is_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected


def test_placing_articles_read_from_several_inputs_links_the_later_copy(tmp_path: Path) -> None:
    from eventledger.ingest import NearDuplicateIndex

    (tmp_path / "1.txt").write_text("Rockets hit airbase\n\n" + paragraphs(ROCKET_BODY))
    (tmp_path / "2.txt").write_text("Airbase targeted by rockets, officials say\n\nTigris Wire / " + paragraphs(ROCKET_BODY))
    (tmp_path / "3.txt").write_text(paragraphs(CONVOY_BODY))
    index = NearDuplicateIndex()
    articles = list(read_inputs([str(tmp_path)], None))
    by_id = {a.id: a for a in articles}
    first, second, third = (index.place(a, by_id.__getitem__).article for a in articles)
    assert first.duplicate_of is None and third.duplicate_of is None
    assert second.duplicate_of == first.id and second.id != first.id
    assert len(index) == 2


def test_read_source_given_a_folder_path_reads_every_file(tmp_path: Path) -> None:
    from eventledger.ingest import read_source

    _tree(tmp_path)
    results = list(read_source(str(tmp_path), fetcher=None))
    assert [r.format for r in results] == ["text", "html", "text"]


# -- symlinks and special files in a folder --------------------------------------------------------


def _reasons(results: list) -> dict[str, str]:
    return {Path(r.source).name: r.reason for r in results if isinstance(r, Failure)}


def test_a_symlinked_file_leading_out_of_the_folder_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "private.txt"
    outside.write_text(paragraphs(MARKET_BODY))
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(paragraphs(ROCKET_BODY))
    os.symlink(outside, folder / "b.txt")
    os.symlink("/etc/passwd", folder / "c.txt")
    results = list(read_inputs([str(folder)], None))
    assert [r.text for r in results if isinstance(r, Article)] == [paragraphs(ROCKET_BODY)]
    reasons = _reasons(results)
    assert "a symlink to /etc/passwd, outside the folder being ingested" in reasons["c.txt"]
    assert str(outside) in reasons["b.txt"] and "follow_symlinks" in reasons["b.txt"]


def test_follow_symlinks_reads_them(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(paragraphs(MARKET_BODY))
    folder = tmp_path / "pages"
    folder.mkdir()
    os.symlink(outside, folder / "b.txt")
    [article] = list(read_inputs([str(folder)], None, follow_symlinks=True))
    assert isinstance(article, Article) and article.text == paragraphs(MARKET_BODY)


def test_a_symlink_inside_the_folder_and_a_file_named_on_the_command_line_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(paragraphs(ROCKET_BODY))
    os.symlink("sub/a.txt", folder / "link.txt")
    assert [isinstance(r, Article) for r in read_inputs([str(folder)], None)] == [True, True]
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(paragraphs(MARKET_BODY))
    os.symlink(outside, tmp_path / "named.txt")
    [article] = list(read_inputs([str(tmp_path / "named.txt")], None))
    assert isinstance(article, Article)


def test_links_that_go_nowhere_and_special_files_say_what_they_are(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    os.symlink(folder / "loop-b", folder / "loop-a")
    os.symlink(folder / "loop-a", folder / "loop-b")
    os.symlink(folder / "gone.txt", folder / "broken")
    os.mkfifo(folder / "pipe")
    reasons = _reasons(list(read_inputs([str(folder)], None)))
    assert reasons["loop-a"].startswith("a symlink loop") and reasons["loop-b"].startswith("a symlink loop")
    assert reasons["broken"].startswith("a broken symlink") and "gone.txt" in reasons["broken"]
    assert reasons["pipe"] == "not a regular file: a named pipe (FIFO)"
    # named on the command line, the same words
    [loop] = list(read_inputs([str(folder / "loop-a")], None))
    assert loop.reason.startswith("a symlink loop")
