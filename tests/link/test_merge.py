"""Merged event fields, casualty ranges, claims, conflicts (eventledger.link.merge)."""

import pytest

from eventledger.link import merge_casualties, merge_reports
from eventledger.link.features import casualty_range
from eventledger.link.merge import _merged_event, date_told, event_id
from eventledger.link.rules import load_rules
from eventledger.models import Report, Span

from .factory import info, report


@pytest.mark.parametrize(
    ("ranges", "expected"),
    [
        ([(7, None), (8, 8)], (7, 8, 8, False)),  # "at least 7" and "8"
        ([(1, 1), (3, 3)], (1, 2, 3, True)),
        ([(1, 1), (1, 1)], (1, 1, 1, False)),
        ([(7, None)], (7, 7, None, False)),
        ([(7, None), (9, None)], (7, 9, None, False)),
        ([(3, 6), (5, 5)], (3, 5, 6, False)),
        ([(2, 2), (4, 4), (9, 9)], (2, 4, 9, True)),
        ([], (None, None, None, False)),
        ([(10, None), (4, 4)], (4, 7, 10, True)),
        ([(2, 5), (3, 3), (4, 4)], (2, 3, 5, False)),  # "between 2 and 5", "3", "4": all inside the range
        ([(2, 5), (3, 3), (7, 7)], (2, 3, 7, True)),  # 7 is outside it
        ([(1, None), (3, 3), (4, 4)], (1, 3, 4, True)),  # "at least 1" is no range that holds figures
    ],
)
def test_casualty_ranges_merge(ranges, expected):
    assert merge_casualties(ranges) == expected


ARTICLES = {
    "a": info("a", "Outlet A", "2021-05-03", cites=("Wire One",)),
    "b": info("b", "Outlet B", "2021-05-04", cites=("Wire One",)),
    "c": info("c", "Outlet C", "2021-05-04"),
}


def _three():
    common = dict(admin1="Ninewa", target="checkpoint")
    return [
        report(
            "r-b",
            "b",
            date="2021-05",
            date_precision="month",
            weapon="mortar rounds",
            killed=3,
            place="Mosul",
            killed_text="three soldiers died",
            claimed_by=("grp_x",),
            **common,
        ),
        report(
            "r-a",
            "a",
            date="2021-05-02",
            date_precision="day",
            weapon="mortar",
            killed=1,
            place="mosul",
            killed_text="a soldier died",
            denied_by=("grp_y",),
            actors=[("army", "target")],
            **common,
        ),
        report(
            "r-c",
            "c",
            date="2021-05-02",
            date_precision="day",
            weapon="rockets",
            place="Mosul",
            sub_event_type="Shelling/artillery/missile attack",
            **common,
        ),
    ]


def test_merge_picks_most_precise_date_and_majorities():
    event = merge_reports(_three(), ARTICLES)
    assert event.report_ids == ("r-a", "r-b", "r-c")
    assert (event.date, event.date_precision) == ("2021-05-02", "day")
    assert event.weapon == "mortar"  # two reports of mortars against one of rockets
    assert event.place.casefold() == "mosul"
    assert event.outlets == ("Outlet A", "Outlet B", "Outlet C")
    assert event.independent_sources == 2  # a and b both rest on Wire One
    assert event.id == event_id(["r-c", "r-a", "r-b"])


def test_merge_records_every_value_and_conflicts():
    event = merge_reports(_three(), ARTICLES)
    weapons = {v.report_id: (v.value, v.agrees) for v in event.fields["weapon"]}
    assert weapons == {"r-a": ("mortar", True), "r-b": ("mortar rounds", True), "r-c": ("rockets", False)}
    assert {v.report_id for v in event.fields["date"]} == {"r-a", "r-b", "r-c"}
    assert all(v.agrees for v in event.fields["date"])
    assert (event.killed_low, event.killed_best, event.killed_high) == (1, 2, 3)
    assert set(event.conflicts) == {"weapon", "killed"}
    assert "place" not in event.conflicts  # case differences are no disagreement


