"""Weapon normalisation and sub-event families (eventledger.link.rules)."""

import pytest

from eventledger.link.rules import load_rules, normalise_weapon, sub_event_family


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("BM-21 rockets", "rocket"),
        ("Katyusha rockets", "rocket"),
        ("rocket", "rocket"),
        ("Rockets", "rocket"),
        ("two 107mm rockets", "rocket"),
        ("a Grad", "rocket"),
        ("mortar shells", "mortar"),
        ("82mm mortar", "mortar"),
        ("IED", "ied"),
        ("a roadside bomb", "ied"),
        ("improvised explosive device", "ied"),
        ("armed drone", "drone"),
        ("air strike", "airstrike"),
        ("sniper fire", "small_arms"),
        ("hand grenade", "grenade"),
        ("small_arms", "small_arms"),
        ("laser cannon", "laser cannon"),
        ("  ", None),
        (None, None),
    ],
)
def test_weapon_phrases_fold_to_one_class(phrase, expected):
    assert normalise_weapon(phrase) == expected


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ("Shelling/artillery/missile attack", "Remote explosive/landmine/IED", True),
        ("Air/drone strike", "Shelling/artillery/missile attack", True),
        ("Armed clash", "Shelling/artillery/missile attack", False),
        ("Attack", "Armed clash", False),
        ("Peaceful protest", "Protest with intervention", True),
        ("armed clash", "Armed clash", True),
    ],
)
def test_sub_event_families(left, right, same):
    assert (sub_event_family(left) == sub_event_family(right)) is same


def test_unknown_sub_event_has_no_family():
    assert sub_event_family(None) is None
    assert sub_event_family("") is None


def test_rules_load_with_sane_values():
    rules = load_rules()
    assert 0 < rules.threshold < 1
    assert rules.unplaced_units > rules.undated_units > rules.threshold_units
    assert rules.apart_units < min(rules.against_units["killed"], rules.against_units["wounded"]) < 0
    assert rules.prior("ceasefire") > rules.prior("attack")
    assert rules.prior("no-such-kind") == rules.priors["default"]
