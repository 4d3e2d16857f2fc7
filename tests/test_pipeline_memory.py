"""What keeps a long run's memory flat: input read as it is stored, the pool gone before linking,
linking reading only the evidence it uses (``bench/throughput.py`` measures the memory itself)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from eventledger import pipeline
from eventledger.link import link_reports
from eventledger.link.features import LINKING_EVIDENCE
from eventledger.models import Article
from eventledger.pipeline import BATCH, IngestSummary, LinkSummary, Pipeline, article_infos
from eventledger.settings import Settings
from eventledger.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_ingest_stores_articles_while_it_reads_them(store: Store) -> None:
    # a generator stands for a folder of 100k files: by the time it is asked for an article, all
    # but the last batch of those before it must already be in the store, not waiting in memory
    behind: list[int] = []

    def articles() -> Iterator[Article]:
        for number in range(5 * BATCH + 7):
            behind.append(number - store.count_articles())
            yield Article.create(f"Police in district {number} reported a quiet night, the {number}th in a row.")

    summary = Pipeline(store, Settings(db="unused")).add(articles())
    assert summary.added == 5 * BATCH + 7 == store.count_articles()
    assert max(behind) <= BATCH


def test_the_extraction_pool_ends_before_linking(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # the pool's workers each hold a spaCy pipeline: linking must not run beside them
    steps: list[str] = []

    @contextmanager
    def pool(settings: Settings, expected: int | None) -> Iterator[None]:
        steps.append("pool starts")
        yield None
        steps.append("pool ends")

    monkeypatch.setattr(pipeline, "warm_pool", pool)
    monkeypatch.setattr(
        Pipeline, "ingest", lambda self, inputs, saved_pages=None: steps.append("ingest") or IngestSummary()
    )
    monkeypatch.setattr(Pipeline, "link", lambda self, full=False: steps.append("link") or LinkSummary())
    runner = Pipeline(store, Settings(db="unused"))
    runner.run(["somewhere"])
    runner.process_pending()
    assert steps == ["pool starts", "ingest", "pool ends", "link", "pool starts", "pool ends", "link"]


def test_list_reports_keeps_the_evidence_of_the_fields_asked_for(tmp_path: Path) -> None:
    from eventledger.models import ArticleExtraction, Report, Span
    from eventledger.store import open_store

    evidence = {
        "killed": (Span(10, 22, "at least six"),),
        "place": (Span(30, 37, "Ramadi"),),
    }
    report = Report(id="r1", article_id="a1", kind="attack", killed=6, text="...", evidence=evidence)
    with open_store(str(tmp_path / "evidence.db")) as opened:
        opened.add_articles([Article(id="a1", text="Gunmen killed at least six people in Ramadi.")])
        opened.save_extractions([ArticleExtraction(article_id="a1", reports=(report,))])
        assert opened.list_reports()[0].evidence == evidence
        assert opened.list_reports(evidence=("killed", "wounded"))[0].evidence == {"killed": evidence["killed"]}
        assert opened.list_reports(evidence=False)[0].evidence == {}


@pytest.mark.slow
def test_linking_on_the_linking_evidence_gives_the_events_of_all_evidence(tmp_path: Path) -> None:
    # if linking comes to read the evidence of another field, LINKING_EVIDENCE must name it
    from eventledger.store import open_store

    db = str(tmp_path / "examples.db")
    files = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html", ".xml", ".jsonl"})
    with open_store(db) as opened:
        Pipeline(opened, Settings(db=db, engine="local")).run(files)
        infos = article_infos(opened)
        every = opened.list_reports()
        trimmed = opened.list_reports(evidence=LINKING_EVIDENCE)
    assert any(r.evidence.get("killed") for r in trimmed)
    assert any(set(r.evidence) - set(LINKING_EVIDENCE) for r in every)
    assert link_reports(trimmed, infos) == link_reports(every, infos)


def test_the_linking_evidence_keeps_the_weekday_an_undated_report_tells(tmp_path: Path) -> None:
    # an undated page's "on Monday" is kept as the date's evidence: linking keeps it from joining a
    # report of another weekday, so reading reports for linking must not drop it
    from eventledger.link.features import day_of_week
    from eventledger.models import ArticleExtraction, Report, Span
    from eventledger.store import open_store

    evidence = {"date": (Span(8, 17, "on Monday"),), "place": (Span(30, 37, "Ramadi"),)}
    report = Report(id="r1", article_id="a1", kind="attack", text="...", evidence=evidence)
    with open_store(str(tmp_path / "weekday.db")) as opened:
        opened.add_articles([Article(id="a1", text="Gunmen on Monday attacked a checkpoint near Ramadi.")])
        opened.save_extractions([ArticleExtraction(article_id="a1", reports=(report,))])
        trimmed = opened.list_reports(evidence=LINKING_EVIDENCE)[0]
    assert day_of_week(trimmed, None) == 0


def _stored(tmp_path: Path, seed: int = 3, count: int = 160) -> tuple[Store, dict[str, list]]:
    """A store of random reports (those of ``tests/link/test_windows.py``) with their articles."""
    import datetime as dt

    from eventledger.store import open_store

    from .link.test_windows import _spread

    reports, articles = _spread(seed, count, 60)
    opened = open_store(str(tmp_path / "parts.db"))
    by_article: dict[str, list] = {}
    for r in reports:
        by_article.setdefault(r.article_id, []).append(r)
    opened.add_articles(
        [
            # (every article dated: an undated one would be extracted again by its events' dates)
            Article(id=a, outlet=articles[a].outlet, published=articles[a].published or dt.date(2020, 3, 15),
                    text=f"Article {a} of the parts test, told on {dt.date(2020, 1, 1)}.")
            for a in sorted(by_article)
        ]
    )
    return opened, by_article


def _save(opened: Store, by_article: dict[str, list], chosen: list[str]) -> None:
    from eventledger.models import ArticleExtraction

    opened.save_extractions([ArticleExtraction(article_id=a, reports=tuple(by_article[a])) for a in chosen])


def test_linking_a_store_in_parts_gives_the_events_and_stories_of_one_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventledger.link import build_stories, windows

    opened, by_article = _stored(tmp_path)
    _save(opened, by_article, sorted(by_article))
    monkeypatch.setattr(windows, "WINDOW", 9)  # many stretches and batches of parts
    summary = Pipeline(opened, Settings(db="unused")).link(full=True)
    reports = opened.list_reports(evidence=LINKING_EVIDENCE)
    expected = link_reports(reports, article_infos(opened))
    stored = sorted(opened.list_events(limit=None), key=lambda e: e.id)
    assert summary.reports == len(reports) and summary.events == len(expected) > 20
    assert [dataclass_without(e) for e in stored] == [dataclass_without(e) for e in expected]
    stories = build_stories(stored, reports, article_infos(opened))
    assert sorted((s.id, sorted(s.event_ids)) for s in opened.list_stories()) == sorted((s.id, sorted(s.event_ids)) for s in stories)
    opened.close()


def dataclass_without(event: object) -> object:
    """An event without the story it was given (stories are compared apart)."""
    import dataclasses

    return dataclasses.replace(event, story_id=None)  # type: ignore[type-var]


def test_a_link_killed_midway_keeps_the_events_before_and_a_rerun_completes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventledger.link import windows

    opened, by_article = _stored(tmp_path)
    articles = sorted(by_article)
    _save(opened, by_article, articles[: len(articles) // 2])
    monkeypatch.setattr(windows, "WINDOW", 9)
    runner = Pipeline(opened, Settings(db="unused"))
    runner.link(full=True)
    before = opened.list_events(limit=None)
    stories_before = opened.list_stories()
    _save(opened, by_article, articles[len(articles) // 2 :])
    reads = []
    real = Store.reports_by_ids

    def killed(self: Store, ids, **kwargs):  # the process dies while it reads the third part
        reads.append(len(ids))
        if len(reads) == 3:
            raise KeyboardInterrupt
        return real(self, ids, **kwargs)

    monkeypatch.setattr(Store, "reports_by_ids", killed)
    with pytest.raises(KeyboardInterrupt):
        runner.link(full=True)
    assert opened.list_events(limit=None) == before and opened.list_stories() == stories_before
    monkeypatch.setattr(Store, "reports_by_ids", real)
    runner.link(full=True)
    after = opened.list_events(limit=None)
    expected = link_reports(opened.list_reports(evidence=LINKING_EVIDENCE), article_infos(opened))
    assert after != before
    assert sorted(e.report_ids for e in after) == sorted(e.report_ids for e in expected)
    opened.close()
