"""SIGTERM is raised as ``Terminated`` in the main thread: no handler of one bad input may take it
for that input's failure and carry on (the run would end with status 0 and a false failure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventledger.cli import Terminated
from eventledger.extract import core as extract_core
from eventledger.extract import extract_articles
from eventledger.ingest import core as ingest_core
from eventledger.ingest.core import read_inputs
from eventledger.models import Article


def _terminate(*args: object, **kwargs: object) -> None:
    raise Terminated


def test_a_sigterm_while_a_file_is_read_stops_the_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("Gunmen attacked a police post in the hills on Monday, officials said.\n")
    monkeypatch.setattr(ingest_core, "read_bytes", _terminate)
    with pytest.raises(Terminated):
        list(read_inputs([str(tmp_path)], fetcher=None))


def test_a_sigterm_while_an_article_is_extracted_stops_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_core, "_read", _terminate)
    with pytest.raises(Terminated):
        list(extract_articles([Article.create("Rebels shelled the town of Kindu on Sunday, the army said.")]))


def test_an_ordinary_error_in_one_article_is_still_that_articles_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def _broken(*args: object, **kwargs: object) -> None:
        raise ValueError("broken page")

    monkeypatch.setattr(extract_core, "_read", _broken)
    [result] = list(extract_articles([Article.create("Rebels shelled the town of Kindu on Sunday, the army said.")]))
    assert "broken page" in result.reason  # type: ignore[union-attr]
