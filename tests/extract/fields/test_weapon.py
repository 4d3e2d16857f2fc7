"""Weapon: the weapon a text names, by its one name, and the weapon a report gets."""

from __future__ import annotations

import pytest

from eventledger import taxonomy
from eventledger.extract.fields.weapon import WEAPON_PRIORITY, find_weapon, surface_terms


@pytest.mark.parametrize(
    ("sentence", "weapon"),
    [
        ("A rocket-propelled grenade hit the truck.", "missile"),  # the longest name wins
        ("A suicide bomber detonated explosives at the gate.", "suicide"),  # the most telling weapon
        ("The explosives-laden car blew up at the entrance.", "vehicle_bomb"),
        # a car bomb driven by a suicide bomber is a suicide bombing, however the words run
        ("Officials said a suicide car bomb went off at the ministry gate.", "suicide"),
        ("Four guards died in the suicide bomb attack on the compound.", "suicide"),
        ("A van packed with explosives blew up outside the barracks.", "vehicle_bomb"),
        ("Nothing but words were exchanged.", None),
        # a grenade launcher is a light weapon of a fire fight, not a thrown grenade (ACLED's Grenade)
        ("Both sides fired grenade launchers and machine guns across the line overnight.", "small_arms"),
        ("Soldiers exchanged fire with militants using under-barrel grenade launchers near the village.", "small_arms"),
        ("A man threw a hand grenade into the bar.", "grenade"),
        # an air force is an actor: only one that strikes names the weapon
        ("Three rockets hit the air base where contractors service the air force's F-16 jets.", "rocket"),
        ("The Turkish air force struck hideouts in the Qandil mountains.", "airstrike"),
        ("The air force said none of its aircraft flew that night.", None),
    ],
)
def test_weapon_normalisation(sentence: str, weapon: str | None) -> None:
    hit = find_weapon(sentence)
    assert (hit.value if hit else None) == weapon


def test_every_weapon_found_is_a_taxonomy_name() -> None:
    assert WEAPON_PRIORITY == taxonomy.weapon_names()
    for term in surface_terms():
        if not term.startswith("re:"):
            hit = find_weapon(term)
            assert hit is not None and hit.value in WEAPON_PRIORITY, term


def test_the_most_telling_weapon_of_the_report_wins(reports) -> None:
    (report,) = reports("Gunmen opened fire on a checkpoint in Kirkuk on Monday before a suicide bomber blew himself up there.")
    assert report.weapon == "suicide"
    assert report.evidence["weapon"][0].text == "suicide bomber"


def test_a_weapon_decides_the_sub_event_type(reports) -> None:
    (report,) = reports("A car bomb exploded outside a ministry in Baghdad on Monday.")
    assert (report.weapon, report.sub_event_type) == ("vehicle_bomb", "Remote explosive/landmine/IED")


def test_a_log_line_names_its_weapon(reports) -> None:
    text = "March 2021\nMar 2 – IED vs convoy – Diwaniya\nMar 5 – Rockets vs base – Balad"
    assert [r.weapon for r in reports(text)] == ["ied", "rocket"]
