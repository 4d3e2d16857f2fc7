"""The taxonomy: ACLED's typology, CASE's labels and the weapon names, spelt once."""

from __future__ import annotations

import pytest

from eventledger import taxonomy
from eventledger.models import KINDS


def test_acled_has_six_event_types_and_twenty_five_sub_event_types() -> None:
    assert len(taxonomy.event_types()) == 6
    assert len(taxonomy.sub_event_types()) == 25
    assert {taxonomy.event_type_of(sub) for sub in taxonomy.sub_event_types()} == set(taxonomy.event_types())


def test_case_labels_are_thirty_distinct_codes_with_acled_first() -> None:
    labels = taxonomy.case_labels()
    assert len(labels) == 30 == len(set(labels))
    assert labels[:25] == tuple(taxonomy.case_label_of(sub) for sub in taxonomy.sub_event_types())
    assert labels[25:] == taxonomy.case_labels_outside_acled()


@pytest.mark.parametrize(
    ("sub_event_type", "event_type", "case"),
    [
        ("Air/drone strike", "Explosions/Remote violence", "AIR_STRIKE"),
        ("Armed clash", "Battles", "ARMED_CLASH"),
        ("Abduction/forced disappearance", "Violence against civilians", "ABDUCT_DISSAP"),
        ("Mob violence", "Riots", "MOB_VIOL"),
        ("Looting/property destruction", "Strategic developments", "PROPERTY_DISTRUCT"),
    ],
)
def test_sub_event_type_names_its_event_type_and_case_code(sub_event_type: str, event_type: str, case: str) -> None:
    assert taxonomy.acled_types(sub_event_type) == (event_type, sub_event_type)
    assert taxonomy.case_label_of(sub_event_type) == case
    assert taxonomy.sub_event_type_of_case(case) == sub_event_type


@pytest.mark.parametrize(
    ("case", "kind"),
    [("AIR_STRIKE", "attack"), ("PEACE_PROTEST", "protest"), ("MOB_VIOL", "riot"), ("ARREST", "arrest"),
     ("PROPERTY_DISTRUCT", "attack"), ("OTHER", "statement"), ("DIPLO", "meeting"), ("ATTRIB", "claim"),
     ("NATURAL_DISASTER", None), ("ORG_CRIME", None), ("NOT_A_LABEL", None)],
)
def test_kind_of_case_label(case: str, kind: str | None) -> None:
    assert taxonomy.kind_of_case_label(case) == kind


def test_every_kind_the_taxonomy_names_is_a_report_kind() -> None:
    named = {taxonomy.kind_of_case_label(label) for label in taxonomy.case_labels()} - {None}
    assert named <= set(KINDS)
    assert set(taxonomy.load_taxonomy().case_label_by_kind) <= set(KINDS)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("ceasefire", ("Strategic developments", "Agreement")),
        ("arrest", ("Strategic developments", "Arrests")),
        ("protest", ("Protests", "Peaceful protest")),
        ("meeting", ("Strategic developments", "Other")),
        ("attack", ("Strategic developments", "Other")),
    ],
)
def test_a_kind_alone_gives_acled_types(kind: str, expected: tuple[str, str]) -> None:
    assert taxonomy.acled_types_of_kind(kind) == expected


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [("Grenade", "Air/drone strike", True), ("Armed clash", "Attack", False), ("Arrests", "Agreement", None)],
)
def test_families_group_the_violent_and_protest_types(left: str, right: str, same: bool | None) -> None:
    if same is None:  # strategic developments have no family: each is its own
        assert taxonomy.family_of(left) is None and taxonomy.family_of(right) is None
    else:
        assert (taxonomy.family_of(left) == taxonomy.family_of(right)) is same


@pytest.mark.parametrize(
    ("spelling", "name", "sub_event_type"),
    [
        ("vehicle_bomb", "vehicle_bomb", "Remote explosive/landmine/IED"),
        ("Car bomb", "vehicle_bomb", "Remote explosive/landmine/IED"),
        ("suicide-vest", "suicide", "Suicide bomb"),
        ("mortar", "mortar", "Shelling/artillery/missile attack"),
        ("small_arms", "small_arms", None),
        ("catapult", None, None),
    ],
)
def test_weapon_spellings_fold_to_one_name(spelling: str, name: str | None, sub_event_type: str | None) -> None:
    assert taxonomy.weapon_name(spelling) == name
    assert (taxonomy.weapon_sub_event_type(name) if name else None) == sub_event_type


def test_weapon_names_and_their_types_are_known() -> None:
    names = taxonomy.weapon_names()
    assert names[0] == "suicide" and "car_bomb" not in names
    for name in names:
        sub = taxonomy.weapon_sub_event_type(name)
        assert sub is None or sub in taxonomy.sub_event_types()
    assert set(taxonomy.load_taxonomy().weapon_aliases.values()) <= set(names)
