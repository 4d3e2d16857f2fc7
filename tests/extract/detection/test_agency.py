"""Who is violent at a demonstration (extract/detection/agency.py), and the riot or protest it makes."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.extract.detection.agency import at_demonstration, told_elsewhere, violent_side
from eventledger.models import Article


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        # the crowd storms, burns, throws or fights: its violence, whatever the police did
        ("Riot police fired on students attempting to storm the ministry in Accra.", "crowd"),
        ("Officers used water cannon after marchers hurled bottles and stones at them.", "crowd"),
        ("Dozens were hurt in a clash between police and farmers blocking the motorway.", "crowd"),
        ("Supporters of the jailed mayor scuffled with police outside the court.", "crowd"),
        ("Two demonstrators died and 40 police officers were injured in the capital.", "crowd"),
        ("The protesters set fire to the town hall on Monday.", "crowd"),
        # state forces storm, fire on or beat a crowd whose violence is not told: force
        ("Residents accused the army of storming a protest camp outside the refinery.", "force"),
        ("Soldiers opened fire on a crowd of mourners in the market town.", "force"),
        ("A student who was shot during a rally last month has died in hospital.", "force"),
        ("Troops have attacked a sit-in outside the governor's office, witnesses say.", "force"),
        # storming onto a road is rushing onto it: the police's tear gas is the only act
        ("Police fired tear gas after the marchers stormed onto the highway.", "intervention"),
        # the police named by their office
        ("Members of the law enforcement agencies started firing at the protesters.", "force"),
        ("Law enforcers fired tear gas at the crowd outside the court.", "intervention"),
        # tear gas, dispersal, arrests: intervention
        ("Police fired tear gas at hundreds of teachers marching on parliament.", "intervention"),
        ("Security forces dispersed the vigil and detained its organisers.", "intervention"),
        # no act whose agent the sentence names
        ("Demonstrators watch as a bank burns during a march in the capital.", None),
        ("Tents at the sit-in were burned overnight.", None),
        ("Protesters waved flags and burnt an effigy of the governor.", None),
        # what the protest is about is no act at it
        ("Traders marched in Kisii after police had raided the market at dawn.", None),
        ("Mothers gathered to demand justice for sons who were beaten by police last year.", None),
        ("Villagers rallied, urging the authorities to arrest the poachers.", None),
        # rioting is the crowd's violence; dispersal that leaves people badly hurt is force
        ("Guards fired tear gas at rioting inmates in the provincial jail.", "crowd"),
        ("Three marchers were seriously injured as police tried to disperse the rally.", "force"),
        # an act told as the time one counts from is background
        ("Police fired tear gas at a rally marking a year since troops stormed the campus.", "intervention"),
        # arrests "made", demonstrators injured but none killed: an intervention (a toll makes it force)
        ("Police made several arrests at the rally.", "intervention"),
        ("Police injured three of the marchers outside the ministry.", "intervention"),
        ("Police injured three of the marchers, killing one.", "force"),
        # riots told as what came before are background, not the crowd's violence that day
        ("The marches came a week after the deadly riots in two prisons.", None),
        ("Rioting broke out in the market after the rally.", "crowd"),
        # the state's act a crowd protests, told as the verb's object
        ("Thousands protest police raids on newspaper offices.", None),
    ],
)
def test_violent_side_reads_who_does_the_act(sentence: str, side: str | None) -> None:
    assert violent_side(sentence) == side


def test_policemen_killed_at_a_protest_are_no_force_against_protesters() -> None:
    assert violent_side("Two policemen were killed during the protest in the port city.") != "force"


def test_at_demonstration() -> None:
    assert at_demonstration("Crowds took to the streets of the capital.")
    assert not at_demonstration("Riot police were deployed at the stadium.")


def reports(text: str, published: dt.date = dt.date(2024, 5, 14)) -> list[tuple[str, str | None, str | None]]:
    article = Article.create(text, title="Test", outlet="Test Wire", published=published)
    return [(r.kind, r.sub_event_type, r.place) for r in extract_article(article).reports]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the riot words ("break into") are the crowd's: a riot, though the police shot first in the sentence
        (
            "Police in Accra shot at hundreds of traders trying to break into the finance ministry on "
            "Tuesday, killing three.",
            "riot",
        ),
        # the raid is the soldiers': force against the protesters, though the sit-in's
        # barricades come later in the story
        (
            "Five people were shot dead in Omdurman on Sunday after residents accused the army of raiding a sit-in by "
            "the river. Videos showed demonstrators behind brick barricades as soldiers advanced.",
            "protest",
        ),
        # a fight with the police is a riot, not an armed clash
        ("Party workers clashed with police in Lahore on Tuesday, leaving several injured.", "riot"),
    ],
)
def test_the_agent_decides_between_riot_and_protest(text: str, kind: str) -> None:
    assert kind in [k for k, _, _ in reports(text)]
    other = "protest" if kind == "riot" else "riot"
    assert other not in [k for k, _, _ in reports(text)]


def test_force_at_the_lead_stands_against_stones_told_later() -> None:
    text = (
        "Gendarmes opened fire on a sit-in at the port of Conakry on Monday, killing at least five. "
        "Some protesters later threw stones at the troops."
    )
    assert [(k, s) for k, s, _ in reports(text) if k in ("riot", "protest")] == [
        ("protest", "Excessive force against protesters")
    ]


def test_tear_gas_answering_the_crowds_violence_is_a_riot() -> None:
    text = (
        "Police fired tear gas to disperse thousands of protesters marching in Santiago on Friday. Some "
        "protesters hurled petrol bombs and set up burning barricades."
    )
    assert [k for k, _, _ in reports(text) if k in ("riot", "protest")] == ["riot"]


def test_petrol_bombs_a_crowd_throws_make_no_bombing() -> None:
    text = "Protesters hurled petrol bombs at riot police in Valparaiso on Friday night."
    assert [k for k, _, _ in reports(text)] == ["riot"]


def test_a_crowd_along_a_route_of_towns_is_one_event_per_town() -> None:
    text = (
        "From Sidon to Tyre and Zahle to Beirut, thousands of people took to the streets on Thursday "
        "night. Protesters blocked main roads with burning tyres."
    )
    places = {p for k, _, p in reports(text) if k in ("riot", "protest")}
    assert {"Sidon", "Tyre", "Zahle", "Beirut"} <= places


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        # tear gas and dispersal only: an intervention, though the story mentions the dead
        (
            "Riot police used water cannon and rubber bullets to break up a march by nurses in Lahore on "
            "Wednesday. The nurses were mourning colleagues killed in a hospital fire.",
            "Protest with intervention",
        ),
        # the strongest act the state's sentences tell: force over dispersal
        (
            "Soldiers moved to clear a sit-in at the central bank in Bamako on Monday. "
            "A witness said troops opened fire on the crowd.",
            "Excessive force against protesters",
        ),
    ],
)
def test_the_states_strongest_act_makes_the_protests_sub_type(text: str, sub_type: str) -> None:
    assert [s for k, s, _ in reports(text) if k == "protest"] == [sub_type]


@pytest.mark.parametrize(
    "text",
    [
        # the month is no march, soldiers hurt in an ambush no sign of a violent crowd
        "On 21 March 2021, militants clashed with army forces in Kunar, killing two soldiers.",
        "On 3 March 2021, 2 soldiers were wounded following an ambush by militants in Kunar.",
        "On 9 March 2021, 4 militants were killed by commando forces in Helmand.",
    ],
)
def test_fighting_between_armed_sides_stays_an_attack(text: str) -> None:
    assert [k for k, _, _ in reports(text)] == ["attack"]


def test_a_killing_that_sparked_protests_stays_an_attack() -> None:
    text = "On 3 June 2021, police shot dead a bus driver in Eldoret, sparking protests by his colleagues."
    assert "attack" in [k for k, _, _ in reports(text)]


@pytest.mark.parametrize(
    ("sentence", "elsewhere"),
    [
        ("At least 80 people were killed in clashes in different parts of the country on Monday.", True),
        ("Unrest nationwide has left 40 people dead since June.", True),
        ("Protests in several cities turned violent over the weekend.", True),
        ("Police clashed with marchers outside the town hall in Kisumu.", False),
    ],
)
def test_violence_told_across_the_country_is_a_tally_of_other_events(sentence: str, elsewhere: bool) -> None:
    assert told_elsewhere(sentence) is elsewhere