def test_merge_claims_carry_report_outlet_and_date():
    event = merge_reports(_three(), ARTICLES)
    claims = {(c.actor_id, c.stance, c.report_id, c.outlet, c.date) for c in event.claims}
    assert claims == {
        ("grp_x", "claimed", "r-b", "Outlet B", "2021-05"),
        ("grp_y", "denied", "r-a", "Outlet A", "2021-05-02"),
    }
    assert "grp_x" in event.actors and "army" in event.actors


def test_merge_day_dates_a_day_apart_is_a_date_conflict():
    reports = [
        report("r1", "a", date="2021-05-02", date_precision="day"),
        report("r2", "b", date="2021-05-03", date_precision="day"),
        report("r3", "c", date="2021-05-03", date_precision="day"),
    ]
    event = merge_reports(reports, ARTICLES)
    assert event.date == "2021-05-03"
    assert "date" in event.conflicts


def _dated(report_id: str, article_id: str, date: str, text: str, told: str | None) -> Report:
    """A report of ``text`` dated by the phrase ``told`` in it, or (None) by its article's day,
    with the whole sentence as the date's evidence as extraction records it."""
    span = Span(100, 100 + len(text), text)
    if told is None:
        evidence = (span,)
    else:
        start = 100 + text.index(told)
        evidence = (Span(start, start + len(told), told),)
    return report(report_id, article_id, date=date, date_precision="day", text=text, span=span, evidence={"date": evidence})


def test_merge_prefers_a_day_the_text_tells_over_publication_days():
    told = "Students mourned on Wednesday, a day after the council closed the colleges."
    fell_back = "The council ordered the colleges closed until further notice."
    reports = [
        _dated("r1", "a", "2021-05-02", told, "a day after"),
        _dated("r2", "b", "2021-05-03", fell_back, None),
        _dated("r3", "c", "2021-05-03", fell_back, None),
    ]
    assert [date_told(r) for r in reports] == [True, False, False]
    event = merge_reports(reports, ARTICLES)
    assert (event.date, event.date_precision) == ("2021-05-02", "day")
    # with no day told, the publication days still decide
    event = merge_reports(reports[1:], ARTICLES)
    assert event.date == "2021-05-03"


def test_a_publication_day_inside_a_told_month_still_gives_the_day():
    month = report("r1", "a", date="2021-05", date_precision="month", text="Rockets hit the base in May.",
                   span=Span(0, 28, "Rockets hit the base in May."), evidence={"date": (Span(24, 27, "May"),)})
    reports = [month, _dated("r2", "b", "2021-05-03", "Rockets hit the base.", None)]
    event = merge_reports(reports, ARTICLES)
    assert (event.date, event.date_precision) == ("2021-05-03", "day")


def test_merge_of_undated_reports_keeps_date_unknown():
    event = merge_reports([report("r1", "a", date=None), report("r2", "b", date=None)], ARTICLES)
    assert (event.date, event.date_precision) == (None, "unknown")
    assert "date" not in event.fields


def test_event_round_trips_through_dict():
    event = merge_reports(_three(), ARTICLES)
    assert type(event).from_dict(event.as_dict()) == event


@pytest.mark.parametrize(
    ("places", "conflict"),
    [
        ([("Erbil", "Erbil"), ("Erbil International Airport", "Erbil")], False),
        ([("Erbil International Airport", "Erbil"), ("Erbil", "Erbil"), ("Erbil", "Erbil")], False),
        ([("Baghdad", "Baghdad"), ("Green Zone", "Baghdad")], False),  # the city holds the Green Zone
        ([("Erbil", "Erbil"), ("Kirkuk", "Kirkuk")], True),
        ([("Green Zone", "Baghdad"), ("Jadriya", "Baghdad")], True),  # two places in one city
        ([("Basra International Airport", "Basra"), ("Erbil International Airport", "Erbil")], True),
    ],
)
def test_places_that_hold_one_another_do_not_disagree(places, conflict):
    reports = [report(f"r-{i}", f"a{i}", date="2021-05-01", date_precision="day", place=p, admin1=a)
               for i, (p, a) in enumerate(places)]
    event = merge_reports(reports, {f"a{i}": info(f"a{i}", f"Outlet {i}") for i in range(len(places))})
    assert ("place" in event.conflicts) is conflict
    assert all(v.agrees for v in event.fields["place"]) is not conflict


