"""Actors as analyses show them: names for ids, ACLED inter codes from the KB or the actor's kind."""

from __future__ import annotations

import pytest

from eventledger.analyze.actors import ActorInfo, display_names, inter_code_of, lookup_of, words_of_id
from eventledger.kb import load_actors
from eventledger.models import Actor


@pytest.mark.parametrize(
    ("actor", "code"),
    [
        (Actor(id="a", name="A", kind="armed_group", inter_code=2), 2),  # the KB's own code wins
        (Actor(id="b", name="B", kind="armed_group"), 3),
        (Actor(id="c", name="C", kind="state_force"), 1),
        (Actor(id="d", name="D", kind="party"), 0),  # no code for the kind: not known
        (Actor(id="e", name="E", kind="outlet"), 0),
    ],
)
def test_inter_codes_come_from_the_kb_or_the_actors_kind(actor, code):
    assert inter_code_of(actor) == code


def test_a_person_looks_up_with_their_group_and_its_code():
    lookup = lookup_of(load_actors())
    soleimani = lookup("soleimani")
    assert soleimani.kind == "person" and soleimani.group == "quds_force"
    assert soleimani.inter_code == lookup("quds_force").inter_code == 8
    assert lookup("unk:someone") == ActorInfo()


def test_display_names_prefer_the_kb_then_the_store_then_the_reports():
    names = display_names(
        ["kataib_hezbollah", "unk:abu_ali_basri", "unk:zaitun", "unk:al_amin"],
        load_actors(),
        stored={"unk:abu_ali_basri": "Abu Ali al-Basri"},
        reported={"unk:zaitun": "Zaitoun", "unk:abu_ali_basri": "Abu Ali Basri"},
    )
    assert names == {
        "kataib_hezbollah": "Kataib Hezbollah",
        "unk:abu_ali_basri": "Abu Ali al-Basri",
        "unk:zaitun": "Zaitoun",
        "unk:al_amin": "al amin",
    }
    assert words_of_id("unk:abu_ali") == "abu ali"
