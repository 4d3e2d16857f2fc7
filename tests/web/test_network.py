"""The actor network: edges from events' sides and claims, weighted by events, with names."""

from __future__ import annotations

import pytest
from tests.fixtures.views_sample import views_sample

from eventledger.analyze.actors import lookup_of
from eventledger.kb import load_actors
from eventledger.web.network import actor_network


@pytest.fixture(scope="module")
def network():
    s = views_sample()
    reports = {r.id: r for x in s.extractions for r in x.reports}
    names = {a.id: a.name for a in load_actors().actors.values()}
    return actor_network(s.events, reports, lookup_of(load_actors()), names)


def edge(network, source, target):
    found = [e for e in network["edges"] if (e["source"], e["target"]) == (source, target)]
    assert len(found) == 1, (source, target, network["edges"])
    return found[0]


def test_attacks_point_from_the_perpetrator_to_the_target(network):
    taji = edge(network, "kataib_hezbollah", "us_forces")
    assert taji["relations"] == {"attacked": 1} and taji["directed"] and taji["event_ids"] == ["ev-taji"]


def test_claims_and_denials_are_edges_of_their_own_weighted_by_events(network):
    kahf = edge(network, "ashab_al_kahf", "us_forces")
    # the misdated attack (perpetrator) and Taji (claimant): two events, each counted once per relation
    assert kahf["events"] == 2
    assert kahf["relations"] == {"attacked": 2, "claimed": 1}
    assert edge(network, "actor:kataib_hezbollah", "actor:us_forces")["relations"] == {"denied": 1}


def test_a_meeting_joins_its_people_groups_both_ways(network):
    met = edge(network, "iraq_government", "us_government")  # Kadhimi and Pompeo stand for their governments
    assert met["relations"] == {"met": 1} and not met["directed"]


def test_nodes_carry_names_and_their_event_counts(network):
    nodes = {n["id"]: n for n in network["nodes"]}
    assert nodes["us_forces"]["name"] == "United States Armed Forces"
    assert nodes["us_forces"]["events"] == 2  # Taji and the misdated attack
    assert nodes["kataib_hezbollah"]["kind"] == "armed_group"
    hostile = next(n for n in network["nodes"] if n["id"].startswith("unk:<script>"))
    assert hostile["name"].startswith("<script>")  # the reports' spelling, raw here, escaped by the pages


def test_only_the_busiest_actors_are_kept(network):
    s = views_sample()
    reports = {r.id: r for x in s.extractions for r in x.reports}
    small = actor_network(s.events, reports, lookup_of(load_actors()), {}, max_nodes=2)
    kept = {n["id"] for n in small["nodes"]}
    assert len(kept) == 2 and small["hidden"] == len(network["nodes"]) - 2
    assert all(e["source"] in kept and e["target"] in kept for e in small["edges"])


def test_groups_standing_in_for_people_are_named_from_the_knowledge_base():
    s = views_sample()
    reports = {r.id: r for x in s.extractions for r in x.reports}
    bare = actor_network(s.events, reports, lookup_of(load_actors()), {})  # no names given at all
    names = {n["id"]: n["name"] for n in bare["nodes"]}
    assert names["us_government"] == load_actors().actors["us_government"].name == "Government of the United States"
    assert names["iraq_government"] == load_actors().actors["iraq_government"].name
