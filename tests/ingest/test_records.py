"""JSON, JSON Lines and CSV/TSV records: the documented field mapping, one failure per bad record."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from eventledger.ingest import read_source
from eventledger.models import Article, Failure

from .corpus import CONVOY_BODY, MARKET_BODY, ROCKET_BODY, paragraphs


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"text": paragraphs(ROCKET_BODY), "title": "Rockets", "url": "https://a.example/1", "outlet": "Tigris Wire",
          "published": "2020-10-22"},
         ("Rockets", "https://a.example/1", "Tigris Wire", dt.date(2020, 10, 22))),
        ({"body": paragraphs(CONVOY_BODY), "headline": "Convoy", "link": "https://a.example/2", "source": "Desert Post",
          "date": "22/10/2020"},
         ("Convoy", "https://a.example/2", "Desert Post", dt.date(2020, 10, 22))),
        ({"content": paragraphs(MARKET_BODY), "site": "Market Daily", "pubDate": "Thu, 22 Oct 2020 08:00:00 +0000"},
         (None, None, "Market Daily", dt.date(2020, 10, 22))),
        ({"Text": paragraphs(MARKET_BODY), "Title": "Stalls reopen", "Date": "Oct 22, 2020"},
         ("Stalls reopen", None, None, dt.date(2020, 10, 22))),
        ({"content": paragraphs(MARKET_BODY), "title": {"rendered": "Stalls reopen"}, "date": "not a date"},
         ("Stalls reopen", None, None, None)),
    ],
)
def test_json_field_mapping(tmp_path: Path, record: dict, expected: tuple) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert isinstance(article, Article)
    assert (article.title, article.url, article.outlet, article.published) == expected
    assert article.format == "json"


@pytest.mark.parametrize("wrapper", [lambda rs: rs, lambda rs: {"articles": rs}, lambda rs: {"items": rs}])
def test_json_list_yields_each_record_and_a_failure_for_bad_ones(tmp_path: Path, wrapper) -> None:
    records = [{"text": paragraphs(ROCKET_BODY)}, {"title": "no text here"}, "a bare string", {"text": paragraphs(CONVOY_BODY)}]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(wrapper(records)), encoding="utf-8")
    results = list(read_source(str(path), fetcher=None))
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Failure", "Article"]
    assert results[1].source.endswith("#1") and "no text field" in results[1].reason
    assert "not an object" in results[2].reason


def test_jsonl_reads_each_line_and_reports_broken_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"text": paragraphs(ROCKET_BODY), "title": "One"}), "", "{broken json",
             json.dumps({"text": paragraphs(CONVOY_BODY), "title": "Two"}), json.dumps({"text": "  "})]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    results = list(read_source(str(path), fetcher=None))
    assert [getattr(r, "title", None) for r in results if isinstance(r, Article)] == ["One", "Two"]
    failures = [r for r in results if isinstance(r, Failure)]
    assert [f.source.rsplit("#", 1)[1] for f in failures] == ["line=3", "line=5"]
    assert "not valid JSON" in failures[0].reason


def test_jsonl_is_recognised_by_content_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "dump"
    path.write_text("\n".join(json.dumps({"summary": paragraphs(b)}) for b in (ROCKET_BODY, CONVOY_BODY)), encoding="utf-8")
    assert len([r for r in read_source(str(path), fetcher=None) if isinstance(r, Article)]) == 2


def test_json_record_with_html_text_goes_through_the_html_reader(tmp_path: Path) -> None:
    html = "".join(f"<p>{p}</p>" for p in ROCKET_BODY) + "<p>Share on Facebook</p><div><h3>Related Posts</h3><ul><li>Other story one</li></ul></div>"
    path = tmp_path / "html.json"
    path.write_text(json.dumps({"content": html, "title": "Rockets", "outlet": "Tigris Wire"}), encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert "<p>" not in article.text and "Share on Facebook" not in article.text and "Other story one" not in article.text
    assert article.text.startswith("Four rockets") and article.outlet == "Tigris Wire" and article.format == "json"


def _csv(rows: list[dict], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("column", "date_column", "date_value", "expected_date"),
    [
        ("text", "published", "2020-03-01", dt.date(2020, 3, 1)),
        ("notes", "event_date", "9-May-20", dt.date(2020, 5, 9)),
        ("summary", "date", "01 March 2020", dt.date(2020, 3, 1)),
        ("EventSnippet", "date", "", None),
        ("body", "event_date", "01-01-07", dt.date(2007, 1, 1)),
    ],
)
def test_csv_text_columns_and_dates(tmp_path: Path, column: str, date_column: str, date_value: str, expected_date) -> None:
    rows = [
        {"id": "1", column: " ".join(ROCKET_BODY[:2]), date_column: date_value, "source": "Tigris Wire"},
        {"id": "2", column: "", date_column: date_value, "source": "Tigris Wire"},
        {"id": "3", column: " ".join(CONVOY_BODY[:2]), date_column: date_value, "source": "Desert Post"},
    ]
    path = tmp_path / "rows.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    results = list(read_source(str(path), fetcher=None))
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]
    assert results[0].published == expected_date and results[0].outlet == "Tigris Wire" and results[0].format == "csv"
    assert results[1].source.endswith("#row=2")
    assert results[2].text.startswith("A roadside bomb")


def test_tsv_is_read(tmp_path: Path) -> None:
    rows = [{"id": "1", "text": ROCKET_BODY[0], "label": "ATTACK"}, {"id": "2", "text": CONVOY_BODY[0], "label": "REM_EXPLOS"}]
    path = tmp_path / "snippets.tsv"
    path.write_text(_csv(rows, delimiter="\t"), encoding="utf-8")
    assert [r.text for r in read_source(str(path), fetcher=None)] == [ROCKET_BODY[0], CONVOY_BODY[0]]


def test_csv_with_quoted_newlines_and_commas(tmp_path: Path) -> None:
    text = ROCKET_BODY[0] + "\n\n" + ROCKET_BODY[1]
    path = tmp_path / "quoted.csv"
    path.write_text(_csv([{"title": "A, B and C", "text": text}]), encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert article.title == "A, B and C" and article.text == text


@pytest.mark.parametrize(("note", "ok"), [("Protest in Kisumu town.", True), ("Riot", False), ("   ", False)])
def test_short_event_notes_are_kept_but_one_word_is_not(tmp_path: Path, note: str, ok: bool) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(_csv([{"event_date": "01-02-2019", "notes": note}]), encoding="utf-8")
    [result] = list(read_source(str(path), fetcher=None))
    assert isinstance(result, Article) is ok


def test_one_oversized_csv_cell_costs_its_row_not_the_rest_of_the_file(tmp_path: Path) -> None:
    rows = [("Rockets", " ".join(ROCKET_BODY)), ("Huge", "word " * 600_000), ("Convoy", " ".join(CONVOY_BODY)),
            ("Market", " ".join(MARKET_BODY))]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["title", "text"])
    writer.writerows(rows)
    path = tmp_path / "export.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    results = list(read_source(str(path), fetcher=None, max_text_chars=200_000))
    assert [r.title for r in results if isinstance(r, Article)] == ["Rockets", "Convoy", "Market"]
    [failure] = [r for r in results if isinstance(r, Failure)]
    assert failure.source.endswith("#row=2") and "field limit" in failure.reason and "other rows were read" in failure.reason


def test_a_file_of_broken_rows_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text("title,text\n" + "".join(f'"{n}","{"x " * 600_000}"\n' for n in range(25)), encoding="utf-8")
    results = list(read_source(str(path), fetcher=None, max_text_chars=200_000, max_bytes=40_000_000))
    assert len(results) == 20 and "the rows after it too" in results[-1].reason
