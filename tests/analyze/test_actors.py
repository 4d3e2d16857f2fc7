"""Actors as analyses show them: names for ids, ACLED inter codes from the KB or the actor's kind."""

from __future__ import annotations

import pytest

from eventledger.analyze.actors import ActorInfo, display_names, inter_code_of, lookup_of, name_in_event, words_of_id
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


def test_a_generic_actor_is_named_bare_and_after_the_country_of_an_event_it_is_in():
    registry = load_actors()
    assert display_names(["civilians", "protesters"], registry) == {"civilians": "Civilians", "protesters": "Protesters"}
    assert name_in_event("civilians", "Civilians", registry, "Myanmar") == "Civilians (Myanmar)"
    assert name_in_event("civilians", "Civilians", registry, None) == "Civilians"
    assert name_in_event("kataib_hezbollah", "Kataib Hezbollah", registry, "Syria") == "Kataib Hezbollah"
    assert name_in_event("unk:village_guards", "Village Guards (Mali)", registry, "Niger") == "Village Guards (Mali)"


def _linked_store(store):
    """Two articles' reports of one attack: a KB group and a name the KB does not know."""
    from tests.store.test_store import make_article, make_report

    from eventledger.models import ActorRole, ArticleExtraction

    first, second = make_article(1), make_article(2, outlet="Shafaq News")
    roles = (ActorRole("islamic_state", "Islamic State", "perpetrator"), ActorRole("unk:abu_ali_basri", "Abu Ali Basri", "target"))
    store.add_articles([first, second])
    store.save_extractions([
        ArticleExtraction(first.id, (make_report(first, 0, actors=roles),)),
        ArticleExtraction(second.id, (make_report(second, 0, actors=(ActorRole("unk:abu_ali_basri", "Abu Ali al-Basri", "target"),
                                                                        ActorRole("unk:abu_ali_basri", "Abu Ali al-Basri", "target"))),)),
    ])
    return store


def test_linking_fills_the_actors_table_from_the_kb_and_the_reports(any_store):
    from eventledger.pipeline import Pipeline
    from eventledger.settings import Settings

    store = _linked_store(any_store)
    Pipeline(store, Settings()).link(full=True)
    kb = load_actors()
    assert store.count_actor_rows("kb") == len(kb.actors)
    assert store.count_actor_rows("reports") == 1
    names = store.stored_actor_names(["islamic_state", "unk:abu_ali_basri"])
    # one report spells it once each way, the other twice: the most used spelling names it
    assert names == {"islamic_state": "Islamic State", "unk:abu_ali_basri": "Abu Ali al-Basri"}


def test_syncing_again_adds_nothing_and_drops_names_no_event_holds(any_store):
    from eventledger.analyze.actors import sync_actors
    from eventledger.pipeline import Pipeline
    from eventledger.settings import Settings

    store = _linked_store(any_store)
    Pipeline(store, Settings()).link(full=True)
    assert sync_actors(store, load_actors()) == 0
    store.save_events([], replace_all=True)
    sync_actors(store, load_actors())
    assert store.count_actor_rows("reports") == 0 and store.count_actor_rows("kb") == len(load_actors().actors)
