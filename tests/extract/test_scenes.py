"""One event per place: a sentence naming several scenes of one act of violence (clusters.scene_splits)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.models import Article, Report

PUBLISHED = dt.date(2022, 9, 28)


def _reports(text: str) -> list[Report]:
    return [r for r in extract_article(Article.create(text, published=PUBLISHED)).reports if r.kind in ("attack", "riot", "protest")]


def test_crowds_in_several_known_cities_are_one_event_per_city() -> None:
    text = "Riot police clashed with stone-throwing protesters in Tehran, Tabriz and Yazd on Tuesday, state media said."
    reports = _reports(text)
    assert sorted((r.kind, r.admin1, r.place) for r in reports) == [
        ("riot", "East Azarbaijan", "Tabriz"), ("riot", "Tehran", "Tehran"), ("riot", "Yazd", "Yazd"),
    ]
    assert {r.date for r in reports} == {"2022-09-27"}


def test_settlements_named_by_what_they_are_split_even_when_the_gazetteer_lacks_them() -> None:
    text = (
        "Government warplanes bombed the town of Kafr Hamra and the villages of Tell Sefra and Umm Dabbus "
        "in Syria on Monday, killing nine civilians, a monitor said."
    )
    reports = _reports(text)
    assert [r.place for r in reports] == ["Kafr Hamra", "Tell Sefra", "Umm Dabbus"]
    assert {r.sub_event_type for r in reports} == {"Air/drone strike"}
    assert {r.country for r in reports} == {"Syria"}
    # the toll is the whole list's: told once, not once per village
    assert [r.killed for r in reports] == [9, None, None]


def test_a_report_that_names_its_own_town_keeps_it_beside_the_listed_ones() -> None:
    text = (
        "Jets struck a busy market in Kafr Hamra on Monday, killing 12 people, rescuers said. "
        "Warplanes also carried out raids on the villages of Tell Sefra and Umm Dabbus, the rescuers added."
    )
    reports = _reports(text)
    # the first report's own town is unknown to the gazetteer: it stays a report of its own
    assert [r.place for r in reports][1:] == ["Tell Sefra", "Umm Dabbus"]
    assert len(reports) == 3
    assert reports[0].killed == 12 and all(r.killed is None for r in reports[1:])


@pytest.mark.parametrize(
    "text",
    [
        # one place, told with its province: one event
        "Militants attacked an army post in Boni, in Mopti region, on Sunday, killing four soldiers.",
        # a route is not a list of scenes
        "A roadside bomb hit a convoy on the road from Kabul to Jalalabad on Sunday, killing two soldiers.",
    ],
)
def test_one_scene_gives_one_report(text: str) -> None:
    assert len(_reports(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        # a car bomb and the suicide bomber who drove it: one device, one attack
        "A car bomb rammed a police convoy near the airport in Kabul on Sunday, killing three people. "
        "A police spokesman said a suicide bomber driving a sedan rammed the convoy at the airport gate.",
        # "the bombing", "the bombardment": general words for the airstrike already told
        "Warplanes struck a market in Idlib province on Tuesday, killing 14 civilians, a monitor said. "
        "Rescuers said the bombardment flattened two buildings. The bombing also wounded 30 people.",
    ],
)
def test_one_blast_told_with_different_weapon_words_is_one_report(text: str) -> None:
    assert len(_reports(text)) == 1


def test_a_shooting_and_a_bombing_on_the_same_day_stay_apart() -> None:
    text = (
        "Gunmen opened fire on a checkpoint in Kirkuk on Monday, killing two policemen. "
        "Hours later a roadside bomb struck an army patrol elsewhere in Kirkuk, wounding four soldiers."
    )
    assert len(_reports(text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        # a guard killed on the way in does not make a mass kidnapping a clash
        "Gunmen shot dead a security guard and kidnapped at least 60 pupils from a boarding school in Zamfara state on Friday, police said. "
        "The guard had tried to stop the gunmen at the gate, a teacher said.",
        # what later sentences add (villagers who blocked a highway in anger) does not make it a riot
        "More than 150 pupils and their teachers were abducted by armed bandits from a village school in Kaduna State on Thursday. "
        "Angry residents later blocked the main highway with burning tyres, demanding that the children be rescued.",
    ],
)
def test_a_kidnapping_told_by_its_lead_sentence_is_an_abduction(text: str) -> None:
    first = _reports(text)[0]
    assert (first.kind, first.sub_event_type) == ("attack", "Abduction/forced disappearance")



def test_a_crowd_told_with_its_city_and_country_is_one_report() -> None:
    text = (
        "Nairobi, Kenya — Demonstrators stormed the finance ministry on Tuesday while thousands more "
        "marched through central Nairobi against the new taxes."
    )
    reports = [r for r in extract_article(Article.create(text, published=PUBLISHED)).reports if r.kind in ("riot", "protest")]
    assert [(r.kind, r.admin1) for r in reports] == [("riot", "Nairobi")]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # the region after the list is where every village of it lies, though the township
        # between them shares its name with a town abroad
        ("Myanmar army jets bombed Thayet Kone and Ywar Thit villages in Kani township in Sagaing region on Tuesday, "
         "killing nine civilians, residents said.", "Sagaing"),
        ("Russian jets struck the villages of Kafr Tala and Beit Omar in Idlib province on Monday, killing four people.", "Idleb"),
    ],
)
def test_villages_listed_in_a_named_region_take_its_admin1(text: str, admin1: str) -> None:
    reports = _reports(text)
    assert len(reports) == 2
    assert {r.admin1 for r in reports} == {admin1}


def test_a_name_called_a_region_is_the_region_not_its_town() -> None:
    text = "Myanmar military jets bombed a monastery in the northern Sagaing region on Tuesday, killing ten civilians."
    (report,) = _reports(text)
    assert (report.admin1, report.place, report.geo_precision) == ("Sagaing", None, 3)


@pytest.mark.parametrize(
    "text",
    [
        "A landmine hit an army truck between the towns of Kolofata and Amchide on Monday, killing three soldiers.",
        "Gunmen ambushed a bus on the road linking Kolofata and Amchide on Monday, killing three passengers.",
    ],
)
def test_the_two_ends_of_one_stretch_are_one_scene(text: str) -> None:
    reports = [r for r in extract_article(Article.create(text, published=dt.date(2021, 6, 14))).reports if r.kind == "attack"]
    assert len(reports) == 1
