"""``evaluate`` end to end with an in-process stand-in for the pipeline, and ``render``."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from eventledger.evaluate import evaluate, render, runner
from eventledger.evaluate.adapters import Adapters
from eventledger.models import Article, ArticleExtraction, Event, Report

CASE_TSV = (
    "id\tEventSnippet\tSubType\n"
    "1\tA bomb went off at a bus stop in the morning.\tREM_EXPLOS\n"
    "3\tThe two presidents met to discuss border trade.\tDIPLO\n"
    "5\tFloods swept away houses along the river.\tNATURAL_DISASTER\n"
    "7\tAnother bomb was defused by police near a school.\tDISR_WEAP\n"
)
GTD_CSV = (
    "date,state,killed,wounded,summary\n"
    '2013-06-01,Nineveh,2.0,1.0,"06/01/2013: A bomb killed two people in a market in a northern city."\n'
    '2013-06-02,Kirkuk,0.0,0.0,"06/02/2013: Gunmen kidnapped a contractor on a highway."\n'
)


def fake_extract(article: Article) -> tuple[Report, ...]:
    """A keyword 'extractor': enough to give the scorer something to score."""
    if "bomb" in article.text:
        return (Report(id=f"{article.id}-0", article_id=article.id, kind="attack",
                       sub_event_type="Remote explosive/landmine/IED", admin1="Ninewa", killed=2, wounded=1,
                       date=article.published.isoformat() if article.published else None, date_precision="day",
                       text=article.text),)
    if "met" in article.text:
        return (Report(id=f"{article.id}-0", article_id=article.id, kind="meeting", text=article.text),)
    return ()


class FakePipeline:
    """Stands in for eventledger.pipeline.Pipeline: the same calls, a keyword extractor, one event per report."""

    def __init__(self, calls, store, settings, progress=None, fetcher=None):
        self.calls, self.store, self.fetcher = calls, store, fetcher

    def add(self, articles):
        self.store.add_articles(articles)

    def run(self, inputs, *, full_link=False, saved_pages=None):
        self.calls.append(("ingest", tuple(inputs)))
        self.saved_pages = saved_pages
        self.store.add_articles(Article.create(open(p, encoding="utf-8").read(), source=p) for p in inputs)
        self.process_pending(full_link=full_link)

    def process_pending(self, *, full_link=False):
        store = self.store
        self.calls.append("extract")
        extractions = [ArticleExtraction(article_id=i, reports=fake_extract(store.get_article(i)))
                       for i in store.pending_extraction()]
        store.save_extractions(extractions)
        self.calls.append("link" if full_link else "link new")
        events = [Event(id=f"ev-{r.id}", kind=r.kind, report_ids=(r.id,), date=r.date, date_precision=r.date_precision,
                        sub_event_type=r.sub_event_type, admin1=r.admin1)
                  for r in store.list_reports()]
        store.save_events(events, replace_all=True)


class Runs:
    """What the fake pipelines of one test were asked to do."""

    def __init__(self):
        self.calls = []
        self.made = []

    def __call__(self, *args, **kwargs):
        self.made.append(FakePipeline(self.calls, *args, **kwargs))
        return self.made[-1]

    @property
    def fetcher(self):
        return self.made[-1].fetcher


@pytest.fixture()
def pipeline(monkeypatch):
    runs = Runs()
    monkeypatch.setattr(runner, "Pipeline", runs)
    return runs


def typer(text):
    return "NATURAL_DISASTER" if "Flood" in text else "OTHER"


def test_case_gold_in_a_fresh_store(tmp_path, pipeline):
    gold = tmp_path / "case.tsv"
    gold.write_text(CASE_TSV, encoding="utf-8")
    result = evaluate(str(gold), adapters=Adapters(case_label=typer))
    # REM_EXPLOS right, DIPLO right (meeting), NATURAL_DISASTER right (typer fallback), DISR_WEAP wrong
    assert result["classification"]["accuracy"] == pytest.approx(3 / 4)
    assert result["classification"]["n"] == 4
    assert "fields" not in result  # CASE places are invented; nothing else is coded
    assert result["counts"]["typer_fallbacks"] == 1
    assert pipeline.calls == ["extract", "link"]
    assert set(result["seconds"]) == {"pipeline", "scoring"}
    json.dumps(result)  # the CLI prints it as JSON


def test_limit_takes_the_first_rows(tmp_path, pipeline):
    gold = tmp_path / "case.tsv"
    gold.write_text(CASE_TSV, encoding="utf-8")
    result = evaluate(str(gold), adapters=Adapters(case_label=typer), limit=2)
    assert result["classification"]["n"] == 2 and result["classification"]["accuracy"] == 1.0


def test_gtd_gold_scores_fields_per_row(tmp_path, pipeline):
    gold = tmp_path / "gtd.csv"
    gold.write_text(GTD_CSV, encoding="utf-8")
    result = evaluate(str(gold), adapters=Adapters())
    # row 1: Ninewa = Nineveh, 2 killed, 1 wounded, same day; row 2: no report -> admin1 and date wrong,
    # 0 killed and 0 wounded right
    assert result["fields"] == {"admin1": 0.5, "killed": 1.0, "wounded": 1.0, "date": 0.5}
    assert "classification" not in result


def test_given_db_keeps_the_run(tmp_path, pipeline):
    gold = tmp_path / "gtd.csv"
    gold.write_text(GTD_CSV, encoding="utf-8")
    db = str(tmp_path / "kept.db")
    evaluate(str(gold), db=db, adapters=Adapters())
    from eventledger.store import open_store

    with open_store(db) as store:
        assert store.count_articles() == 2 and store.count_reports() == 1
    # scoring the kept run again without running the pipeline gives the same figures
    again = evaluate(str(gold), db=db, adapters=Adapters(), run_pipeline=False)
    assert again["fields"]["admin1"] == 0.5
    assert pipeline.calls == ["extract", "link"]


def test_article_gold_runs_the_pipeline_on_its_files(tmp_path, pipeline):
    (tmp_path / "one.txt").write_text("A bomb hit a checkpoint in a northern town.", encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(
        "format: eventledger-gold/1\n"
        "documents: [{id: one, file: one.txt}]\n"
        "events:\n"
        "  - {id: e, kind: attack, sub_event_type: Remote explosive/landmine/IED, admin1: Ninewa, mentioned_in: [one]}\n"
        "  - {id: f, kind: meeting, mentioned_in: [one]}\n"
        "tallies: {attacks_by_month: {'2021-01': 0}}\n",
        encoding="utf-8",
    )
    result = evaluate(str(tmp_path / "gold.yaml"), adapters=Adapters())
    assert pipeline.calls == [("ingest", (str((tmp_path / "one.txt").resolve()),)), "extract", "link"]
    assert result["events"]["attack"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["events"]["political"]["recall"] == 0.0
    assert result["fields"]["admin1"] == 1.0
    assert result["tallies"]["attacks_by_month"]["2021-01"] == {"gold": 0, "system": 0}


def test_render_shows_every_group(tmp_path, hand_run):
    gold_path, db = hand_run
    result = evaluate(str(gold_path), db=db, run_pipeline=False,
                      adapters=Adapters(actor_id={"Militia A": "sys_a"}.get))
    console = Console(record=True, width=120)
    console.print(render(result))
    text = console.export_text()
    for expected in ("Event detection", "attack", "political", "Fields", "claimed_by", "linking",
                     "B-cubed", "alias clustering", "attacks_by_month", "Boilerplate leaks: 1"):
        assert expected in text


def test_render_of_a_record_result():
    console = Console(record=True, width=120)
    console.print(render({"gold": "x.tsv", "documents": 3,
                          "classification": {"accuracy": 0.5, "weighted_f1": 0.25, "macro_f1": 0.125, "n": 3}}))
    text = console.export_text()
    assert "weighted F1 0.250" in text and "3 rows" in text


def test_render_shows_details_when_asked(hand_run):
    gold_path, db = hand_run
    result = evaluate(str(gold_path), db=db, run_pipeline=False, details=True, adapters=Adapters())
    console = Console(record=True, width=160)
    console.print(render(result))
    text = console.export_text()
    assert "spurious (1)" in text and "statement" in text
    assert "wrong fields" in text and "sub_event_type" in text


def test_render_escapes_markup_in_article_strings():
    result = {"gold": "g", "documents": 1, "details": {"missed": [{"document": "[bold]x[/bold]", "gold": "e"}]}}
    console = Console(record=True, width=120)
    console.print(render(result))
    assert "[bold]x[/bold]" in console.export_text()


def test_article_gold_is_ingested_offline(tmp_path, pipeline):
    from eventledger.errors import FetchError

    (tmp_path / "one.txt").write_text("Nothing happened.", encoding="utf-8")
    (tmp_path / "gold.yaml").write_text("documents: [{id: one, file: one.txt}]\n", encoding="utf-8")
    evaluate(str(tmp_path / "gold.yaml"), adapters=Adapters())
    with pytest.raises(FetchError, match="not fetched"):
        pipeline.fetcher.get("https://example.test/full-story")


@pytest.mark.parametrize("name", ["manifest.tsv", "manifest.csv", None])
def test_article_gold_reads_the_manifest_beside_it_for_addresses_and_outlets(tmp_path, pipeline, name):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "one.txt").write_text("A bomb hit a checkpoint in a northern town.", encoding="utf-8")
    (tmp_path / "gold.yaml").write_text("documents: [{id: one, file: pages/one.txt}]\n", encoding="utf-8")
    separator = "," if name == "manifest.csv" else "\t"
    rows = [["file", "url", "outlet", "published"], ["pages/one.txt", "https://example.test/2021/05/20/bomb", "Example", "2021-05-20"]]
    table = "\n".join(separator.join(row) for row in rows) + "\n"
    given = None
    if name is None:  # named on the command line, elsewhere
        given = str(tmp_path / "elsewhere.tsv")
        (tmp_path / "elsewhere.tsv").write_text(table, encoding="utf-8")
    else:
        (tmp_path / name).write_text(table, encoding="utf-8")
    evaluate(str(tmp_path / "gold.yaml"), adapters=Adapters(), manifest=given)
    saved = pipeline.made[-1].saved_pages.of(str(tmp_path / "pages" / "one.txt"))
    assert (saved.url, saved.outlet) == ("https://example.test/2021/05/20/bomb", "Example")
    assert not hasattr(saved, "published")  # the table's date is the gold's answer: never handed over


def test_article_gold_without_a_manifest_passes_none(tmp_path, pipeline):
    (tmp_path / "one.txt").write_text("Nothing happened.", encoding="utf-8")
    (tmp_path / "gold.yaml").write_text("documents: [{id: one, file: one.txt}]\n", encoding="utf-8")
    evaluate(str(tmp_path / "gold.yaml"), adapters=Adapters())
    assert pipeline.made[-1].saved_pages is None
