"""Place: which places a sentence names as locations, and which place a report gets."""

from __future__ import annotations

import pytest

from eventledger.extract.entities import Entity
from eventledger.extract.fields.draft import Fields
from eventledger.extract.fields.place import (
    description_places,
    dominant_country,
    is_modifier,
    lists_places,
    sentence_place,
    set_place,
    specificity,
)


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # "Iran-backed" only says who backs the militias
        ("Iran-backed militias fired rockets at the airport in Baghdad on Monday.", ["Baghdad"]),
        # a country before a weapon is whose the weapon is
        ("US air strikes hit a base in Anbar on Tuesday.", ["Al-Anbar"]),
        # where the rockets were launched from is not where they struck
        ("Six rockets were fired from Nineveh at the airport in Erbil on Sunday.", ["Erbil"]),
        # a description stands for the place it describes
        ("Gunmen attacked a checkpoint in the Iraqi capital on Friday.", ["Baghdad"]),
    ],
)
def test_read_places_keeps_only_locations(analyse, sentence: str, places: list[str]) -> None:
    (info,) = analyse(sentence)
    assert [p.place.name for p in info.places] == places


@pytest.mark.parametrize(
    ("text", "after", "modifier"),
    [
        ("Iran-backed groups", "Iran", True),
        ("pro-Tehran factions", "Tehran", True),
        ("Baghdad Today reported the blast", "Baghdad", True),  # an outlet's name
        ("in Baghdad today", "Baghdad", False),
    ],
)
def test_a_place_that_modifies_a_name_is_no_location(text: str, after: str, modifier: bool) -> None:
    start = text.index(after)
    assert is_modifier(text, Entity("PLACE", start, start + len(after), after)) is modifier


def test_descriptions_name_their_place() -> None:
    (entity,) = description_places("Talks were held in the Iraqi capital on Sunday.")
    assert (entity.label, entity.text) == ("PLACE", "Baghdad")


def test_the_dateline_is_not_where_it_happened(analyse) -> None:
    (info,) = analyse("BAGHDAD (Reuters) — A bomb exploded in Basra on Monday, killing two people.")
    assert [p.place.name for p in info.places] == ["Baghdad", "Basra"]
    best = sentence_place(info)
    assert best is not None and best.place.name == "Basra"


def test_the_most_specific_place_wins(analyse) -> None:
    (info,) = analyse("Rockets struck the Ain al-Asad air base in Anbar on Monday.")
    best = sentence_place(info)
    assert best is not None and best.place.kind == "site"
    assert specificity(best.place) < min(specificity(p.place) for p in info.places if p is not best)


@pytest.mark.parametrize(
    ("sentence", "listed"),
    [("Rockets fell on Erbil, Kirkuk and Mosul.", True), ("Rockets fell on Erbil and Kirkuk.", False)],
)
def test_three_places_in_a_list(analyse, sentence: str, listed: bool) -> None:
    (info,) = analyse(sentence)
    assert lists_places(sentence, info.places) is listed


def test_a_list_of_three_scenes_is_no_single_attack(analyse) -> None:
    (info,) = analyse("Rockets fell on Erbil, Kirkuk and Mosul.")
    assert info.attack is None


def test_set_place_fills_admin_levels_and_coordinates(analyse) -> None:
    text = "A bomb exploded in Basra on Monday."
    (info,) = analyse(text)
    fields = Fields()
    set_place(fields, [(info, info.places[0])], text, country_only=False)
    values = fields.values
    assert (values["country"], values["admin1"], values["place"], values["geo_precision"]) == ("Iraq", "Basra", "Basra", 1)
    assert fields.evidence["place"][0].text == "Basra"


def test_country_only_keeps_the_country(analyse) -> None:
    text = "A bomb exploded in Basra on Monday."
    (info,) = analyse(text)
    fields = Fields()
    set_place(fields, [(info, info.places[0])], text, country_only=True)
    assert fields.values == {"country": "Iraq"}


def test_an_attack_without_a_place_takes_the_sentence_before(reports) -> None:
    (report,) = reports("Tension has grown in Kirkuk this month. On Monday gunmen opened fire on a patrol, killing two soldiers.")
    assert (report.admin1, report.place) == ("Kirkuk", "Kirkuk")


def test_the_base_refers_back_to_the_base_named_before(reports) -> None:
    text = (
        "Rockets struck the Ain al-Asad air base in Anbar last year. The base hosts coalition troops. "
        "On Monday a drone attacked it."
    )
    latest = [r for r in reports(text) if r.date == "2021-03-08"]
    assert [(r.weapon, r.place) for r in latest] == [("drone", "Ain al-Asad Air Base")]


def test_a_ceasefire_is_placed_in_its_country_only(reports) -> None:
    (report,) = reports("The armed factions in Iraq declared a truce in Baghdad on Sunday, the Iraqi government said.")
    assert (report.kind, report.country, report.admin1, report.place) == ("ceasefire", "Iraq", None, None)


def test_a_meeting_is_where_someone_went(reports) -> None:
    (report,) = reports("Ismail Qaani travelled to Baghdad on Tuesday and met faction leaders.")
    assert (report.kind, report.place) == ("meeting", "Baghdad")


def test_the_dominant_country_is_the_one_named_most(analyse) -> None:
    infos = analyse("Talks in Tehran went on. Rockets hit Baghdad. Later they hit Basra and Erbil.")
    found = dominant_country(infos)
    assert found is not None and found[0] == "Iraq" and found[1].text == "Baghdad"
