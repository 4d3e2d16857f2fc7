"""ACLED's spelling of first-level divisions (kb/admin1.py, kb/data/admin1_acled.yaml)."""

from __future__ import annotations

import pytest

from eventledger.kb import KnowledgeBase
from eventledger.kb.admin1 import Admin1Spelling, admin1_key, build_spelling
from eventledger.kb.places import admin1_spelling


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Banaadir", "Banadir"),
        ("Hiiraan Region", "Hiraan"),
        ("Idlib Governorate", "Idlib"),
        ("Kayin State", "Kayin"),
        ("Sa'dah", "Sadah"),
        ("Al-Anbar", "Anbar"),
        ("Elgeyo/Marakwet", "Elgeyo Marakwet"),
    ],
)
def test_admin1_key_folds_spellings_of_one_name(a: str, b: str) -> None:
    assert admin1_key(a) == admin1_key(b)


@pytest.mark.parametrize(("a", "b"), [("Western", "Eastern"), ("Nord", "Sud"), ("Kaduna", "Katsina")])
def test_admin1_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert admin1_key(a) != admin1_key(b)


def test_a_table_maps_variants_within_their_country_only() -> None:
    spelling = Admin1Spelling(
        {"AA": {"Capital Territory": ["Oldtown"], "Northland": ["Nordland"]}, "BB": {"Whole": ["*"]}},
        {"AA": "Aland", "BB": "Beeland"},
    )
    assert spelling.acled("Aland", "Oldtown") == "Capital Territory"
    assert spelling.acled("Aland", "Nordland Province") == "Northland"
    assert spelling.acled("Ceeland", "Oldtown") == "Oldtown"  # another country: as written
    assert spelling.acled("Aland", "Southland") == "Southland"  # not in the table: as written
    assert spelling.acled("Beeland", "Anything") == "Whole"  # one division for the whole country
    assert spelling.same("Oldtown", "Capital Territory")
    assert not spelling.same("Oldtown", "Northland")


@pytest.mark.parametrize(
    ("country", "name", "acled"),
    [
        ("Somalia", "Banaadir", "Banadir"),
        ("Somalia", "Shabeellaha Hoose", "Lower Shabelle"),
        ("Somalia", "Middle Shebelle", "Middle Shabelle"),
        ("Lebanon", "Beyrouth", "Beirut"),
        ("Lebanon", "Liban-Nord", "North"),
        ("Pakistan", "Islamabad", "Federal Capital Territory"),
        ("Nigeria", "Abuja Federal Capital Territory", "Federal Capital Territory"),
        ("Chile", "Santiago Metropolitan", "Metropolitana"),
        ("United States", "Washington, D.C.", "District of Columbia"),
        ("United States", "Washington", "Washington"),  # the state keeps its name
        ("Iran", "Kurdistan", "Kordestan"),
        ("Yemen", "Sa`dah", "Sadah"),
        ("Afghanistan", "Nimroz", "Nimruz"),
        ("Hong Kong", "Yau Tsim Mong", "Hong Kong"),
        ("Kenya", "Kiambu", "Kiambu"),
    ],
)
def test_the_table_gives_acleds_spelling(country: str, name: str, acled: str) -> None:
    assert admin1_spelling().acled(country, name) == acled


def test_every_table_country_is_a_known_code() -> None:
    spelling = build_spelling({})
    assert spelling.variants("SO")["Banadir"]  # keyed by ISO code when no names are given


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        ("Mogadishu", "Banadir"),
        ("Beirut", "Beirut"),
        ("Islamabad", "Federal Capital Territory"),
        ("Sanandaj", "Kordestan"),
        ("Zaranj", "Nimruz"),
        ("Bogota", "Bogota, D.C."),
        ("Mong Kok", "Hong Kong"),
    ],
)
def test_towns_carry_acleds_admin1(kb: KnowledgeBase, name: str, admin1: str) -> None:
    place = kb.match_place(name)
    assert place is not None and kb.admin1_of(place) == admin1


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Washington", "United States", "District of Columbia"),  # the capital, not the state
        ("Santiago", "Chile", "Metropolitana"),  # the capital, not the Dominican province
        ("Gaza", "Palestine", "Gaza Strip"),  # the town in a division of its name, not Mozambique's
        ("Mexico City", "Mexico", None),  # the town with the whole name, not the country
    ],
)
def test_a_capital_or_a_division_seat_beats_a_division_elsewhere(
    kb: KnowledgeBase, name: str, country: str, admin1: str | None
) -> None:
    place = kb.match_place(name)
    assert place is not None and place.kind == "city" and place.country == country
    if admin1 is not None:
        assert place.admin1 == admin1


def test_acleds_own_name_is_looked_up(kb: KnowledgeBase) -> None:
    place = kb.match_place("Banadir")
    assert place is not None and place.kind == "admin1" and place.admin1 == "Banadir"


def test_a_compass_name_is_not_looked_up_alone(kb: KnowledgeBase) -> None:
    place = kb.match_place("North")
    assert place is None or place.country != "Lebanon"


def test_a_territory_coded_whole_has_one_division() -> None:
    from eventledger.kb.places import admin1_spelling

    assert admin1_spelling().whole("Hong Kong") == "Hong Kong"
    assert admin1_spelling().whole("Kenya") is None


@pytest.mark.parametrize("name", ["Jammu & Kashmir", "Jammu&Kashmir", "Trinidad & Tobago"])
def test_an_ampersand_in_a_name_reads_as_and(kb: KnowledgeBase, name: str) -> None:
    place = kb.match_place(name)
    assert place is not None and place.name == name.replace("&", " and ").replace("  ", " ")
