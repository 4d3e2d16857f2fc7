"""The four seed articles against their gold events (skipped when ../shared is absent)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

from eventledger.extract import extract_article
from eventledger.models import Article, Report

SHARED = Path(os.environ.get("EVENTLEDGER_SHARED", Path(__file__).resolve().parents[3] / "shared"))
GOLD = SHARED / "eval" / "seeds" / "gold.yaml"

pytestmark = pytest.mark.skipif(not GOLD.is_file(), reason="shared seed gold not available")


def _gold() -> dict:
    return yaml.safe_load(GOLD.read_text("utf-8"))


def _compatible_dates(gold: str, report: Report) -> bool:
    if report.date is None:
        return True
    if report.date_precision == "week":  # a day within the week told
        days = abs((dt.date.fromisoformat(report.date) - dt.date.fromisoformat(gold + "-01"[: 10 - len(gold)])).days)
        return days <= 7
    n = min(len(gold), len(report.date))
    return gold[:n] == report.date[:n]


def _matches(event: dict, report: Report) -> bool:
    if event["kind"] != report.kind:
        return False
    if event.get("sub_event_type") and event["sub_event_type"] != report.sub_event_type:
        return False
    if event.get("admin1") and report.admin1 and event["admin1"] != report.admin1:
        return False
    return _compatible_dates(str(event["date"]), report)


def _documents() -> list[dict]:
    return _gold()["documents"] if GOLD.is_file() else []


@pytest.mark.parametrize("document", _documents(), ids=lambda d: d["id"])
def test_seed_events_found_without_extra_ones(document: dict) -> None:
    gold = _gold()
    published = document["published"]
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    text = (GOLD.parent / document["file"]).read_text("utf-8")
    extraction = extract_article(Article.create(text, published=published, outlet=document["outlet"]))
    reports = list(extraction.reports)
    expected = [e for e in gold["events"] if document["id"] in e["mentioned_in"]]
    unmatched = []
    for event in expected:
        match = next((r for r in reports if _matches(event, r)), None)
        if match is None:
            unmatched.append(event["id"])
        else:
            reports.remove(match)
            # where the article states a field, it must state the gold's value
            for field in ("weapon", "killed", "wounded", "claimed_by", "denied_by"):
                value = getattr(match, field)
                if event.get(field) not in (None, []) and value not in (None, ()):
                    assert (list(value) if isinstance(value, tuple) else value) == event[field], (event["id"], field)
    assert unmatched == []
    assert [r.text[:60] for r in reports if not r.historical] == []  # nothing the gold does not have
    cited = {c.outlet for c in extraction.citations}
    assert cited == set(document["cites"])


def test_seed_log_totals() -> None:
    gold = _gold()
    document = next(d for d in gold["documents"] if d["id"].startswith("003"))
    text = (GOLD.parent / document["file"]).read_text("utf-8")
    extraction = extract_article(Article.create(text, published=dt.date.fromisoformat(str(document["published"]))))
    assert {t.period: t.count for t in extraction.totals} == gold["tallies"]["attacks_by_month"]
