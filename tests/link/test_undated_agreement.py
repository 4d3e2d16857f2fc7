"""Two undated accounts of one attack that name different actors still link when the facts agree."""

from __future__ import annotations

import pytest

from eventledger.link import link_reports
from eventledger.link.compare import undated_evidence_suffices
from eventledger.link.features import Profile
from eventledger.link.rules import load_rules

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
    reports, articles = three_accounts(place="Airport")  # two named sites: two attacks
    events = link_reports(reports, articles)
    assert not any({"u1-r", "u2-r"} <= set(e.report_ids) for e in events)


def test_two_accounts_of_a_truce_naming_different_sides_are_one_event():
    articles = {"p1": info("p1", "Paper One", "2020-10-22"), "p2": info("p2", "Paper Two", "2020-12-26")}
    reports = [
        report("p1-r", "p1", kind="ceasefire", date="2020-10-15", date_precision="week", actors=[("khamenei", "participant")]),
        report("p2-r", "p2", kind="ceasefire", date="2020-10", date_precision="month", actors=[("kataib_hezbollah", "participant")]),
    ]
    [event] = link_reports(reports, articles)
    assert set(event.report_ids) == {"p1-r", "p2-r"}


def test_two_meetings_with_disjoint_casts_stay_apart():
    articles = {"p1": info("p1", "Paper One", "2020-11-30"), "p2": info("p2", "Paper Two", "2020-11-30")}
    reports = [
        report("m1", "p1", kind="meeting", date="2020-11", date_precision="month", admin1="Baghdad", actors=[("qaani", "participant")]),
        report("m2", "p2", kind="meeting", date="2020-11", date_precision="month", admin1="Baghdad", actors=[("pompeo", "participant")]),
    ]
    assert len(link_reports(reports, articles)) == 2


def test_an_undated_account_naming_the_claimant_joins_one_naming_the_target():
    # one outlet names who claimed the rockets, another whom they were aimed at: disjoint casts
    # speak against, but the site, weapon, target and tolls all agree
    articles = {"u1": info("u1", "Wire One"), "d2": info("d2", "Paper Two", "2020-11-18")}
    reports = [
        report("u1-r", "u1", date=None, date_precision="unknown", actors=[("ashab_al_kahf", "claimed_by")], **FACTS),
        report("d2-r", "d2", date="2020-11-17", date_precision="day", actors=[("us_embassy", "target")], **FACTS),
    ]
    [event] = link_reports(reports, articles)
    assert set(event.report_ids) == {"u1-r", "d2-r"}



def _truce_pair(second_country: str, second_actors: list[tuple[str, str]]) -> tuple[Profile, Profile]:
    rules = load_rules()
    common = {"kind": "ceasefire", "sub_event_type": "Agreement", "date": None, "date_precision": "unknown"}
    first = report("t1-r", "t1", country="Mali", actors=[("malian_army", "participant")], **common)
    second = report("t2-r", "t2", country=second_country, actors=second_actors, **common)
    return Profile(0, first, info("t1", "Wire One"), rules), Profile(1, second, info("t2", "Paper Two"), rules)


@pytest.mark.parametrize(
    ("country", "actors", "suffices"),
    [
        ("Mali", [], True),  # told alike in one country: the wording may carry it
        ("Niger", [], False),  # two countries and no party in common: two truces told alike
        ("Niger", [("malian_army", "participant")], True),  # a truce told from each capital names a party both tell
    ],
)
def test_undated_truces_in_two_countries_need_a_party_in_common(country, actors, suffices):
    a, b = _truce_pair(country, actors)
    rules = load_rules()
    strong = rules.unplaced_units + rules.undated_units  # text and priors alone clear every margin
    assert undated_evidence_suffices(a, b, strong, rules) is suffices
