"""A month-dated report left alone joins the event it clearly matches best (eventledger.link.attach)."""

import dataclasses

from eventledger.link import link_reports
from eventledger.link.rules import load_rules, units

from .factory import info, report

RULES = load_rules()
OFF = dataclasses.replace(RULES, coarse_best_margin_units=0)
ON = dataclasses.replace(RULES, coarse_best_margin_units=units(3.0))
CELL = [("cell_nine", "perpetrator")]


def _busy_month(size=200):
    """``size`` mortar attacks across Baghdad in the first twenty days of August."""
    return [
        report(f"c{i:03d}", f"ca{i:03d}", date=f"2021-08-{1 + i % 20:02d}", date_precision="day", admin1="Baghdad",
               place=f"Site {i}", weapon="mortar", target=f"target {i % 9}", killed=i % 4)
        for i in range(size)
    ]  # fmt: skip


# The strike on the airbase on the 26th, told by a day-dated report, and a month-dated one in an
# article of the 27th (all wording made up for the tests).
DAY = report("p1", "pa", date="2021-08-26", date_precision="day", admin1="Baghdad", place="Camp Nine",
             weapon="mortar", target="airbase", killed=3, wounded=7, actors=CELL, text="Rounds struck overnight.")  # fmt: skip
MONTH = report("m1", "ma", date="2021-08", date_precision="month", admin1="Baghdad", weapon="mortar shells",
               target="airbase", killed=3, actors=CELL, text="Shells fell.")  # fmt: skip
# another strike on the same airbase two days before, by the same cell
TWIN = report("t1", "ta", date="2021-08-24", date_precision="day", admin1="Baghdad", place="Camp Nine",
              weapon="mortar", target="airbase", killed=3, wounded=6, actors=CELL, text="Hangars were hit.")  # fmt: skip
ARTICLES = {
    "ma": info("ma", "Outlet M", "2021-08-27"),
    "pa": info("pa", "Outlet P", "2021-08-26"),
    "ta": info("ta", "Outlet T", "2021-08-24"),
}


def _event_of(report_id, reports, rules):
    return next(e.report_ids for e in link_reports(reports, ARTICLES, rules) if report_id in e.report_ids)


def test_month_dated_report_in_a_busy_month_joins_its_clear_best_event():
    reports = [*_busy_month(), DAY, MONTH]
    # the month's crowd sets the pair's prior too low for the pair to pass alone ...
    assert _event_of("m1", reports, OFF) == ("m1",)
    # ... but no other event of the month comes near the strike on the airbase
    assert _event_of("m1", reports, ON) == ("m1", "p1")


def test_month_dated_report_stays_alone_when_a_look_alike_matches_about_as_well():
    reports = [*_busy_month(), DAY, TWIN, MONTH]
    assert _event_of("m1", reports, ON) == ("m1",)
