"""The main job over the project's own examples: order-independent, incremental == full, re-runnable."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventledger import pipeline
from eventledger.pipeline import Pipeline
from eventledger.settings import Settings
from eventledger.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def example_files() -> list[str]:
    return sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html", ".xml", ".jsonl"})


def event_partition(db: str) -> set[frozenset[str]]:
    """The events as sets of report ids (ids depend on the order reports came in: an event keeps its first)."""
    return set(event_ids(db).values())


def event_ids(db: str) -> dict[str, frozenset[str]]:
    with open_store(db) as store:
        return {e.id: frozenset(e.report_ids) for e in store.list_events(limit=None)}


def ingest_in_batches(db: str, batches: list[list[str]]) -> None:
    settings = Settings(db=db)
    with open_store(db) as store:
        for batch in batches:
            Pipeline(store, settings).run(batch)


@pytest.mark.slow
def test_ingesting_in_another_order_and_in_batches_gives_the_same_events(tmp_path):
    files = example_files()
    assert len(files) >= 10
    half = len(files) // 2
    one_go, forwards, backwards = (str(tmp_path / f"{name}.db") for name in ("one", "fwd", "back"))
    ingest_in_batches(one_go, [files])
    ingest_in_batches(forwards, [files[:half], files[half:]])
    ingest_in_batches(backwards, [list(reversed(files[half:])), list(reversed(files[:half]))])
    expected = event_partition(one_go)
    assert len(expected) > 10
    assert event_partition(forwards) == expected
    assert event_partition(backwards) == expected
    before = event_ids(forwards)
    with open_store(forwards) as store:
        Pipeline(store, Settings(db=forwards)).link(full=True)  # a full recompute agrees with the incremental result
    assert event_ids(forwards) == before  # and keeps every id


@pytest.mark.slow
def test_a_second_run_adds_nothing_and_reports_stay_linked(tmp_path):
    db = str(tmp_path / "again.db")
    settings = Settings(db=db)
    with open_store(db) as store:
        first = Pipeline(store, settings).run(example_files())
        second = Pipeline(store, settings).run(example_files())
        linked = {r for e in store.list_events(limit=None) for r in e.report_ids}
        reports = {r.id for r in store.list_reports()}
    assert first.ingest.added > 0 and first.extract.reports > 0
    assert second.ingest.added == 0 and second.extract.articles == 0 and second.link.reports == 0
    assert linked == reports


def test_the_republished_wire_story_is_linked_to_the_original_and_not_extracted(tmp_path):
    db = str(tmp_path / "copy.db")
    original, copy = EXAMPLES / "ap_wire_erbil_20210216.txt", EXAMPLES / "iraq_business_watch_erbil_20210217.txt"
    with open_store(db) as store:
        summary = Pipeline(store, Settings(db=db)).run([str(original), str(copy)])
        articles = {Path(a.source).name: a for a in store.list_articles()}
        assert summary.ingest.near_duplicates == 1
        assert articles[copy.name].duplicate_of == articles[original.name].id
        assert store.list_reports(article_id=articles[copy.name].id) == []
        events = store.list_events(limit=None)
        assert events and all(e.independent_sources == 1 for e in events)


@pytest.mark.slow
def test_the_earlier_copy_is_the_original_whichever_is_ingested_first(tmp_path):
    original, copy = EXAMPLES / "ap_wire_erbil_20210216.txt", EXAMPLES / "iraq_business_watch_erbil_20210217.txt"
    results = []
    for order in ([original, copy], [copy, original]):
        db = str(tmp_path / f"{order[0].stem}.db")
        with open_store(db) as store:
            for path in order:  # one run each, so the second article meets a stored first one
                Pipeline(store, Settings(db=db)).run([str(path)])
            articles = {Path(a.source).name: a for a in store.list_articles()}
            reports = store.list_reports()
            linked = {r for e in store.list_events(limit=None) for r in e.report_ids}
        assert articles[copy.name].duplicate_of == articles[original.name].id
        assert articles[original.name].duplicate_of is None
        assert {r.article_id for r in reports} == {articles[original.name].id}
        assert linked == {r.id for r in reports}
        results.append(event_partition(db))
    assert results[0] == results[1]


def test_expected_articles_counts_files_and_sizes_large_ones(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"a{n}.txt").write_text(f"A short article number {n}.\n", encoding="utf-8")
    (tmp_path / "big.jsonl").write_text("x" * 40_000, encoding="utf-8")
    assert pipeline.expected_articles([str(folder)], limit=1000) == 3
    assert pipeline.expected_articles([str(tmp_path / "big.jsonl")], limit=1000) == 10
    # URLs, standard input and missing files count nothing; the count stops at the limit
    assert pipeline.expected_articles(["https://example.org/a", "-", str(tmp_path / "none.txt")], limit=1000) == 0
    assert pipeline.expected_articles([str(folder), str(tmp_path / "big.jsonl")], limit=5) == 5


@pytest.mark.slow
def test_a_pool_started_before_ingest_gives_the_local_engines_events(tmp_path, monkeypatch):

    files = example_files()
    local_db, pool_db = str(tmp_path / "local.db"), str(tmp_path / "pool.db")
    with open_store(local_db) as store:
        Pipeline(store, Settings(db=local_db, engine="local")).run(files)
    started: list[object] = []
    real_warm_pool = pipeline.warm_pool

    def recording(settings, expected):  # the run asks for its pool before reading any input
        started.append(expected)
        return real_warm_pool(settings, expected)

    monkeypatch.setattr(pipeline, "warm_pool", recording)
    with open_store(pool_db) as store:
        summary = Pipeline(store, Settings(db=pool_db, engine="process")).run(files)
    assert started and started[0] >= len(files) - 1
    assert summary.extract.failures == 0 and summary.extract.articles > 10
    assert event_partition(pool_db) == event_partition(local_db)


def test_cited_outlets_are_those_of_the_stored_extractions(tmp_path):
    db = str(tmp_path / "x.db")
    with open_store(db) as store:
        Pipeline(store, Settings(db=db, engine="local")).run(example_files())
        expected = {
            x.article_id: tuple(dict.fromkeys(c.outlet for c in x.citations if c.outlet)) for x in store.iter_extractions()
        }
        cited = store.cited_outlets()
        infos = pipeline.article_infos(store)
    assert cited == expected
    assert sum(1 for outlets in cited.values() if outlets) >= 3  # the examples cite AP, Reuters ...
    assert all(infos[article_id].cites == outlets for article_id, outlets in cited.items())


@pytest.mark.slow
def test_a_text_of_a_million_and_a_half_characters_is_extracted_and_a_rerun_adds_no_failure(tmp_path):
    filler = "The committee met again to discuss the annual budget and the hours of the town library.\n"
    text = "A bomb exploded in Kabul on Monday, killing two people, police said.\n"
    text += filler * (1_500_000 // len(filler))
    (tmp_path / "long.txt").write_text(text)
    db = str(tmp_path / "long.db")
    with open_store(db) as store:
        first = Pipeline(store, Settings(db=db)).run([str(tmp_path / "long.txt")])
        second = Pipeline(store, Settings(db=db)).run([str(tmp_path / "long.txt")])
        assert store.pending_extraction() == []
        assert store.count_failures() == 0
    assert first.extract.failures == 0 and first.extract.reports >= 1
    assert second.extract.articles == 0 and second.extract.failures == 0


def test_ingesting_local_files_never_builds_the_http_client(tmp_path, monkeypatch):
    def no_network(**_settings: object) -> None:
        raise AssertionError("the HTTP client was built for a run over local files")

    monkeypatch.setattr(pipeline, "HttpxFetcher", no_network)
    page = tmp_path / "report.txt"
    page.write_text("Gunmen attacked a police checkpoint in Kirkuk on Monday, killing two officers.\n", encoding="utf-8")
    db = str(tmp_path / "local.db")
    with open_store(db) as store:
        summary = Pipeline(store, Settings(db=db, engine="local")).ingest([str(page)])
    assert summary.added == 1


def test_the_http_client_is_built_on_the_first_url_and_closed_with_the_block(tmp_path, monkeypatch):
    made: list[str] = []

    class Recording:
        def __init__(self, **_settings: object) -> None:
            made.append("built")

        def get(self, url: str, headers: object = None) -> object:
            made.append(url)
            return None

        def close(self) -> None:
            made.append("closed")

    monkeypatch.setattr(pipeline, "HttpxFetcher", Recording)
    db = str(tmp_path / "fetch.db")
    with open_store(db) as store, Pipeline(store, Settings(db=db)).http_fetcher() as fetcher:
        assert made == []
        fetcher.get("https://example.org/a")
        fetcher.get("https://example.org/b")
    assert made == ["built", "https://example.org/a", "https://example.org/b", "closed"]