def test_figures_inside_a_reported_range_agree_with_it():
    reports = [report("r-a", "a", killed=2, killed_high=5), report("r-b", "b", killed=3), report("r-c", "c", killed=4)]
    event = merge_reports(reports, {k: info(k, f"Outlet {k}") for k in "abc"})
    assert "killed" not in event.conflicts
    assert all(v.agrees for v in event.fields["killed"])


def _told(report_id: str, what: str, figure: int, text: str):
    from eventledger.models import Span

    return report(report_id, report_id, **{what: figure, "evidence": {what: (Span(0, len(text), text),)}})


@pytest.mark.parametrize(
    ("what", "told", "expected"),
    [
        # "several" (coded 3) beside "at least four" and "at least nine": the exact figures decide
        ("killed", [(3, "several dead"), (4, "at least four villagers were killed"), (9, "at least 9 had been shot dead")], (4, 9, None)),
        # "dozens" (coded 12) beside "more than 40": the vague word is no lower end of the toll
        ("wounded", [(12, "dozens of others were wounded"), (40, "more than 40 were wounded")], (40, 40, None)),
        # a number word is exact: "six" beside "several"
        ("killed", [(3, "several people died"), (6, "six people died")], (6, 6, 6)),
    ],
)
def test_a_vague_figure_gives_way_to_an_exact_one(what, told, expected):
    reports = [_told(f"r-{n}", what, figure, text) for n, (figure, text) in enumerate(told)]
    event = merge_reports(reports, {r.article_id: info(r.article_id, f"Outlet {r.article_id}") for r in reports})
    assert (getattr(event, f"{what}_low"), getattr(event, f"{what}_best"), getattr(event, f"{what}_high")) == expected
    assert what not in event.conflicts


def test_a_stated_range_gives_way_to_an_exact_figure_inside_it():
    reports = [report("r-a", "a", killed=5, killed_high=9), report("r-b", "b", killed=7)]
    event = merge_reports(reports, {k: info(k, f"Outlet {k}") for k in "ab"})
    assert (event.killed_low, event.killed_best, event.killed_high) == (7, 7, 7)
    assert "killed" not in event.conflicts


@pytest.mark.parametrize(
    "told",
    [
        [(3, "several were killed"), (0, "nobody was killed")],  # a zero replaces nothing
        [(3, "many were killed"), (100, "hundreds were killed")],  # no exact figure: both stay
    ],
)
def test_with_no_positive_exact_figure_every_figure_is_merged(told):
    reports = [_told(f"r-{n}", "killed", figure, text) for n, (figure, text) in enumerate(told)]
    event = merge_reports(reports, {r.article_id: info(r.article_id, f"Outlet {r.article_id}") for r in reports})
    ranges = [casualty_range(r, "killed") for r in reports]
    assert (event.killed_low, event.killed_best, event.killed_high) == merge_casualties([r for r in ranges if r])[:3]
    assert event.killed_low == min(figure for figure, _ in told)


