"""Which sentences of an article tell one attack and which another (clusters.cluster_attacks),
and which tell none: background told in passing, habits, ground taken by force."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.models import Article, Report

PUBLISHED = dt.date(2021, 6, 14)


def _attacks(text: str, published: dt.date | None = PUBLISHED) -> list[Report]:
    return [r for r in extract_article(Article.create(text, published=published)).reports if r.kind == "attack"]


def test_days_an_undated_page_names_differently_are_different_attacks() -> None:
    text = (
        "Militants threw a grenade at a police patrol in Srinagar on Sunday evening, wounding four officers.\n\n"
        "On March 3, nine shoppers were wounded when a grenade was hurled at a market in Srinagar."
    )
    reports = _attacks(text, published=None)
    assert sorted(r.wounded for r in reports if r.wounded is not None) == [4, 9]
    assert len(reports) == 2


def test_one_day_told_twice_on_an_undated_page_stays_one_attack() -> None:
    text = (
        "Gunmen attacked a police post in Kandahar on Friday, killing two officers.\n\n"
        "The attackers opened fire on the post on Friday from a nearby rooftop, officials said."
    )
    assert len(_attacks(text, published=None)) == 1


def test_another_attack_with_its_weapon_named_is_a_new_event() -> None:
    text = (
        "A grenade exploded near a bus stand in Srinagar, wounding five people.\n\n"
        "Two policemen were wounded in another grenade attack in Srinagar."
    )
    assert len(_attacks(text, published=None)) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Rebel fighters captured the town of Ghazni on Saturday after a week of heavy fighting, officials said.",
        "The provincial capital Ghazni fell to the rebels on Saturday, a local official said.",
    ],
)
def test_ground_taken_by_force_is_a_battle(sentence: str) -> None:
    (report,) = _attacks(sentence)
    assert report.event_type == "Battles"
    assert report.admin1 == "Ghazni"


def test_a_town_taken_and_bombed_from_the_air_the_same_day_are_two_events() -> None:
    text = (
        "On Saturday, insurgents captured the city of Ghazni after government troops withdrew.\n\n"
        "Government warplanes struck insurgent positions in Ghazni on Saturday night, the defence ministry said."
    )
    reports = _attacks(text)
    assert sorted(r.event_type or "" for r in reports) == ["Battles", "Explosions/Remote violence"]


def test_a_violence_only_referred_back_to_joins_the_attack_whatever_day_its_sentence_names() -> None:
    text = (
        "Warplanes struck the town of Saraqib in Idlib on Sunday night, killing six people, a monitor said.\n\n"
        "On Monday, rescuers were still digging through the ruins of homes destroyed in the bombardment."
    )
    assert len(_attacks(text)) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "The group has in the past stepped up attacks on police during religious holidays.",
        "Losing ground in the north, analysts say the army is resorting to air strikes on villages.",
        "The insurgents stepped up their bombings across the province, officials said.",
        "Many more people could have been killed by a blast of the rockets stored in the depot, the army said.",
    ],
)
def test_habits_trends_and_what_might_have_been_start_no_attack(sentence: str) -> None:
    assert _attacks(sentence) == []


def test_background_a_past_year_alone_places_gives_no_report() -> None:
    text = (
        "A car bomb exploded outside a hotel in Mogadishu on Sunday, killing seven people, police said.\n\n"
        "The city's deadliest attack came in 2009, when a suicide bomber killed 24 people at a graduation ceremony."
    )
    reports = _attacks(text)
    assert [(r.killed, r.date) for r in reports] == [(7, "2021-06-13")]


def test_a_toll_dated_months_before_is_a_background_report_not_the_lead_attacks() -> None:
    text = (
        "A military air strike on a village in Magway killed eight farmers, witnesses said.\n\n"
        "The jet dropped two bombs on the village, a volunteer said.\n\n"
        "In February, the army bombed a wedding party in Sagaing that residents said killed about 90 people."
    )
    reports = sorted(_attacks(text), key=lambda r: r.date or "")
    assert [(r.date, r.killed, r.admin1) for r in reports] == [("2021-02", 90, "Sagaing"), ("2021-06-14", 8, "Magway")]


def test_a_toll_dated_months_before_that_no_place_is_given_for_is_no_report_and_no_toll() -> None:
    text = (
        "A military air strike on a village in Magway killed eight farmers, witnesses said.\n\n"
        "The jet dropped two bombs on the village, a volunteer said.\n\n"
        "In February, about 90 people were killed at a wedding party, residents said."
    )
    assert [(r.date, r.killed) for r in _attacks(text)] == [("2021-06-14", 8)]


def test_an_earlier_attack_the_story_is_set_against_is_its_own_event_with_its_own_type() -> None:
    text = (
        "Militants threw a grenade at a police post in Srinagar on Saturday, wounding five officers.\n\n"
        "The grenade attack came two days after gunmen shot dead a shopkeeper in Shopian district."
    )
    reports = sorted(_attacks(text), key=lambda r: r.date or "")
    assert [(r.sub_event_type, r.date, r.place) for r in reports] == [
        ("Attack", "2021-06-10", "Shopian"),
        ("Grenade", "2021-06-12", "Srinagar"),
    ]
    assert [r.wounded for r in reports] == [None, 5]


def test_the_story_keeps_its_toll_and_day_from_the_earlier_attack() -> None:
    text = (
        "Twelve soldiers were killed on Friday in an attack on an army post in Menaka, the army said.\n\n"
        "The attack came a month after two jihadist raids killed 30 soldiers near the border with Niger."
    )
    reports = _attacks(text)
    lead = next(r for r in reports if r.place == "Menaka")
    earlier = next(r for r in reports if r is not lead)
    assert (lead.killed, lead.date) == (12, "2021-06-11")
    assert (earlier.killed, earlier.date, earlier.place) == (30, None, None)


def test_a_later_sentence_about_the_story_does_not_join_the_earlier_attack() -> None:
    text = (
        "A suicide bomber struck a convoy near the airport in Kabul, killing three people.\n\n"
        "The attack came three days after gunmen killed nine people at a guesthouse in Kabul.\n\n"
        "The bomber detonated his car next to the second vehicle of the convoy, police said."
    )
    reports = _attacks(text)
    assert sorted(r.sub_event_type or "" for r in reports) == ["Attack", "Suicide bomb"]


def test_the_attackers_killed_while_fought_off_are_part_of_the_attack() -> None:
    text = (
        "A suicide car bomb exploded at the gate of a police station in Mogadishu on Sunday, killing four officers.\n\n"
        "\u201cOur men also shot dead an armed militant who tried to enter the compound,\u201d a police officer said."
    )
    (report,) = _attacks(text)
    assert report.sub_event_type == "Suicide bomb"


def test_posts_named_as_targets_are_one_event_each_and_the_report_takes_the_first() -> None:
    text = (
        "Twenty soldiers were killed after gunmen attacked army camps in central Mali, the government said.\n\n"
        "Officials earlier said military posts at Dioura and Sokolo were targeted."
    )
    reports = _attacks(text, published=None)
    assert [r.place for r in reports] == ["Dioura", "Sokolo"]
    assert [r.killed for r in reports] == [20, None]


def test_a_day_an_account_was_given_does_not_date_violence_told_by_its_week() -> None:
    text = (
        "Air strikes on two villages in the north-west this week killed nine civilians, residents said on Friday.\n\n"
        "Wednesday's strikes on the villages of Kin Ma and Ywa Thit in Sagaing also wounded six people."
    )
    reports = _attacks(text)
    # one event told twice, split by its two villages: the strikes of Wednesday are the week's
    assert [r.place for r in reports] == ["Kin Ma", "Ywa Thit"]


def test_the_means_police_meet_one_crowd_with_do_not_split_it() -> None:
    # rubber bullets, then sound grenades: the dispersal of one march told twice, not two attacks
    text = (
        "On Monday officers in Dhaka broke up a march by students opposed to the new exam rules, using rubber bullets and tear gas.\n\n"
        "The students chanted slogans outside the education ministry.\n\n"
        "Later police fired tear gas and threw sound grenades at the students as they carried "
        "coffins through the streets to mourn their classmates."
    )
    reports = [r for r in extract_article(Article.create(text, published=PUBLISHED)).reports if r.kind in ("protest", "riot", "attack")]
    assert [r.kind for r in reports] == ["protest"]


@pytest.mark.parametrize(
    "text",
    [
        # the deal told again by its noun, after the ceasefire
        ("Separatist rebels and the army agreed to a ceasefire on Thursday after two days of fighting in the north. "
         "Four rebel factions signed the agreement after talks with mediators from the regional bloc."),
        # one sentence that reads as both
        "The rebels said they had reached an agreement with the government on a two-week cease-fire on Friday.",
        # 'cease fire' written in two words
        ("The government and the rebels agreed a cease fire on Tuesday, mediators said. "
         "It was not clear when the deal would take effect."),
    ],
)
def test_a_ceasefire_deal_told_twice_is_one_event(text: str) -> None:
    reports = extract_article(Article.create(text, published=PUBLISHED)).reports
    assert [r.kind for r in reports if r.kind in ("ceasefire", "agreement")] == ["ceasefire"]


def test_an_agreement_of_its_own_beside_a_ceasefire_stays() -> None:
    text = ("The two armies agreed to a ceasefire on Monday. "
            "On Wednesday Kenya and Uganda signed a border security agreement in Nairobi.")
    kinds = [r.kind for r in extract_article(Article.create(text, published=PUBLISHED)).reports]
    assert "ceasefire" in kinds and "agreement" in kinds


@pytest.mark.parametrize(
    "lead",
    [
        # the day the army spoke is not the clash's
        "Three soldiers and five rebels were killed in a clash near Kidapawan, the army said on Sunday.",
        # nor is a dateline's
        "DAVAO, June 13 (Wire) -- Three soldiers and five rebels were killed in a clash near Kidapawan, the army said.",
        # nor the day a speaker named after the verb spoke
        "Three soldiers and five rebels were killed in a clash near Kidapawan, said an army spokesman on Sunday.",
    ],
)
def test_the_day_told_later_for_the_clash_keeps_one_event(lead: str) -> None:
    text = f"{lead}\nAn army report said the clash broke out at about 10 p.m. on Saturday when rebels fired on a patrol base."
    (attack,) = _attacks(text)
    assert attack.killed == 8 and attack.date == "2021-06-12"


def test_a_division_whose_name_holds_an_and_is_no_list_of_scenes() -> None:
    text = "Two militants and a policeman were killed in a gunfight in the Kulgam district of Jammu and Kashmir on Sunday."
    (attack,) = _attacks(text)
    assert (attack.admin1, attack.place, attack.killed) == ("Jammu and Kashmir", "Kulgam", 3)


def test_a_background_events_toll_is_not_the_news_events() -> None:
    text = (
        "A military air strike on a village killed ten civilians, residents said.\n\n"
        "A jet dropped three bombs on Taungbo village in the Sagaing region, a resident said.\n\n"
        "Ten people were killed and eight wounded, he said.\n\n"
        "In April, the military bombed a gathering in Sagaing that killed about 170 people, drawing condemnation."
    )
    assert [(r.date, r.killed) for r in _attacks(text, dt.date(2023, 6, 28))] == [("2023-06-28", 10)]


def _kinds(text: str) -> list[str]:
    return [r.kind for r in extract_article(Article.create(text, published=PUBLISHED)).reports]


@pytest.mark.parametrize(
    "text",
    [
        # the arrests set at the rally
        "Thousands marched against the new tax law in Nantes on Saturday. Police arrested 40 people as the rally turned violent.",
        # a count of the same crowd's arrests told again in the next sentence
        ("Riot police dispersed a march against the new tax law in Nantes on Saturday with tear gas and batons. Dozens of "
         "marchers were arrested. A rights group said at least 212 people were detained."),
    ],
)
def test_arrests_made_at_a_protest_are_part_of_it(text: str) -> None:
    assert _kinds(text) == ["protest"]


def test_an_arrest_of_its_own_beside_a_protest_stays_an_event() -> None:
    text = ("Thousands marched against the new tax law in Nantes on Saturday. Police later arrested the union leader "
            "Paul Mercier at his home in Grenoble on Sunday.")
    assert _kinds(text) == ["protest", "arrest"]


def test_the_explosives_a_suicide_bomber_detonated_are_his_bombing_placed_by_the_sentence_between() -> None:
    text = (
        "Seventeen people were killed on Tuesday when a suicide bomber struck a crowded market. "
        "The market belongs to a former police chief in Kunduz. The bomber detonated the explosives outside its gate."
    )
    (attack,) = _attacks(text)
    assert (attack.sub_event_type, attack.place, attack.killed) == ("Suicide bomb", "Kunduz", 17)


def test_a_truck_carrying_explosives_is_a_bombing_of_its_own() -> None:
    text = (
        "A suicide bomber killed nine people at a market in Kunduz on Tuesday. "
        "That evening a truck carrying explosives blew up at the gate of an army camp in Kunduz, killing four soldiers."
    )
    assert sorted(r.killed for r in _attacks(text)) == [4, 9]
