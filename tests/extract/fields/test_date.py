"""resolve_date and find_dates: relative dates against the publication date, absolute ones alone."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.extract.fields.date_expressions import (
    ResolvedDate,
    coarsen,
    find_dates,
    is_caption,
    is_future,
    is_future_date,
    resolve_date,
    year_hint,
)
from eventledger.models import Article

THURSDAY = dt.date(2020, 11, 19)  # a Thursday


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("on Tuesday", "2020-11-17", "day"),
        ("on Thursday", "2020-11-19", "day"),  # the publication day itself
        ("on Friday", "2020-11-13", "day"),  # the Friday before
        ("Sunday night", "2020-11-15", "day"),
        ("yesterday", "2020-11-18", "day"),
        ("today", "2020-11-19", "day"),
        ("last night", "2020-11-18", "day"),
        ("three days ago", "2020-11-16", "day"),
        ("two weeks ago", "2020-11-05", "week"),
        ("a fortnight ago", "2020-11-05", "week"),
        ("about a fortnight ago", "2020-11-05", "week"),
        ("last week", "2020-11-12", "week"),
        ("earlier this week", "2020-11-19", "week"),
        ("earlier this month", "2020-11", "month"),
        ("last month", "2020-10", "month"),
        ("in October", "2020-10", "month"),
        ("in November", "2020-11", "month"),
        ("in December", "2019-12", "month"),  # the latest December not after publication
        ("last year", "2019", "year"),
        ("in 2014", "2014", "year"),
        ("11 October", "2020-10-11", "day"),
        ("October 11", "2020-10-11", "day"),
        ("on 11 October 2020", "2020-10-11", "day"),
        ("on the 3rd of March", "2020-03-03", "day"),
        ("Dec. 30", "2019-12-30", "day"),
        ("Saturday, December 26, 2020", "2020-12-26", "day"),
        ("March 2019", "2019-03", "month"),
        ("12/24/20", "2020-12-24", "day"),
        ("01/05/2012", "2012-01-05", "day"),
        ("2020-10-22", "2020-10-22", "day"),
    ],
)
def test_resolves_against_publication_date(expression: str, value: str, precision: str) -> None:
    assert resolve_date(expression, THURSDAY) == ResolvedDate(value, precision)


@pytest.mark.parametrize(
    "expression",
    ["on Tuesday", "last week", "in October", "yesterday", "earlier this month", "11 October", "three days ago", "the next day"],
)
def test_relative_date_without_publication_date_is_unknown(expression: str) -> None:
    # never today's date, never a guess
    assert resolve_date(expression, None) == ResolvedDate(None, "unknown")


@pytest.mark.parametrize(
    ("expression", "value"),
    [("on 11 October 2020", "2020-10-11"), ("Saturday, December 26, 2020", "2020-12-26"), ("12/24/20", "2020-12-24")],
)
def test_absolute_date_resolves_without_publication_date(expression: str, value: str) -> None:
    assert resolve_date(expression, None) == ResolvedDate(value, "day")


@pytest.mark.parametrize(
    ("expression", "anchor", "value"),
    [
        ("the next day", dt.date(2020, 11, 17), "2020-11-18"),
        ("a day later", dt.date(2020, 11, 17), "2020-11-18"),
        ("the day before", dt.date(2020, 11, 17), "2020-11-16"),
        ("two days later", dt.date(2021, 2, 28), "2021-03-02"),
        # a weekday with no publication date falls on or before the date already told
        ("on Tuesday", dt.date(2020, 11, 18), "2020-11-17"),
    ],
)
def test_chained_dates_count_from_the_anchor(expression: str, anchor: dt.date, value: str) -> None:
    assert resolve_date(expression, None, anchor=anchor) == ResolvedDate(value, "day")


@pytest.mark.parametrize(
    ("expression", "published", "value"),
    [
        ("nearly a year ago", dt.date(2020, 12, 24), "2020"),  # early 2020, not 2019
        ("almost a year ago", dt.date(2020, 12, 24), "2020"),
        ("a year ago", dt.date(2020, 12, 24), "2019"),
        ("more than a year ago", dt.date(2021, 1, 10), "2019"),
        ("two years ago", dt.date(2021, 6, 1), "2019"),
        ("nearly two years ago", dt.date(2021, 12, 30), "2020"),
    ],
)
def test_years_ago_take_the_year_of_the_estimated_day(expression: str, published: dt.date, value: str) -> None:
    [mention] = find_dates(f"They recalled the strike {expression}.")
    assert mention.expression == expression
    assert resolve_date(mention.expression, published) == ResolvedDate(value, "year")


def test_the_next_month_counts_from_a_month_anchor() -> None:
    assert resolve_date("The next month", None, anchor=dt.date(2020, 10, 1)) == ResolvedDate("2020-11", "month")


@pytest.mark.parametrize(
    ("expression", "value"),
    [("on Tuesday", "2020-11-24"), ("on Thursday", "2020-11-26"), ("in January", "2021-01")],
)
def test_future_dates_point_forward(expression: str, value: str) -> None:
    assert resolve_date(expression, THURSDAY, future=True).value == value


@pytest.mark.parametrize(
    ("sentence", "expressions"),
    [
        ("The convoy was hit on Monday near Nasiriyah.", ["Monday"]),
        ("The truce declared on 4 March 2021 held until May.", ["4 March 2021", "May"]),
        ("Officials said in October that the base was quiet.", ["October"]),
        ("She may march to the square tomorrow.", ["tomorrow"]),  # "may" and "march" are verbs here
        ("He arrived the next day, a week after the bombing.", ["the next day"]),
        ("A report dated 3/14/21 listed the attacks.", ["3/14/21"]),
        ("No date is given in this sentence at all.", []),
    ],
)
def test_find_dates_in_sentence(sentence: str, expressions: list[str]) -> None:
    assert [m.expression for m in find_dates(sentence)] == expressions
    for mention in find_dates(sentence):
        assert sentence[mention.start:mention.end] == mention.expression


@pytest.mark.parametrize(
    ("sentence", "future"),
    [("The envoy will visit Erbil on Sunday.", True), ("The envoy visited Erbil on Sunday.", False), ("Talks are scheduled to resume next week.", True)],
)
def test_future_tense(sentence: str, future: bool) -> None:
    assert is_future(sentence) is future


@pytest.mark.parametrize(
    ("resolved", "precision", "expected"),
    [
        (ResolvedDate("2020-01-03", "day"), "month", ResolvedDate("2020-01", "month")),
        (ResolvedDate("2020-01-03", "day"), "year", ResolvedDate("2020", "year")),
        (ResolvedDate("2020-01", "month"), "day", ResolvedDate("2020-01", "month")),
    ],
)
def test_coarsen(resolved: ResolvedDate, precision: str, expected: ResolvedDate) -> None:
    assert coarsen(resolved, precision) == expected


@pytest.mark.parametrize(
    ("expressions", "year"),
    [
        (["on 30 September 2020", "on 11 October"], 2020),
        (["in March 2019", "on 2 March 2019", "on 5 May 2021"], 2019),  # the most frequent year
        (["on 1 May 2020", "on 9 June 2021"], 2021),  # a tie: the latest
        (["on 11 October", "on Tuesday", "last week"], None),  # no year anywhere: no hint
    ],
)
def test_year_hint_comes_from_full_dates_only(expressions: list[str], year: int | None) -> None:
    assert year_hint(expressions) == year


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("on 11 October", "2020-10-11", "day"),
        ("October 11", "2020-10-11", "day"),
        ("in October", "2020-10", "month"),
        ("on Tuesday", None, "unknown"),  # a weekday needs a publication date or an anchor
        ("last week", None, "unknown"),
    ],
)
def test_year_hint_dates_days_and_months_but_not_weekdays(expression: str, value: str | None, precision: str) -> None:
    resolved = resolve_date(expression, None, year_hint=2020)
    assert (resolved.value, resolved.precision) == (value, precision)


@pytest.mark.parametrize(
    ("expression", "published", "value"),
    [
        ("last autumn", dt.date(2021, 4, 2), "2020"),  # autumn 2020 is the latest one over
        ("last autumn", dt.date(2021, 12, 3), "2021"),  # autumn 2021 has just ended
        ("last fall", dt.date(2021, 10, 1), "2020"),  # autumn 2021 is not over yet
        ("last summer", dt.date(2021, 9, 15), "2021"),
        ("last spring", dt.date(2021, 4, 20), "2020"),
        ("this summer", dt.date(2021, 2, 1), "2021"),
    ],
)
def test_seasons_resolve_to_their_year(expression: str, published: dt.date, value: str) -> None:
    assert resolve_date(expression, published) == ResolvedDate(value, "year")


def test_season_without_publication_date_is_unknown() -> None:
    assert not resolve_date("last autumn", None).known
    assert [m.expression for m in find_dates("The truce agreed last autumn held until February.")] == ["last autumn", "February"]


@pytest.mark.parametrize(
    ("prefix", "days"),
    [
        ("Arriving 24 hours after a ", 1),
        ("The minister landed two days after the ", 2),
        ("Police arrived hours after the ", 0),
        ("He spoke 48 hours after a deadly ", 2),
        ("The convoy left after the ", None),  # no interval: nothing to count back
        ("Three days later a ", None),
    ],
)
def test_days_before_counts_back_from_an_interval(prefix: str, days: int | None) -> None:
    from eventledger.extract.fields.date_expressions import days_before

    assert days_before(prefix) == days


@pytest.mark.parametrize(
    ("expression", "weekday"),
    [("on Tuesday", 1), ("Wednesday evening", 2), ("Tuesday, 17 November", None), ("last week", None), ("11 October", None)],
)
def test_bare_weekday_only_for_weekday_names_alone(expression: str, weekday: int | None) -> None:
    from eventledger.extract.fields.date_expressions import bare_weekday

    assert bare_weekday(expression) == weekday


# --- one article, sentence after sentence ----------------------------------------------------


def _dates(infos) -> list[list[str | None]]:
    return [[d.date.value for d in info.dates] for info in infos]


def test_a_relative_date_counts_from_the_latest_date_told(analyse) -> None:
    infos = analyse("Gunmen attacked a checkpoint in Kirkuk on Monday. The next day a bomb exploded in Basra.")
    assert _dates(infos) == [["2021-03-08"], ["2021-03-09"]]


def test_a_bare_weekday_falls_in_the_past_week_the_story_is_set_in(analyse) -> None:
    infos = analyse("Iran sent him to Baghdad last week. He met the faction leaders on Wednesday.")
    # published on Wednesday 10 March: without "last week" Wednesday would be that day
    assert _dates(infos) == [["2021-03-03"], ["2021-03-03"]]


def test_without_a_publication_date_the_articles_own_year_is_used(analyse) -> None:
    infos = analyse("The truce began on 11 October. The report is dated 30 September 2020.", published=None)
    assert _dates(infos) == [["2020-10-11"], ["2020-09-30"]]


# --- one report ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Gunmen attacked a checkpoint in Kirkuk on Monday.", "2021-03-08", "day"),
        # the day told in the sentence before, same paragraph
        ("On Monday, gunmen entered a house in Kirkuk. They opened fire, killing a man.", "2021-03-08", "day"),
        # no date at all: the day the article appeared on (news tells the day's events)
        ("Gunmen opened fire on a patrol in Kirkuk, killing two soldiers.", "2021-03-10", "day"),
        # the event after "after" is the one dated there
        ("The ambush came two days after twin bombings hit the market in Mosul on Thursday.", "2021-03-04", "day"),
    ],
)
def test_an_attacks_date(reports, text: str, date: str, precision: str) -> None:
    first = reports(text)[0]
    assert (first.date, first.date_precision) == (date, precision)


def test_background_is_dated_to_its_month(reports) -> None:
    (report,) = [r for r in reports("Mourners marked the 2020 drone strike that killed the commander on 3 January 2020.") if r.historical]
    assert (report.date, report.date_precision) == ("2020-01", "month")


def test_an_old_attack_named_with_its_year_in_an_undated_text_is_background(reports) -> None:
    text = ("Militants killed five people in a bomb attack on a restaurant near the town of Dalo on Sunday, police said. "
            "The group claimed the attack. In October 2017, at least 300 people were killed in a truck bomb attack in the "
            "capital blamed on the same group.")
    found = reports(text, published=None)
    assert [r.killed for r in found if not r.historical] == [5]
    assert [(r.date, r.killed) for r in found if r.historical] == [("2017-10", 300)]


def test_an_anniversary_dates_the_event_years_back(reports) -> None:
    text = "Supporters gathered on 3 January to mark the first anniversary of the drone strike that killed him in Baghdad."
    background = [r for r in reports(text) if r.historical]
    assert [(r.date, r.date_precision) for r in background] == [("2020-01", "month")]


def test_a_political_event_takes_the_date_beside_its_trigger(reports) -> None:
    (report,) = reports("Ismail Qaani travelled to Baghdad last week and met faction leaders on Wednesday.")
    assert (report.kind, report.date, report.date_precision) == ("meeting", "2021-03-03", "day")


# --- dates that never date the event beside them ----------------------------------------------


def _usable(infos) -> list[list[tuple[str, bool]]]:
    return [[(d.text, d.usable) for d in info.dates] for info in infos]


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        # another clock's name for the same moment
        ("A car bomb exploded at 1 a.m. on Tuesday (2200 GMT on Monday) in Kirkuk.", [("Tuesday", True), ("Monday", False)]),
        # a date restated in a bracket right after another: the bracket's date stands for both
        ("Rockets struck the base on Tuesday (March 9) in Anbar.", [("Tuesday", False), ("March 9", True)]),
    ],
)
def test_a_clock_conversion_or_a_restated_date_is_no_date_of_its_own(analyse, text: str, usable: list[tuple[str, bool]]) -> None:
    assert _usable(analyse(text)) == [usable]


def test_a_period_start_dates_only_what_is_told_inside_its_clause(analyse) -> None:
    (info,) = analyse("Gunmen killed four soldiers in Kirkuk, the worst loss since an ambush on 2 February, officials said.")
    (dated,) = info.dates
    killed = info.sentence.text.index("killed")
    ambush = info.sentence.text.index("ambush")
    assert not dated.dates_event_at(info.sentence.start + killed)
    assert dated.dates_event_at(info.sentence.start + ambush)


@pytest.mark.parametrize(
    ("sentence", "caption"),
    [
        ("Mourners carry a coffin in Mosul on March 8, 2021. (Reuters Photo/Jane Doe)", True),
        ("In this file photo, soldiers stand guard at a checkpoint in Kirkuk on May 2, 2019.", True),
        ("Soldiers inspect the site of the explosion in Kirkuk on Monday.", True),
        ("Soldiers inspected the site of the explosion in Kirkuk on Monday, police said.", False),
        ("A bomb exploded at a market in Kirkuk on Monday.", False),
    ],
)
def test_a_picture_caption_is_known_by_its_credit_file_label_or_present_scene(sentence: str, caption: bool) -> None:
    assert is_caption(sentence) is caption


def test_an_undated_articles_day_without_a_year_is_not_put_half_a_year_after_its_latest_full_date(analyse) -> None:
    infos = analyse("Gunmen killed two shepherds near Kirkuk on December 28. The governor spoke on January 2, 2021.", published=None)
    assert _dates(infos) == [["2020-12-28"], ["2021-01-02"]]


# --- an event told without a date of its own ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        # a year alone is background, never a current event's date
        ("Gunmen attacked a checkpoint near Kirkuk in 2017. Gunmen attacked a patrol near Kirkuk, killing two soldiers, police said.", "2021-03-10", "day"),
        # a later sentence recounts when the incident took place
        ("Gunmen attacked a checkpoint in Kirkuk, killing two soldiers.\n\nThe attack took place on Monday evening, police said.", "2021-03-08", "day"),
    ],
)
def test_an_event_told_without_its_day_takes_the_day_the_article_gives_it(reports, text: str, date: str, precision: str) -> None:
    current = [r for r in reports(text) if not r.historical]
    assert (current[-1].date, current[-1].date_precision) == (date, precision)


def test_an_undated_event_takes_the_day_the_articles_story_is_set_on(reports) -> None:
    text = (
        "Police fired tear gas at protesters in Basra on Monday.\n\n"
        "Later, rioters looted shops and set fire to a police post in Nasiriyah, officials said."
    )
    assert [(r.kind, r.date, r.date_precision) for r in reports(text)] == [
        ("protest", "2021-03-08", "day"),
        ("riot", "2021-03-08", "day"),
    ]


def test_a_political_event_takes_a_season_beside_its_trigger(reports) -> None:
    (report,) = reports("After the lull that followed the truce last autumn, the factions resumed their rocket fire.", published=dt.date(2021, 4, 2))
    assert (report.kind, report.date, report.date_precision) == ("ceasefire", "2020", "year")


@pytest.mark.parametrize(
    "text",
    [
        "The army and the rebel alliance agreed a ceasefire that will take effect on Saturday, mediators said.",
        "The two sides will observe a truce across the southern front as of 6 a.m. on Friday, the mediators said.",
        # no word of the future: the day is told as the one the truce starts from
        "The army and the rebel alliance have agreed a ceasefire as of midnight on Friday (2100 GMT Thursday), mediators said.",
        "The rebels and the government agreed a truce effective from 6 a.m. Saturday, the mediators announced.",
        "The two parties signed a truce starting on Sunday, a spokesman for the mediators said.",
    ],
)
def test_a_ceasefire_told_with_the_day_it_takes_effect_is_dated_when_agreed(reports, text: str) -> None:
    (report,) = [r for r in reports(text) if r.kind == "ceasefire"]
    assert (report.date, report.date_precision) == ("2021-03-10", "day")


def test_a_settlement_the_story_stands_on_is_not_dated_by_the_storys_day(reports) -> None:
    text = (
        "Shelling killed six farmers near Saraqib in Syria on Monday. The area was meant to be a "
        "demilitarised strip under a deal agreed by Ankara and Moscow, which back opposing sides."
    )
    (settled,) = [r for r in reports(text) if r.kind == "agreement"]
    assert settled.date is None
    (attack,) = [r for r in reports(text) if r.kind == "attack"]
    assert attack.date == "2021-03-08"


def test_a_settlement_told_as_news_keeps_the_storys_day(reports) -> None:
    text = "Shelling killed six farmers near Saraqib in Syria on Monday. Turkey and Russia agreed to set up a buffer zone in Idlib."
    (settled,) = [r for r in reports(text) if r.kind == "agreement"]
    assert settled.date is not None


def test_the_day_a_truce_took_effect_dates_it_when_no_other_day_is_told(reports) -> None:
    text = "A truce between the army and the rebels took effect at dawn on Monday, residents of the border towns said."
    (report,) = [r for r in reports(text) if r.kind == "ceasefire"]
    assert (report.date, report.date_precision) == ("2021-03-08", "day")


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # the event after "came two days after" is two days before the one told
        (
            "Gunmen on Saturday threw a grenade at a police post in Jalalabad.\n\n"
            "That blast has come two days after gunmen shot dead three farmers near the same village.",
            ["2021-03-06", "2021-03-04"],
        ),
        # "two days after the attack, police arrested": the arrest is two days after
        (
            "Gunmen on Saturday threw a grenade at a police post in Jalalabad. Two days after the attack, police arrested three men.",
            ["2021-03-06", "2021-03-08"],
        ),
        # the sentence tells its own day first: "a day after" names the other event's distance back
        (
            "Teachers on Saturday marched through the capital in silence, a day after the government ordered the closure of all schools.",
            ["2021-03-05"],
        ),
    ],
)
def test_an_interval_comparing_the_event_told_with_another_counts_back(reports, text: str, dates: list[str]) -> None:
    assert [r.date for r in reports(text, published=dt.date(2021, 3, 6))] == dates


def test_a_day_told_later_beats_the_week_the_event_was_first_dated_by(reports) -> None:
    text = (
        "Rights groups condemned this week's clashes between students and police in Dhaka. "
        "Four people were killed on Tuesday in the clashes with police near the university."
    )
    # students fighting the police: a riot (ACLED's violent demonstration), dated by its own day
    (riot,) = [r for r in reports(text) if r.kind == "riot"]
    assert (riot.date, riot.date_precision) == ("2021-03-09", "day")


@pytest.mark.parametrize(
    ("expression", "published", "value", "precision"),
    [
        ("in January of last year", dt.date(2019, 1, 21), "2018-01", "month"),  # not the January just begun
        ("in May last year", dt.date(2019, 6, 2), "2018-05", "month"),
        ("in March this year", dt.date(2019, 6, 2), "2019-03", "month"),
        ("in January of last year", None, None, "unknown"),  # counts from a publication date unknown
    ],
)
def test_a_month_of_last_or_this_year_counts_from_publication(expression: str, published: dt.date | None, value: str | None, precision: str) -> None:
    assert resolve_date(expression, published, year_hint=2017) == ResolvedDate(value, precision)


def test_a_past_week_is_not_narrowed_to_a_day_a_later_sentence_tells(reports) -> None:
    text = "Last week's rocket attack on the airport in Erbil killed a contractor. Nine people were wounded in the attack, which a militia praised on Saturday."
    (attack,) = reports(text)
    assert (attack.date, attack.date_precision) == ("2021-03-03", "week")


@pytest.mark.parametrize(
    ("caption", "date"),
    [
        # the page first appeared on Wednesday 10 March; its picture is of Friday 12 March: the
        # text is the later edition, and its "on Friday" is that Friday
        ("Police officers inspect the damaged checkpoint in Jalalabad on March 12, 2021.", "2021-03-12"),
        ("Mourners outside the hospital in Jalalabad on 12 March 2021 (Jane Roe/AFP via Getty Images)", "2021-03-12"),
        # a picture of an earlier day, or one dated weeks later, says nothing of the edition
        ("In this file photo, police officers patrol Jalalabad on February 2, 2021.", "2021-03-05"),
        ("Police officers inspect the damaged checkpoint in Jalalabad on April 30, 2021.", "2021-03-05"),
    ],
)
def test_a_picture_dated_after_the_publication_date_shows_the_pages_later_edition(reports, caption: str, date: str) -> None:
    text = (
        f"Gunmen kill two officers at checkpoint\n\n{caption}\n\n"
        "Gunmen attacked a police checkpoint in Jalalabad on Friday, killing two officers, the provincial police said."
    )
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (report.date, report.date_precision) == (date, "day")


def test_a_later_day_the_text_itself_tells_does_not_move_the_edition(reports) -> None:
    text = (
        "Gunmen attacked a police checkpoint in Jalalabad on Friday, killing two officers, the provincial police said.\n\n"
        "The council will meet on March 12, 2021 to discuss security on the highway."
    )
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (report.date, report.date_precision) == ("2021-03-05", "day")


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of protesters stormed the governor's office in Basra in one of the largest marches in the province this year.",
        "Gunmen killed eleven soldiers at a border post in Diyala, the deadliest attack on the army so far this year.",
    ],
)
def test_this_year_in_a_comparison_is_not_the_events_date(reports, text: str) -> None:
    (report,) = [r for r in reports(text) if r.kind in ("riot", "protest", "attack")]
    # the article's day (it tells no other), not the year the comparison is made over
    assert (report.date, report.date_precision, report.historical) == ("2021-03-10", "day", False)


def test_this_year_told_as_the_events_time_still_dates_it(reports) -> None:
    (report,) = [r for r in reports("Gunmen killed eleven soldiers at a border post in Diyala earlier this year.") if r.kind == "attack"]
    assert (report.date, report.date_precision) == ("2021", "year")


def test_a_day_told_later_with_another_event_does_not_date_the_undated_lead(reports) -> None:
    text = (
        "Russian rockets struck the bus station in Kharkiv where hundreds of people were waiting to leave the city.\n\n"
        "Regional officials said dozens of people had been killed and many more wounded.\n\n"
        "On Monday, two evacuation trains were halted near Izium after an air strike destroyed a rail bridge, officials said."
    )
    dated = {r.place or r.admin1: (r.date, r.date_precision) for r in reports(text) if r.kind == "attack"}
    # the lead is the news of the day the article appeared; Monday is the bridge strike's
    assert dated.get("Kharkiv") == ("2021-03-10", "day")


# --- what is to come, and what was said of it ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "future"),
    [
        ("The envoy will arrive in Mosul on Tuesday.", [True]),
        ("On Tuesday the envoy will arrive in Mosul.", [True]),
        # what a speaker said of the future, after the day it was said
        ("The council denounced the exercises on Tuesday and warned that Washington will regret them.", [False]),
        # a speaker's own words in quotes do not make the narration future
        ("On Tuesday, crowds marched through Basra chanting “we will return every day”.", [False]),
        # the day an intended act is to happen
        ("The governor has agreed to step down on Friday.", [True]),
        ("The two sides agreed to a truce on Friday.", [False]),
        # a plan told as a noun someone owns is what the crowd protests, not the day's future
        ("Police clashed with farmers on Friday over the government's plans to seize their land.", [False]),
        ("The union plans to strike on Friday.", [True]),
    ],
)
def test_a_date_points_forward_only_when_its_own_clause_does(sentence: str, future: list[bool]) -> None:
    assert [is_future_date(sentence, m) for m in find_dates(sentence)] == future


def test_quoted_future_words_leave_the_day_in_the_past(analyse) -> None:
    infos = analyse("On Tuesday, crowds marched through Basra chanting “we will return every day”.")
    # published on Wednesday 10 March 2021: the Tuesday before, not the one after
    assert _dates(infos) == [["2021-03-09"]]


def test_the_day_of_an_intended_act_does_not_date_the_promise(reports) -> None:
    text = (
        "Protesters stormed the governor's office in Basra and set part of it on fire.\n\n"
        "The governor has agreed to step down on Friday, his spokesman said."
    )
    dates = {r.kind: (r.date, r.date_precision) for r in reports(text)}
    assert dates.get("riot") == ("2021-03-10", "day")


def test_an_undated_event_takes_the_latest_day_its_story_has_reached(reports) -> None:
    text = (
        "A rebel faction was behind a car bomb Monday that killed nine officers at a police base in Kirkuk, "
        "the interior ministry said Tuesday.\n\n"
        "The prime minister responded by ordering that arrest warrants for ten faction leaders be reinstated."
    )
    (order,) = [r for r in reports(text) if r.kind == "order"]
    assert (order.date, order.date_precision) == ("2021-03-09", "day")


def test_a_sentence_in_the_past_perfect_does_not_set_the_storys_day(reports) -> None:
    text = (
        "A car bomb killed nine officers at a police base in Kirkuk on Monday.\n\n"
        "The faction said soldiers had raided one of its camps on 20 February.\n\n"
        "The prime minister responded by ordering that arrest warrants for ten faction leaders be reinstated."
    )
    (order,) = [r for r in reports(text) if r.kind == "order"]
    assert (order.date, order.date_precision) == ("2021-03-08", "day")


# --- an undated article's weekday -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("A suicide bomber struck a checkpoint near the airport in Kabul on Monday, killing two guards.", "Monday"),
        # the day the news was given is not the event's
        (
            "A drone strike on a village in Sagaing killed nine people, residents said on Wednesday.\n\n"
            "The drone hit the village school on Tuesday afternoon, a teacher said.",
            "Tuesday",
        ),
        # two weekdays told for it: none is kept
        ("Gunmen attacked a police post in Kirkuk on Friday and again on Sunday, killing four officers.", None),
    ],
)
def test_an_undated_articles_weekday_is_kept_as_the_dates_evidence(reports, text: str, weekday: str | None) -> None:
    first = reports(text, published=None)[0]
    assert (first.date, first.date_precision) == (None, "unknown")
    assert [s.text for s in first.evidence.get("date", ())] == ([weekday] if weekday else [])


def test_a_period_start_does_not_give_an_undated_articles_year(analyse) -> None:
    infos = analyse("The envoys met for the first time since November 2019, after a quarrel in February.", published=None)
    # November 2019 is the period's start: it says nothing of which February
    assert _dates(infos) == [["2019-11", None]]


def test_a_sentence_in_the_past_perfect_lends_no_date_to_the_next(reports) -> None:
    text = (
        "Relations had soured after a border skirmish in January. "
        "Rebels attacked a police post in Kirkuk, killing two officers."
    )
    (attack,) = [r for r in reports(text) if r.kind == "attack" and r.place == "Kirkuk"]
    assert (attack.date, attack.date_precision) == ("2021-03-10", "day")


def test_a_newspapers_name_is_no_weekday() -> None:
    sentence = "Shopkeepers told The Sunday Courier they heard two blasts on Friday night."
    assert [m.expression for m in find_dates(sentence)] == ["Friday"]


def test_a_look_back_told_after_the_lead_does_not_set_the_storys_day(reports) -> None:
    # the lead sets the story on Wednesday; "killed on Tuesday" looks back from it, and the
    # march told after without a day is the story's, not Tuesday's
    text = (
        "Students in Basra on Wednesday mourned classmates killed in the unrest.\n\n"
        "Four people were shot dead on Tuesday in clashes between rival groups in Nasiriyah.\n\n"
        "It was the worst day of violence in a month of rallies against the new fuel prices.\n\n"
        '"We will not stop," a student leader told reporters.\n\n'
        "Police fired tear gas to disperse hundreds of students marching to the governor's office in Basra."
    )
    dates = {r.kind: (r.date, r.date_precision) for r in reports(text, published=dt.date(2021, 3, 11))}
    assert dates.get("protest") == ("2021-03-10", "day")


# --- the day the news was given dates the event only when nothing else does ---------------------


def test_a_recounted_day_beats_the_day_the_news_was_given(reports) -> None:
    text = (
        "Fourteen villagers died when gunmen attacked a cattle market, police said late Tuesday. "
        "\"We buried them all,\" an elder said of the attack, which happened on Sunday."
    )
    assert (reports(text)[0].date, reports(text)[0].date_precision) == ("2021-03-07", "day")


def test_the_day_set_just_before_beats_the_day_the_news_was_given(reports) -> None:
    text = (
        "Militants struck twice in the delta on Monday. "
        "Two soldiers were killed by a roadside bomb near the river crossing, the army said on social media Wednesday."
    )
    bomb = next(r for r in reports(text) if r.killed == 2)
    assert (bomb.date, bomb.date_precision) == ("2021-03-08", "day")


def test_the_day_the_news_was_given_stands_alone(reports) -> None:
    (report,) = reports("Gunmen shot dead five traders at a checkpoint, police said on Tuesday.")
    assert (report.date, report.date_precision) == ("2021-03-09", "day")


def test_a_weekday_named_before_a_flashback_keeps_its_day(reports) -> None:
    text = (
        "Gunmen killed four farmers in the north, officials said Tuesday. "
        "Last week, soldiers were accused of killing two traders at a market. "
        "Also Tuesday, a roadside bomb wounded six police officers near the airport."
    )
    bomb = next(r for r in reports(text) if r.wounded == 6)
    assert (bomb.date, bomb.date_precision) == ("2021-03-09", "day")


def test_a_date_in_a_relative_clause_after_the_trigger_is_not_the_attacks(reports) -> None:
    (report,) = reports("Gunmen shot dead the headman of a village where two nurses went missing on Sunday, police said Tuesday.")
    assert (report.date, report.date_precision) == ("2021-03-09", "day")


def test_a_datelines_day_is_where_yesterday_counts_from(reports) -> None:
    # the page says it appeared on the 17th; its dateline was filed on the 18th
    text = "MANILA, Jan 18 (PNA) – Troops killed two rebels in a clash in Iloilo province yesterday, the army said."
    (report,) = reports(text, published=dt.date(2024, 1, 17))
    assert report.date == "2024-01-17"


def test_a_datelines_day_is_not_the_events(reports) -> None:
    text = ("Manila, November 4 (PNA): Two soldiers were killed in a clash with rebels, the military said on Thursday. "
            "The military said the fighting, which broke out on Wednesday in a hill village, lasted an hour.")
    (report,) = [r for r in reports(text, published=dt.date(2021, 11, 4)) if r.kind == "attack"]
    assert report.date == "2021-11-03"


def test_a_datelines_full_date_is_the_filings_not_the_events(reports) -> None:
    # the saying's Monday is all the text tells of the raid's day: not the dateline's Tuesday
    text = ("NIAMEY, May 4, 2021 — Gunmen killed seven traders in a raid on the cattle market of a "
            "village near Tera, on Monday, local officials said.")
    (report,) = [r for r in reports(text, published=dt.date(2021, 5, 4)) if r.kind == "attack"]
    assert (report.date, report.date_precision) == ("2021-05-03", "day")


def test_a_dateline_with_its_year_is_where_yesterday_counts_from(reports) -> None:
    # the page says the 1st; the story was filed on the 2nd
    text = "DHAKA, Feb. 2, 2022 (UNB) - Police fired rubber bullets at striking garment workers in Gazipur yesterday."
    (report,) = [r for r in reports(text, published=dt.date(2022, 2, 1)) if r.date]
    assert report.date == "2022-02-01"


def test_a_date_with_its_year_opening_a_sentence_is_no_dateline(reports) -> None:
    text = "Kabul, March 8, 2021 was the day gunmen shot dead three media workers in Jalalabad."
    (report,) = [r for r in reports(text, published=dt.date(2021, 3, 20)) if r.kind == "attack"]
    assert report.date == "2021-03-08"


def test_a_credited_caption_line_dates_no_weekday_of_an_undated_story(analyse) -> None:
    text = ("Villagers inspect the debris of a rocket near a farm in Marib, Yemen January 9, 2018. Picture taken with a drone. REUTERS/Jane Roe\n"
            "At least four people were killed by a rocket fired at the city on Tuesday.")
    infos = analyse(text, published=None)
    assert infos[0].dates and infos[0].dates[0].caption
    assert not infos[-1].dates[0].date.known  # no year, no week: the caption's day is a file picture's


def test_a_credited_caption_of_another_story_does_not_date_an_undated_page(reports) -> None:
    # a page's leftover picture of an unrelated story, credited with an initial, is no edition day
    text = (
        "The minister waves to reporters after a cabinet meeting, Tuesday, June 6, 2023, in Lagos. (AP Photo/S. Adeyemi Okafor)\n"
        "Gunmen ambush soldiers in Niger; kill 7\n"
        "Gunmen killed seven soldiers on Monday in an ambush near Tillaberi, officials said."
    )
    (attack,) = [r for r in reports(text, published=None) if r.kind == "attack"]
    assert attack.killed == 7 and attack.date is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the lead gives only the day the news was given; the next sentence the event's own
        (
            "Eight civilians were killed when rebels shelled a market in Marib, a medic said on Wednesday. "
            "Five of them died when shells hit the market on Tuesday evening.",
            "2021-03-09",
        ),
        # no day before the saying is told: the saying's day stands
        (
            "Eight civilians were killed when rebels shelled a market in Marib, a medic said on Wednesday. "
            "Five of them died when shells hit the market.",
            "2021-03-10",
        ),
        # a speaker's "yesterday" counts from when they spoke: the saying's day stands
        (
            "Eight civilians were killed when rebels shelled a market in Marib, a medic said on Wednesday. "
            "“The shelling of the market started yesterday afternoon,” he said.",
            "2021-03-10",
        ),
        # a day long before the saying is another story's, not this event's
        (
            "Eight civilians were killed when rebels shelled a market in Marib, a medic said on Wednesday. "
            "Five of them died when shells hit the market on 2 February.",
            "2021-03-10",
        ),
    ],
)
def test_a_later_sentences_day_beats_the_day_the_news_was_given(reports, text: str, date: str) -> None:
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert report.date == date



def test_an_undated_pages_address_month_gives_the_year_of_its_days() -> None:
    text = "Gunmen shot dead four farmers near Kirkuk on Dec. 28, police said."

    def dates(url: str | None) -> list[str | None]:
        return [r.date for r in extract_article(Article(id="t", text=text, url=url)).reports]

    assert dates("https://example-blog.net/2013/12/farmers-shot.html") == ["2013-12-28"]
    # a page of January tells of the December before it
    assert dates("https://example-blog.net/2014/01/farmers-shot.html") == ["2013-12-28"]
    assert dates(None) == [None]