ONE_REPORT_CASES = [
    report("s1", "a1", date="2020-03-04", date_precision="day", admin1="Baghdad", place="Green Zone", weapon="Katyusha rockets",
           target="US embassy", killed=2, wounded=5, actors=[("kataib_hezbollah", "perpetrator"), ("analyst", "speaker")]),
    report("s2", "a2", date="2020-03", date_precision="month", killed=7, killed_text="at least seven people died"),
    report("s3", "a3", date="2020-03-04", date_precision="month", wounded=None, wounded_high=9, latitude=33.3, longitude=44.4,
           geo_precision=2, claimed_by=("islamic_state",), denied_by=("kataib_hezbollah",)),
    report("s4", "a4", date="not a date", date_precision="day", killed=3, killed_high=1, weapon="a weapon nobody names"),
    report("s5", "a5", kind="statement", date=None, date_precision="unknown", place="", target="", weapon=""),
    report("s6", "a6", date="2020", date_precision="year", killed=0, wounded=4, latitude=33.3, cites=("Gulf Wire Digest",)),
    # (a data error: a bound below nothing; its own figure conflicts with itself either way)
    report("s7", "a7", date="2020-03-04", date_precision="week", killed_high=-2, wounded=12, killed_text="some died"),
]


@pytest.mark.parametrize("one", ONE_REPORT_CASES, ids=lambda r: r.id)
def test_an_event_of_one_report_is_what_merging_gives(one):
    # the one-report path skips the merging steps: it must make the event they would make
    articles = {"a1": info("a1", "Tigris Monitor", "2020-03-05"), "a3": info("a3", None, "2020-03-06"), "a6": info("a6", "Outlet")}
    fast = merge_reports([one], articles)
    assert fast == _merged_event([one], articles, load_rules())
    assert fast.to_json() == _merged_event([one], articles, load_rules()).to_json()


def test_reports_that_agree_on_every_value_agree_field_by_field():
    # the shortcut for reports giving one value of a field must still record every report's value
    reports = [
        report(f"r{i}", f"a{i}", date="2021-06-01", date_precision="day", admin1="Basra", place="Umm Qasr", weapon="IED",
               target="convoy") for i in range(3)
    ]
    reports[2] = report("r2", "a2", date="2021-06-01", date_precision="day", admin1="basra", place="Umm Qasr",
                        weapon="roadside bomb", target="Convoy")
    event = merge_reports(reports, {})
    assert event.date == "2021-06-01" and event.conflicts == ()
    assert [v.value for v in event.fields["admin1"]] == ["Basra", "Basra", "basra"]
    assert all(v.agrees for values in event.fields.values() for v in values)
    assert event.place == "Umm Qasr" and event.weapon == "ied"


def test_event_fields_laid_out_by_position_are_those_built_from_report_ids():
    from eventledger.link.merge import _event_fields
    from eventledger.models import EventFields

    report_ids = ("r1", "r2", "r3")
    fields = {
        "place": [(0, "Umm Qasr", True), (2, "Umm Qasr port", True)],
        "date": [(0, "2021-06-01", True), (1, "2021-06-02", False), (2, "2021-06-01", True)],
        "killed": [(1, (3, None), True)],
        "weapon": [(0, "IED", False), (1, "rockets", True)],
    }
    made, disagreeing = _event_fields(report_ids, fields)
    built = EventFields.build(report_ids, [(name, [(report_ids[i], v, a) for i, v, a in given]) for name, given in fields.items()])
    assert made == built and made.as_dict() == built.as_dict()
    assert disagreeing == ["date", "weapon"]


def test_reports_giving_one_casualty_range_agree_and_an_upside_down_one_still_conflicts():
    # every report giving one range takes it without choosing; a range upside down (a bound
    # below zero) is no agreement with itself and goes through the general steps
    alike = [report(f"r{i}", f"a{i}", killed=3, killed_text="at least three", wounded=2) for i in range(3)]
    event = merge_reports(alike, {})
    assert (event.killed_low, event.killed_best, event.killed_high) == (3, 3, None)
    assert (event.wounded_low, event.wounded_best, event.wounded_high) == (2, 2, 2)
    assert [v.value for v in event.fields["killed"]] == [(3, None)] * 3 and event.conflicts == ()
    upside_down = [report(f"r{i}", f"a{i}", killed_high=-2) for i in range(2)]
    event = merge_reports(upside_down, {})
    assert event.conflicts == ("killed",) and event.killed_best == -1
    assert [v.agrees for v in event.fields["killed"]] == [False, False]
