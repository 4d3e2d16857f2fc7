"""Linking reports shaped after the seed gold (shared/eval/seeds/gold.yaml), when it is present.

The reports are built by code from the gold's structured fields only (no text), degraded the
way extraction degrades them: an article with no publication date cannot resolve "on Tuesday"
(day dates become unknown), and the incident log of the last article dates its lines to the
month. Linking must then rebuild exactly the gold's events and its tally of attacks by month.
"""

from pathlib import Path

import pytest
import yaml

from eventledger.analyze.tally import tally
from eventledger.link import ArticleInfo, link_reports
from eventledger.models import ActorRole, Report

GOLD = Path("/work/shared/eval/seeds/gold.yaml")
LOG_DOCUMENT = "003_53a8c30c9416c541"

pytestmark = pytest.mark.skipif(not GOLD.is_file(), reason="shared seed gold not available")


def _load():
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    articles = {
        d["id"]: ArticleInfo(d["id"], d.get("outlet"), d.get("published"), None, tuple(d.get("cites") or ()))
        for d in gold["documents"]
    }
    reports, truth = [], {}
    for event in gold["events"]:
        for document in event["mentioned_in"]:
            date, precision = str(event["date"]), event["date_precision"]
            if articles[document].published is None and precision == "day":
                date, precision = None, "unknown"
            elif document == LOG_DOCUMENT and event["kind"] == "attack":
                date, precision = date[:7], "month"
            actors = [ActorRole(a, a, "participant") for a in event.get("actors", ())]
            actors += [ActorRole(a, a, "claimed_by") for a in event.get("claimed_by", ())]
            actors += [ActorRole(a, a, "denied_by") for a in event.get("denied_by", ())]
            report = Report(
                id=f"{document}:{event['id']}",
                article_id=document,
                kind=event["kind"],
                sub_event_type=event.get("sub_event_type"),
                date=date,
                date_precision=precision,
                country=event.get("country"),
                admin1=event.get("admin1"),
                place=event.get("place"),
                weapon=event.get("weapon"),
                target=event.get("target"),
                killed=event.get("killed"),
                wounded=event.get("wounded"),
                actors=tuple(actors),
                claimed_by=tuple(event.get("claimed_by", ())),
                denied_by=tuple(event.get("denied_by", ())),
            )
            reports.append(report)
            truth[report.id] = event["id"]
    return gold, reports, articles, truth


def test_seed_gold_events_are_rebuilt_exactly():
    gold, reports, articles, truth = _load()
    events = link_reports(reports, articles)
    grouped = sorted(tuple(sorted(truth[r] for r in e.report_ids)) for e in events)
    expected = sorted(tuple([e["id"]] * len(e["mentioned_in"])) for e in gold["events"])
    assert grouped == expected


def test_seed_gold_attack_tally_counts_the_green_zone_attack_once():
    gold, reports, articles, _ = _load()
    rows = tally(link_reports(reports, articles), by=["month"], kind="attack")["rows"]
    assert {row["month"]: row["count"] for row in rows} == gold["tallies"]["attacks_by_month"]


def test_seed_gold_green_zone_attack_claims():
    _, reports, articles, truth = _load()
    events = link_reports(reports, articles)
    attack = next(e for e in events if any(truth[r] == "greenzone-2020-11-17" for r in e.report_ids))
    assert len(attack.report_ids) == 3
    assert {(c.actor_id, c.stance) for c in attack.claims} == {
        ("ashab_al_kahf", "claimed"),
        ("kataib_hezbollah", "denied"),
    }
