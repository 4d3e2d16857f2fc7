"""Comparing names: first-level divisions (GTD spellings onto ACLED's), places, types and labels."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from eventledger.evaluate.normalize import (
    acled_name_of_case,
    canonical_admin1,
    canonical_sub_event_type,
    case_label_of,
    event_family,
    fold,
    fold_name,
    same_admin1,
    same_place,
)


@pytest.mark.parametrize(
    ("gtd", "acled"),
    [
        ("Saladin", "Sala al-Din"),
        ("Al Anbar", "Al-Anbar"),
        ("Nineveh", "Ninewa"),
        ("NIneveh", "Ninewa"),  # a capitalisation slip in the data
        ("Arbil", "Erbil"),
        ("Al Qadisiyah", "Al-Qadisiyah"),
        ("Dhi Qar", "Dhi Qar"),
        ("Babil", "Babil"),
        ("Baghdad", "Baghdad"),
        ("Sulaymaniyah", "Sulaymaniyah"),
        ("Maysan", "Maysan"),
        ("Basra", "Basra"),
        ("Basrah", "Basra"),
        ("Muthanna", "Muthanna"),
        ("Diyala", "Diyala"),
        ("Kirkuk", "Kirkuk"),
        ("Karbala", "Kerbala"),
        ("Wasit", "Wasit"),
        ("Dahuk", "Duhok"),
        ("Najaf Governorate", "Najaf"),
    ],
)
def test_gtd_province_maps_onto_acled_admin1(gtd, acled):
    assert canonical_admin1(gtd) == acled


@pytest.mark.parametrize("name", [None, "", "   "])
def test_no_province_is_none(name):
    assert canonical_admin1(name) is None


def test_unknown_province_is_kept_as_written():
    assert canonical_admin1(" Nairobi ") == "Nairobi"


def test_unknown_province_goes_through_the_kb_when_given():
    places = {"Tikrit Province": SimpleNamespace(id="p1", kind="admin2", admin1="Salah ad-Din", name="Tikrit")}
    assert canonical_admin1("Tikrit Province", places.get) == "Sala al-Din"


def test_a_failing_place_matcher_is_not_hidden():
    def broken(name):
        raise RuntimeError("kb not ready")

    with pytest.raises(RuntimeError, match="kb not ready"):
        canonical_admin1("Somewhere", broken)


@pytest.mark.parametrize(
    ("gold", "system", "expected"),
    [
        ("Salah al-Din", "Saladin", True),
        ("Salah al-Din", "Sala al-Din", True),  # the KB's spelling and the common one
        ("Al-Qadisiyah", "Qadisiyah", True),
        ("Dhi Qar", "Dhi-Qar", True),
        ("Dhi Qar", "Muthanna", False),
        ("Ninewa", "Nineveh Governorate", True),
        ("Kilifi", "kilifi", True),
        ("Baghdad", None, False),
        (None, "Baghdad", False),
    ],
)
def test_same_admin1(gold, system, expected):
    assert same_admin1(gold, system) is expected


@pytest.mark.parametrize(
    ("gold", "system", "expected"),
    [
        ("Banadir", "Banaadir", True),  # a doubled vowel
        ("Hiraan", "Hiiraan Region", True),  # and a generic word
        ("Sadah", "Sa'ada", True),  # an apostrophe
        ("Tombouctou", "Tombouctou Region", True),
        ("Bogota, D.C.", "Bogota D.C.", True),
        ("Idlib", "Idleb", True),  # the transliteration folding
        ("Nimruz", "Nimroz", True),
        ("Sar-e Pol", "Sar-e Pul", True),
        ("Deir-ez-Zor", "Dayr az Zawr", True),  # an alias of the KB's table
        ("Kordestan", "Kurdistan", True),
        ("Federal Capital Territory", "Islamabad", True),
        ("Beirut", "Beyrouth", True),
        ("Metropolitana", "Santiago Metropolitan", True),
        ("Islamabad", "Abuja", False),  # two capital territories of two countries
        ("District of Columbia", "Washington", False),  # the state is another division
        ("North", "South", False),
        ("Lagos", "Kaduna", False),
    ],
)
def test_same_admin1_folds_variant_spellings_of_any_country(gold, system, expected):
    assert same_admin1(gold, system) is expected


@pytest.mark.parametrize(
    ("gold", "system", "expected"),
    [
        ("Green Zone", "the Green Zone", True),
        ("Green Zone", "Green Zone, Baghdad", True),
        ("Baghdad International Airport", "Baghdad airport", False),
        ("Diwaniya", "Diwaniya", True),
        ("Jadriya", "Karrada", False),
        ("Qom", None, False),
    ],
)
def test_same_place_by_name(gold, system, expected):
    assert same_place(gold, system) is expected


def test_same_place_through_the_kb():
    places = {"BIAP": SimpleNamespace(id="site:biap"), "Baghdad International Airport": SimpleNamespace(id="site:biap")}
    assert same_place("Baghdad International Airport", "BIAP", places.get)
    assert not same_place("Baghdad International Airport", "Basra airport", places.get)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Al-Qādisiyyah", "al qadisiyyah"), ("Qa'ani", "qaani"), ("  Green   ZONE ", "green zone"), (None, "")],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_name_drops_article_and_suffix():
    assert fold_name("Al Anbar Province") == "anbar"


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "family"),
    [
        (None, "Shelling/artillery/missile attack", "Explosions/Remote violence"),
        (None, "Remote explosive/landmine/IED", "Explosions/Remote violence"),
        (None, "armed clash", "Battles"),
        (None, "Attack", "Violence against civilians"),
        ("Battles", "Remote explosive/landmine/IED", "Battles"),  # a given event type wins
        (None, "no such type", None),
        (None, None, None),
    ],
)
def test_event_family(event_type, sub_event_type, family):
    assert event_family(event_type, sub_event_type) == family


@pytest.mark.parametrize(
    ("sub_event_type", "kind", "label"),
    [
        ("Air/drone strike", "attack", "AIR_STRIKE"),
        ("Remote explosive/landmine/IED", "attack", "REM_EXPLOS"),
        ("Peaceful protest", "protest", "PEACE_PROTEST"),
        (None, "meeting", "DIPLO"),
        (None, "ceasefire", "AGREEMENT"),
        (None, "claim", "ATTRIB"),
        (None, "attack", None),
        (None, None, None),
    ],
)
def test_case_label_of(sub_event_type, kind, label):
    assert case_label_of(sub_event_type, kind) == label


@pytest.mark.parametrize(("case", "acled"), [("ARREST", "Arrests"), ("DIPLO", None), ("GRENADE", "Grenade"), (None, None)])
def test_acled_name_of_case(case, acled):
    assert acled_name_of_case(case) == acled


def test_canonical_sub_event_type():
    assert canonical_sub_event_type("remote explosive/landmine/ied") == "Remote explosive/landmine/IED"
    assert canonical_sub_event_type("Something new") == "Something new"
    assert canonical_sub_event_type(None) is None
