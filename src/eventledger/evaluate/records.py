"""Scoring a store against record gold (ACLED, GTD or CASE rows): one article per row.

Each row's text becomes an article published on the row's date; after the pipeline has run,
the row's *primary report* (the system's best account of the article, see
:func:`primary_report`) is compared with the row: its type (``classification``) and, where the
layout codes them, admin1, killed, wounded and date (``fields``). CASE rows are snippets labelled
as a whole, so their type is the event typer's over the whole snippet (see :func:`predicted_label`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from eventledger.evaluate.adapters import Adapters
from eventledger.evaluate.dates import date_exact
from eventledger.evaluate.gold import GoldRow, RecordGold
from eventledger.evaluate.metrics import classification_scores, mean
from eventledger.evaluate.normalize import (
    acled_name_of_case,
    canonical_sub_event_type,
    case_label_of,
    no_prediction_label,
    same_admin1,
)
from eventledger.models import Article, Report

# Which per-row fields each layout's gold codes (CASE place names are invented: none scored).
ROW_FIELDS = {"acled": ("admin1", "killed", "date"), "gtd": ("admin1", "killed", "wounded", "date"), "case": ()}


def row_article(row: GoldRow, gold: RecordGold) -> Article:
    """The article a gold row stands for: its text, published on its date, sourced to the row."""
    return Article.create(
        row.text,
        published=row.published,
        source=f"{gold.path}#{row.id}",
        format="csv",
        outlet=None,
    )


def primary_report(reports: Sequence[Report]) -> Report | None:
    """The report that best stands for an article as a whole.

    Current events before background mentions, typed reports before untyped ones, then the
    extractor's confidence, then the order in the text.
    """
    if not reports:
        return None
    return min(
        reports,
        key=lambda r: (r.historical, r.sub_event_type is None and r.kind == "attack", -r.confidence, r.index),
    )


def predicted_label(layout: str, report: Report | None, text: str, adapters: Adapters) -> tuple[str, bool]:
    """The system's label for a row and whether it came from the typer's fallback over the raw text.

    ACLED rows get an ACLED sub-event type: from the primary report's sub-event type (or its
    kind), else from the event typer over the report's or the row's text.

    CASE rows get a CASE label for the snippet as a whole, which is what CASE's gold labels: the
    typer over the whole row text, because the primary report was typed from one sentence and
    misses what the rest of the snippet says (a bomb that turns out to be a gas explosion, a
    sit-in that police break up, a claim of responsibility). The report's label is used when the
    typer does not take the snippet for an event (its ``OTHER``) or there is no typer. The
    second value is true when a row with no report at all was labelled by the typer.
    """
    # an ACLED row is coded among ACLED's own sub-event types, not CASE's five extra labels
    typer = adapters.case_label if layout == "case" else (adapters.acled_label or adapters.case_label)
    fallback = report is None and typer is not None
    label: str | None = None
    case = case_label_of(report.sub_event_type, report.kind) if report is not None else None
    if layout == "case" and typer is not None:
        whole = typer(text) if text else None
        if whole is not None and whole != _NOT_AN_EVENT:
            return whole, fallback
    if report is not None and case is None and typer is not None:
        case = typer(report.text or text)
    if report is None and typer is not None:
        case = typer(text)
    if layout == "case":
        label = case
    elif report is not None and report.sub_event_type:
        label = canonical_sub_event_type(report.sub_event_type)
    elif case is not None:
        label = acled_name_of_case(case)
    return label or no_prediction_label(), fallback


# The typer's label for text it does not take for an event (sport, opinion, figurative attacks).
_NOT_AN_EVENT = "OTHER"


def _count_right(gold: int, report: Report | None, field: str) -> bool:
    # A row whose text gives no count is coded 0; a system that reports none says the same.
    low = getattr(report, field) if report is not None else None
    high = getattr(report, f"{field}_high") if report is not None else None
    low = 0 if low is None else low
    return low == gold or (high is not None and low <= gold <= high)


def row_fields(row: GoldRow, report: Report | None, fields: Sequence[str]) -> dict[str, float]:
    """1.0/0.0 per field the row codes: admin1, killed, wounded, date (exact at the row's precision)."""
    marks: dict[str, float] = {}
    if "admin1" in fields and row.admin1:
        marks["admin1"] = float(report is not None and same_admin1(row.admin1, report.admin1))
    if "killed" in fields and row.killed is not None:
        marks["killed"] = float(_count_right(row.killed, report, "killed"))
    if "wounded" in fields and row.wounded is not None:
        marks["wounded"] = float(_count_right(row.wounded, report, "wounded"))
    if "date" in fields and row.date:
        marks["date"] = float(
            report is not None and date_exact(row.date, row.date_precision, report.date, report.date_precision)
        )
    return marks


def score_rows(
    gold: RecordGold,
    reports_by_article: Mapping[str, Sequence[Report]],
    adapters: Adapters,
    failures: int = 0,
    *,
    details: bool = False,
) -> dict[str, Any]:
    """``classification`` and ``fields`` for every row, given each row-article's reports.

    ``details`` adds the most frequent confusions (gold label, system label, rows) and the ids
    of rows each field got wrong.
    """
    gold_labels: list[str] = []
    predicted: list[str] = []
    marks: dict[str, list[float]] = {}
    wrong_rows: dict[str, list[str]] = {}
    with_report = fallbacks = 0
    for row in gold.rows:
        report = primary_report(reports_by_article.get(row_article(row, gold).id, ()))
        with_report += report is not None
        if row.label:
            label, fell_back = predicted_label(gold.layout, report, row.text, adapters)
            fallbacks += fell_back
            gold_labels.append(canonical_sub_event_type(row.label) if gold.layout == "acled" else row.label)  # type: ignore[arg-type]
            predicted.append(label)
        for name, mark in row_fields(row, report, ROW_FIELDS[gold.layout]).items():
            marks.setdefault(name, []).append(mark)
            if not mark:
                wrong_rows.setdefault(name, []).append(row.id)
    result: dict[str, Any] = {"gold": str(gold.path), "documents": len(gold.rows)}
    if gold_labels:
        result["classification"] = classification_scores(gold_labels, predicted)
    fields = {name: value for name, values in marks.items() if (value := mean(values)) is not None}
    if fields:
        result["fields"] = fields
    result["counts"] = {
        "rows": len(gold.rows),
        "rows_with_report": with_report,
        "typer_fallbacks": fallbacks,
        "failures": failures,
    }
    if details:
        confusions = Counter((g, p) for g, p in zip(gold_labels, predicted, strict=True) if g != p)
        result["details"] = {
            "confusions": [{"gold": g, "system": p, "rows": n} for (g, p), n in confusions.most_common(30)],
            "wrong_rows": wrong_rows,
        }
    return result


def score_record_gold(gold: RecordGold, store: Any, adapters: Adapters, *, details: bool = False) -> dict[str, Any]:
    """Every figure of FORMAT.md for a record gold, from what ``store`` holds."""
    wanted = {row_article(row, gold).id for row in gold.rows}
    reports: dict[str, list[Report]] = {}
    for report in store.list_reports():
        if report.article_id in wanted:
            reports.setdefault(report.article_id, []).append(report)
    return score_rows(gold, reports, adapters, failures=store.count_failures(), details=details)
