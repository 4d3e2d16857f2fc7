"""Blocking and clustering (eventledger.link.cluster)."""

import dataclasses
import sys

import pytest

from eventledger.link import cluster as cluster_module
from eventledger.link.cluster import candidate_pairs, cluster
from eventledger.link.features import build_profiles
from eventledger.link.rules import load_rules

from .factory import info, report

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


def test_merging_large_clusters_keeps_a_bounded_score_cache_and_the_same_groups(monkeypatch):
    # three attacks told by ten outlets each: merging their clusters meets more cross pairs than
    # a small cache holds; forgetting scores must not change a group
    tellings = [
        report(f"t{i:04d}", f"art{i:04d}", date=f"2021-08-0{1 + i % 3}", date_precision="day", admin1="Baghdad",
               place=f"Site {i % 3}", weapon="rocket", target=f"target {i % 3}", killed=(i % 3) + 1,
               text=f"Rockets hit target {i % 3} at Site {i % 3}, killing {(i % 3) + 1}")
        for i in range(30)
    ]  # fmt: skip
    articles = {f"art{i:04d}": info(f"art{i:04d}", f"Outlet {i}", f"2021-08-0{1 + i % 3}") for i in range(30)}
    profiles = build_profiles(tellings, articles, RULES)
    expected = cluster(profiles, RULES)
    assert sorted(map(len, expected)) == [10, 10, 10]
    scored: set[tuple[int, int]] = set()
    held: list[int] = []  # how many scores the cache of the merge held at each new pair
    real = cluster_module.pair_score

    def counted(a, b, rules):
        scored.add((a.index, b.index))
        held.append(len(sys._getframe(1).f_locals["scores"]))  # the cache of cluster's score_of
        return real(a, b, rules)

    monkeypatch.setattr(cluster_module, "pair_score", counted)
    monkeypatch.setattr(cluster_module, "SCORE_CACHE", 8)
    assert cluster(profiles, RULES) == expected
    assert len(scored) > 100 and max(held) <= 8
