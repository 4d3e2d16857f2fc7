"""Blocking and clustering (eventledger.link.cluster)."""

import dataclasses

import pytest

from eventledger.link.cluster import candidate_pairs, cluster
from eventledger.link.features import build_profiles
from eventledger.link.rules import load_rules
from eventledger.models import Span

from .factory import report

RULES = dataclasses.replace(load_rules(), neighbours=10)


def _crowd(size):
    """``size`` distinct attacks on one day in one province, each at its own site."""
    return [
        report(f"c{i:04d}", f"art{i:04d}", date="2021-08-01", date_precision="day", admin1="Baghdad",
               place=f"Site {i}", target=f"target {i % 7}", killed=i % 3)
        for i in range(size)
    ]  # fmt: skip


def test_partner_in_a_crowded_block_is_still_found():
    crowd = _crowd(300)
    twin = report("zz-twin", "art-twin", date="2021-08-01", date_precision="day", admin1="Baghdad",
                  place="Site 17", target="target 3", killed=2)  # fmt: skip
    profiles = build_profiles(sorted([*crowd, twin], key=lambda r: r.id), {}, RULES)
    index = {p.report_id: p.index for p in profiles}
    pairs = set(candidate_pairs(profiles, RULES))
    assert (index["c0017"], index["zz-twin"]) in pairs
    groups = [[profiles[i].report_id for i in g] for g in cluster(profiles, RULES)]
    assert ["c0017", "zz-twin"] in groups


@pytest.mark.parametrize("size", [50, 200, 800])
def test_candidate_pairs_grow_linearly_in_a_dense_block(size):
    profiles = build_profiles(_crowd(size), {}, RULES)
    pairs = list(candidate_pairs(profiles, RULES))
    # At most ``neighbours`` per report per blocking key (main block, place, weapon/target).
    assert len(pairs) <= size * RULES.neighbours * 3
    assert len(pairs) == len(set(pairs))
    assert all(a < b for a, b in pairs)


def _partners(profiles):
    return {
        b if a == profiles[-1].index else a for a, b in candidate_pairs(profiles, RULES) if profiles[-1].index in (a, b)
    }


def test_undated_report_meets_only_reports_sharing_a_specific_key_in_a_crowded_province():
    dated = _crowd(RULES.unknown_date_list + 20)
    undated = report("u", "art-u", date=None, date_precision="unknown", admin1="Baghdad", place="Site 4")
    profiles = build_profiles([*dated, undated], {}, RULES)
    assert _partners(profiles) == {4}


def test_undated_report_without_site_or_actor_meets_the_reports_of_its_province():
    # a small batch: the province's list is short enough to compare the undated report with all
    dated = _crowd(5)
    undated = report("u", "art-u", date=None, date_precision="unknown", admin1="Baghdad")
    profiles = build_profiles([*dated, undated], {}, RULES)
    assert _partners(profiles) == {0, 1, 2, 3, 4}


def test_clusters_partition_the_reports():
    profiles = build_profiles(_crowd(120), {}, RULES)
    groups = cluster(profiles, RULES)
    assert sorted(i for g in groups for i in g) == list(range(120))


def test_undated_truce_told_from_the_other_capital_meets_the_dated_one():
    # a truce is told from either side's capital: the reports name different countries, and
    # only the parties they share can bring them together
    cast = [("party_a", "participant"), ("party_b", "participant"), ("mediator", "participant")]
    dated = report("t1", "art-1", kind="ceasefire", date="2021-05-20", date_precision="day", country="Palestine",
                   actors=cast, event_type=None, sub_event_type=None)  # fmt: skip
    undated = report("t2", "art-2", kind="ceasefire", date=None, date_precision="unknown", country="Israel",
                     actors=cast[:2], event_type=None, sub_event_type=None)  # fmt: skip
    profiles = build_profiles([dated, undated], {}, RULES)
    assert set(candidate_pairs(profiles, RULES)) == {(0, 1)}
    assert cluster(profiles, RULES) == [[0, 1]]


def test_undated_report_meets_the_reports_of_its_weekday():
    # nothing else to meet on: no shared country, province, site or cast; "on Wednesday" is the key
    wednesday = report("d1", "art-1", kind="agreement", date="2021-03-10", date_precision="day", country="Iraq",
                       event_type=None, sub_event_type=None)  # fmt: skip
    thursday = report("d2", "art-2", kind="agreement", date="2021-03-11", date_precision="day", country="Iraq",
                      event_type=None, sub_event_type=None)  # fmt: skip
    undated = report("u", "art-u", kind="agreement", date=None, date_precision="unknown", country="Iran",
                     event_type=None, sub_event_type=None, evidence={"date": (Span(0, 9, "Wednesday"),)})  # fmt: skip
    profiles = build_profiles([wednesday, thursday, undated], {}, RULES)
    assert {pair for pair in candidate_pairs(profiles, RULES) if 2 in pair} == {(0, 2)}


def _summit(report_id, article_id, country, admin1=None, actors=()):
    return report(report_id, article_id, kind="meeting", date="2022-06-08", date_precision="day", country=country,
                  admin1=admin1, actors=actors, event_type=None, sub_event_type=None,
                  text="The two presidents held talks at a lakeside resort.")  # fmt: skip


def test_summit_named_with_a_province_by_one_outlet_meets_the_one_naming_none():
    # one outlet names the host's province, the other only the guest's country: the shared
    # leaders bring them together across both
    leaders = [("president_a", "participant"), ("president_b", "participant")]
    host = _summit("m1", "art-1", "Freedonia", admin1="Lakeshire", actors=leaders)
    guest = _summit("m2", "art-2", "Sylvania", actors=leaders)
    profiles = build_profiles([host, guest], {}, RULES)
    assert set(candidate_pairs(profiles, RULES)) == {(0, 1)}
    assert cluster(profiles, RULES) == [[0, 1]]


def test_political_report_without_province_meets_its_kind_in_another_country():
    # no actor resolved: the kind's list over every country is the only way the two meet
    host = _summit("m1", "art-1", "Freedonia", admin1="Lakeshire")
    guest = _summit("m2", "art-2", "Sylvania")
    profiles = build_profiles([host, guest], {}, RULES)
    assert set(candidate_pairs(profiles, RULES)) == {(0, 1)}


def test_attack_without_province_meets_only_its_own_country():
    # placed kinds keep their country: an attack in one country is never another's
    here = report("k1", "art-1", date="2022-06-08", date_precision="day", country="Freedonia", admin1="Lakeshire")
    there = report("k2", "art-2", date="2022-06-08", date_precision="day", country="Sylvania")
    profiles = build_profiles([here, there], {}, RULES)
    assert set(candidate_pairs(profiles, RULES)) == set()
