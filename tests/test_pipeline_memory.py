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
