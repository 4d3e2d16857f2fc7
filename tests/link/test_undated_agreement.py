"""Two undated accounts of one attack that name different actors still link when the facts agree."""

from __future__ import annotations

from eventledger.link import link_reports

from .factory import info, report

FACTS = {"admin1": "Baghdad", "place": "Green Zone", "weapon": "rocket", "target": "US embassy", "killed": 1, "wounded": 5}


def three_accounts(**changes: object) -> tuple[list, dict]:
    articles = {"u1": info("u1", "Wire One"), "u2": info("u2", "Wire Two"), "d3": info("d3", "Log", "2020-12-26")}
    reports = [
        report("u1-r", "u1", date=None, date_precision="unknown", actors=[("civilians", "target")], **FACTS),
        report("u2-r", "u2", date=None, date_precision="unknown", actors=[("ashab_al_kahf", "claimed_by")], **{**FACTS, **changes}),
        report("d3-r", "d3", date="2020-11", date_precision="month", **{k: v for k, v in FACTS.items() if k != "target"}),
    ]
    return reports, articles


def test_undated_accounts_agreeing_on_every_fact_join_the_dated_one():
    reports, articles = three_accounts()
    [event] = link_reports(reports, articles)
    assert set(event.report_ids) == {"u1-r", "u2-r", "d3-r"}


def test_undated_accounts_disagreeing_on_a_fact_stay_apart_from_each_other():
    reports, articles = three_accounts(wounded=None, target=None)  # far fewer agreeing facts
    events = link_reports(reports, articles)
    assert not any({"u1-r", "u2-r"} <= set(e.report_ids) for e in events)
