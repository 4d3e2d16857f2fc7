"""Blocking and clustering (eventledger.link.blocking, eventledger.link.cluster)."""

import dataclasses
import sys

import numpy as np
import pytest

from eventledger.link import blocking as blocking_module
from eventledger.link import cluster as cluster_module
from eventledger.link.blocking import candidate_pairs
from eventledger.link.cluster import cluster
from eventledger.link.features import build_profiles
from eventledger.link.rules import load_rules
from eventledger.models import Span

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


def test_month_dated_report_meets_the_reports_of_its_articles_days():
    # a province's early-month reports fill the capped sweep from the month's first day; the
    # month-dated report's event is days before its article, the end of its window
    early = [
        report(f"e{i:02d}", f"ea{i:02d}", date=f"2021-08-{1 + i % 15:02d}", date_precision="day", admin1="Baghdad",
               place=f"Site {i}", killed=i % 3)
        for i in range(40)
    ]  # fmt: skip
    late = report("late", "la", date="2021-08-25", date_precision="day", admin1="Baghdad", place="Site 99")
    month = report("month", "ma", date="2021-08", date_precision="month", admin1="Baghdad")
    articles = {"ma": info("ma", "Outlet M", "2021-08-26")}
    profiles = build_profiles(sorted([*early, late, month], key=lambda r: r.id), articles, RULES)
    index = {p.report_id: p.index for p in profiles}
    assert tuple(sorted((index["late"], index["month"]))) in set(candidate_pairs(profiles, RULES))
    # (and still the first reports of its month, which the sweep from the month's first day finds)
    assert tuple(sorted((index["e00"], index["month"]))) in set(candidate_pairs(profiles, RULES))


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


def _sweep(entries, wanted, cap, slack, backward):
    """The blocking sweep written out one list at a time: each wanted entry with up to ``cap``
    following entries that start before it ends (+ slack), and (``backward``) up to ``cap``
    earlier ones still open when it starts, looking back a month and 4 x cap entries."""
    pairs = set()
    for position, (start, end, index) in enumerate(entries):
        if index not in wanted:
            continue
        after = [i for s, _, i in entries[position + 1 :] if s <= end + slack][:cap]
        pairs.update((index, other) for other in after)
        if backward:
            found = 0
            for other_start, other_end, other in reversed(entries[max(0, position - 4 * cap) : position]):
                if other_start < start - 31 or found >= cap:
                    break
                if other_end + slack >= start:
                    found += 1
                    pairs.add((index, other))
    return pairs


def _reference_month_pairs(dated, cap, slack):
    """Month-dated reports: sought back and on from their window's last day, list by list."""
    from collections import defaultdict

    from eventledger.link.blocking import _place_keys, _specific_keys

    def wide(p):
        return 10 < p.interval[1] - p.interval[0] + 1 < 364

    pairs = set()
    found = defaultdict(list)
    for p in dated:
        for key in (*_place_keys(p), *_specific_keys(p)):
            found[key].append((2 * p.interval[1] if wide(p) else 2 * p.interval[0] + 1, p.index, p))
    for entries in found.values():
        entries.sort(key=lambda e: e[:2])
        for position, (_, index, p) in enumerate(entries):
            if not wide(p):
                continue
            for _, other, q in entries[position + 1 : position + 1 + cap]:
                if q.interval[0] > p.interval[1] + slack:
                    break
                pairs.add((index, other))
            for _, other, q in reversed(entries[max(0, position - cap) : position]):
                if q.interval[0] < p.interval[0] - slack:
                    break
                pairs.add((index, other))
    return pairs


def _reference_pairs(profiles, rules):
    """Every candidate pair by the rules of the module docstring, list by list in Python."""
    from collections import defaultdict

    from eventledger.link.blocking import _place_keys, _specific_keys, _undated_keys
    from eventledger.link.features import PLACED_KINDS

    cap, slack = rules.neighbours, rules.date_slack_days
    dated = [p for p in profiles if p.interval is not None]

    def lists(keys_of):
        found = defaultdict(list)
        for p in dated:
            for key in keys_of(p):
                found[key].append((p.interval[0], p.interval[1], p.index))
        return [sorted(entries) for entries in found.values()]

    every = {p.index for p in dated}
    pairs = set()
    for keys_of in (_place_keys, _specific_keys):
        for entries in lists(keys_of):
            pairs |= _sweep(entries, every, cap, slack, backward=False)
    loose = {p.index for p in dated if p.admin1 is None or p.family is None}
    # (the kind's list: those without a country, and political reports without a province)
    stateless = {
        i for i in loose if profiles[i].country is None or (profiles[i].admin1 is None and profiles[i].kind not in PLACED_KINDS)
    }
    for entries in lists(lambda p: [("c", p.kind, p.country)]):
        pairs |= _sweep(entries, loose, cap, slack, backward=True)
    for entries in lists(lambda p: [("k", p.kind)]):
        pairs |= _sweep(entries, stateless, cap, slack, backward=True)
    pairs |= _reference_month_pairs(dated, cap, slack)
    members = defaultdict(list)
    for p in profiles:
        for key in _undated_keys(p):
            members[key].append(p.index)
    for p in profiles:
        if p.interval is None:
            for key in _undated_keys(p):
                if len(members[key]) <= rules.unknown_date_list:
                    pairs.update((p.index, other) for other in members[key])
    return {(min(a, b), max(a, b)) for a, b in pairs if a != b}


def _random_batch(seed, count=240):
    import random

    from .test_bulk import _random_report

    rng = random.Random(seed)
    return build_profiles([_random_report(rng, i) for i in range(count)], {}, RULES)


@pytest.mark.parametrize("seed", range(4))
def test_candidate_pairs_are_those_of_the_sweeps_list_by_list(seed):
    # the sweeps run on arrays, every list at once: they must find what a sweep of each sorted
    # list in turn finds, caps and look-back bounds included
    rules = dataclasses.replace(RULES, neighbours=3, unknown_date_list=40)
    profiles = _random_batch(seed)
    got = list(candidate_pairs(profiles, rules))
    assert got == sorted(_reference_pairs(profiles, rules))
    assert len(got) > 500


@pytest.mark.parametrize("seed", range(3))
def test_scored_edges_are_the_candidate_pairs_that_reach_the_threshold(seed):
    # candidate pairs are scored part by part, a pair found in several lists more than once:
    # the edges are still each passing pair once, best first
    from eventledger.link.cluster import scored_edges
    from eventledger.link.compare import pair_score

    profiles = _random_batch(seed)
    a, b, score = scored_edges(profiles, RULES)
    expected = []
    for i, j in candidate_pairs(profiles, RULES):
        value = pair_score(profiles[i], profiles[j], RULES)
        if value is not None and value >= RULES.threshold:
            expected.append((-value, i, j))
    assert [(-s, i, j) for i, j, s in zip(a.tolist(), b.tolist(), score.tolist(), strict=True)] == sorted(expected)
    assert len(expected) > 20


@pytest.mark.parametrize("seed", range(4))
def test_loose_sweep_on_arrays_is_the_sweep_of_each_list(seed):
    import numpy as np

    from eventledger.link.blocking import _Blocking, _both_ways_chunks, _is_loose

    profiles = _random_batch(seed, count=400)
    size = len(profiles)
    blocking = _Blocking(profiles)
    parts = list(_both_ways_chunks(blocking, blocking.country_lists(), blocking.is_loose(), 3, RULES.date_slack_days, size))
    got = set(np.concatenate(parts).tolist())
    lists = {}
    for p in profiles:
        if p.interval is not None:
            lists.setdefault((p.kind, p.country), []).append((p.interval[0], p.interval[1], p.index))
    loose = {p.index for p in profiles if p.interval is not None and _is_loose(p)}
    expected = set()
    for entries in lists.values():
        expected |= _sweep(sorted(entries), loose, 3, RULES.date_slack_days, backward=True)
    assert got == {min(a, b) * size + max(a, b) for a, b in expected if a != b}


def test_merging_large_clusters_keeps_a_bounded_score_cache_and_the_same_groups(monkeypatch):
    # three attacks told by ten outlets each, blocking pairing each report with two neighbours
    # only: merging their clusters scores more pairs than the candidate edges gave and a small
    # cache holds; forgetting scores must not change a group
    rules = dataclasses.replace(RULES, neighbours=2)
    tellings = [
        report(f"t{i:04d}", f"art{i:04d}", date=f"2021-08-0{1 + i % 3}", date_precision="day", admin1="Baghdad",
               place=f"Site {i % 3}", weapon="rocket", target=f"target {i % 3}", killed=(i % 3) + 1,
               text=f"Rockets hit target {i % 3} at Site {i % 3}, killing {(i % 3) + 1}")
        for i in range(30)
    ]  # fmt: skip
    articles = {f"art{i:04d}": info(f"art{i:04d}", f"Outlet {i}", f"2021-08-0{1 + i % 3}") for i in range(30)}
    profiles = build_profiles(tellings, articles, rules)
    expected = cluster(profiles, rules)
    assert sorted(map(len, expected)) == [10, 10, 10]
    scored: set[tuple[int, int]] = set()
    held: list[int] = []  # how many scores the cache of the merge held at each new pair
    real = cluster_module.pair_score

    def counted(a, b, rules):
        scored.add((a.index, b.index))
        held.append(len(sys._getframe(1).f_locals["met"]))  # the bounded cache of cluster's score_of
        return real(a, b, rules)

    monkeypatch.setattr(cluster_module, "pair_score", counted)
    monkeypatch.setattr(cluster_module, "SCORE_CACHE", 8)
    assert cluster(profiles, rules) == expected
    assert len(scored) > 50 and max(held) <= 8


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


def _busy_day_with_a_named_pair():
    """A large store (its words mostly told once), a busy day of one province's attacks at
    sites of their own, and two accounts of one more attack that name no site but share two
    names few reports use; their ids put the whole crowd between them in the province's list."""
    elsewhere = [
        report(f"f{i:05d}", f"fa{i:05d}", date="2021-02-10", date_precision="day", admin1="Basra", text=f"quay{i} crane{i}")
        for i in range(4000)
    ]  # fmt: skip
    crowd = [dataclasses.replace(r, text=f"district{i} bakery{i}") for i, r in enumerate(_crowd(60))]
    first = report("b-first", "bf", date="2021-08-01", date_precision="day", admin1="Baghdad",
                   text="The blast killed Corporal Zubaydawi beside the Hawraniya ferry.")  # fmt: skip
    second = report("d-second", "ds", date="2021-08-01", date_precision="day", admin1="Baghdad",
                    text="Zubaydawi died as the Hawraniya ferry landing was hit.")  # fmt: skip
    return sorted([*elsewhere, *crowd, first, second], key=lambda r: r.id)


def test_two_reports_sharing_rare_names_meet_in_a_busy_day():
    reports = _busy_day_with_a_named_pair()
    profiles = build_profiles(reports, {}, RULES)
    index = {p.report_id: p.index for p in profiles}
    assert sum(index["b-first"] < index[f"c{i:04d}"] < index["d-second"] for i in range(60)) > RULES.neighbours
    assert (index["b-first"], index["d-second"]) in set(candidate_pairs(profiles, RULES))
    groups = [[profiles[i].report_id for i in g] for g in cluster(profiles, RULES)]
    assert ["b-first", "d-second"] in groups


def _hand_made_batch():
    """Reports whose blocking keys differ in the ways the keys test: kinds that need a place and
    political ones, a province given, empty or missing, actors in and out of a province, a
    weapon with and without a target, undated reports (one with a weekday), a month's report."""
    made = [
        report("k01", "a1", date="2021-03-04", date_precision="day", admin1="Baghdad", place="Green Zone",
               weapon="rockets", target="embassy", actors=[("militia_a", "perpetrator"), ("army", "target")],
               text="Rockets fell on the embassy compound after midnight"),
        report("k02", "a2", date="2021-03-04", date_precision="day", admin1="Baghdad", place="Green Zone",
               weapon="rockets", target="embassy", actors=[("militia_a", "perpetrator")],
               text="Sirens sounded as rockets hit the compound"),
        report("k03", "a3", date="2021-03-05", date_precision="day", admin1="", place="", weapon="rockets",
               actors=[("militia_a", "perpetrator")]),
        report("k04", "a4", date="2021-03-05", date_precision="day", country="Syria", admin1=None, weapon="mortar",
               target="convoy", actors=[("militia_a", "perpetrator")]),
        report("k05", "a5", kind="meeting", date="2021-03-04", date_precision="day", admin1="Baghdad",
               actors=[("minister_b", "actor"), ("envoy_c", "actor")]),
        report("k06", "a6", kind="meeting", date="2021-03-06", date_precision="day", country=None,
               actors=[("minister_b", "actor")]),
        report("k07", "a7", kind="ceasefire", date=None, date_precision="unknown", admin1="Baghdad",
               actors=[("minister_b", "actor")], evidence={"date": (Span(0, 9, "Wednesday"),)}),
        report("k08", "a8", date=None, date_precision="unknown", admin1="Baghdad", place="Green Zone"),
        report("k09", "a9", date="2021-03", date_precision="month", admin1="Baghdad", weapon="rockets",
               target="embassy", text="A rocket attack on the embassy this month"),
        report("k10", "a10", date="2021-03-04", date_precision="day", admin1="Erbil", place="Erbil airport",
               weapon="drone", target="base", actors=[("militia_a", "perpetrator")]),
    ]  # fmt: skip
    profiles = build_profiles(made, {}, RULES)
    # (no word of a batch this small weighs more than the text cap alone: choose some as rare)
    profiles[0].stats._rare = frozenset({"rockets", "embassy", "compound"})
    return profiles


def _groups_of_numbers(lists):
    """The rows of each list the numbered entries make (each kind of list apart)."""
    from collections import defaultdict

    found = defaultdict(list)
    for kind, (number, row) in enumerate(lists):
        for list_number, at in zip(number.tolist(), row.tolist(), strict=True):
            found[kind, list_number].append(at)
    return sorted(sorted(rows) for rows in found.values())


def _groups_of_keys(profiles, keys_of):
    from collections import defaultdict

    found = defaultdict(list)
    for p in profiles:
        for key in keys_of(p):
            found[key].append(p.index)
    return sorted(sorted(rows) for rows in found.values())


@pytest.mark.parametrize("shared", [False, True])
@pytest.mark.parametrize("batch", ["hand_made", "random"])
def test_blocking_columns_make_the_lists_of_the_keys(shared, batch):
    # the lists numbered from integer columns hold the reports the tuple keys put together,
    # list for list, whether the columns are made or lent by the batch's table
    from eventledger.link.blocking import (
        _Blocking,
        _country_key,
        _kind_key,
        _place_keys,
        _specific_keys,
        _undated_keys,
        _word_keys,
    )
    from eventledger.link.bulk import ProfileTable

    profiles = _hand_made_batch() if batch == "hand_made" else _random_batch(1)
    if batch == "random":
        profiles[0].stats._rare = frozenset({"rocket", "convoy", "patrol"})
    blocking = _Blocking(profiles, ProfileTable(profiles, RULES) if shared else None)
    for lists, keys_of in (
        (blocking.place_lists(), _place_keys),
        (blocking.specific_lists(), _specific_keys),
        (blocking.word_lists(), _word_keys),
        (blocking.country_lists(), _country_key),
        (blocking.kind_lists(), _kind_key),
        (blocking.undated_lists(), _undated_keys),
    ):
        expected = _groups_of_keys(profiles, keys_of)
        assert _groups_of_numbers(lists) == expected
        assert expected  # (every kind of list is there to compare)
    loose = [i for i, p in enumerate(profiles) if blocking_module._is_loose(p)]
    assert np.flatnonzero(blocking.is_loose()).tolist() == loose
    stateless = [i for i, p in enumerate(profiles) if blocking_module._is_loose_and_stateless(p)]
    assert np.flatnonzero(blocking.is_loose_and_stateless()).tolist() == stateless
    assert np.flatnonzero(blocking.is_coarse()).tolist() == [i for i, p in enumerate(profiles) if blocking_module._is_coarse(p)]


def test_hand_made_batch_gives_the_pairs_of_the_sweeps_list_by_list():
    rules = dataclasses.replace(RULES, neighbours=2, unknown_date_list=40)
    profiles = _hand_made_batch()
    got = list(candidate_pairs(profiles, rules))
    assert got == sorted(_reference_pairs(profiles, rules))
    # the rare words' list pairs the month's report with the embassy's rockets of the 4th
    assert (0, 8) in got and (1, 8) in got


def test_list_numbers_are_equal_exactly_for_equal_rows_even_past_64_bits():
    from eventledger.link.blocking import _list_numbers

    rng = np.random.default_rng(3)
    # four columns of codes up to 2^20: their product does not fit 64 bits, and the numbers are
    # made afresh on the way
    columns = [rng.integers(-1, 3, size=2000) * (1 << 19) for _ in range(4)]
    numbers = _list_numbers(*columns).tolist()
    rows = list(zip(*(c.tolist() for c in columns), strict=True))
    first: dict[tuple[int, ...], int] = {}
    for row, number in zip(rows, numbers, strict=True):
        assert first.setdefault(row, number) == number
    assert len(set(numbers)) == len(first) > 10


@pytest.mark.parametrize("seed", range(2))
def test_undated_pairs_made_a_few_at_a_time_are_the_same(seed, monkeypatch):
    # the undated reports' pairs come in parts of about ``_CHUNK``, however they fall
    rules = dataclasses.replace(RULES, neighbours=3, unknown_date_list=40)
    profiles = _random_batch(seed)
    expected = list(candidate_pairs(profiles, rules))
    monkeypatch.setattr(blocking_module, "_CHUNK", 7)
    parts = list(blocking_module._undated_chunks(blocking_module._Blocking(profiles), rules, len(profiles)))
    assert len(parts) > 10
    assert list(candidate_pairs(profiles, rules)) == expected


def test_rare_words_read_from_the_table_are_those_of_each_report():
    # the blocking's word lists of a batch with a table come from the table's words
    # (``blocking._rare_entries``): each report's entries are its ``_rare_words``, in a large
    # store where some words weigh more than the text cap alone
    from eventledger.link.blocking import _Blocking, _rare_entries, _rare_words
    from eventledger.link.bulk import ProfileTable

    profiles = build_profiles(_busy_day_with_a_named_pair(), {}, RULES)
    table = ProfileTable(profiles, RULES)
    assert table.rare_word is not None
    rows, words = _rare_entries(table.tokens, table.rare_word)
    by_row: dict[int, list[int]] = {}
    for row, word in zip(rows.tolist(), words.tolist(), strict=True):
        by_row.setdefault(row, []).append(word)
    expected = {p.index: len(_rare_words(p)) for p in profiles if _rare_words(p)}
    assert {row: len(found) for row, found in by_row.items()} == expected
    assert sum(expected.values()) >= 4  # (Zubaydawi and Hawraniya in the two accounts)
    # the same words give the same codes in every report that tells them
    index = {p.report_id: p.index for p in profiles}
    assert sorted(by_row[index["b-first"]]) == sorted(by_row[index["d-second"]])
    made = _Blocking(profiles)
    lent = _Blocking(profiles, table)
    assert made.word_row.tolist() == lent.word_row.tolist()


@pytest.mark.parametrize("shuffled", [False, True])
@pytest.mark.parametrize("batch", ["hand_made", "random", "busy_day"])
def test_blocking_of_a_table_laid_out_by_date_finds_the_same_pairs(batch, shuffled):
    # ``scored_edges`` lays the table's rows out by date (``_by_date``); the blocking then
    # sweeps rows, taking entries alike in a list in the order of their indices: the pairs,
    # mapped back to indices, are those of the index order, caps and ties included (in any
    # order of the rows: a busy day's reports alike in their lists, shuffled)
    from eventledger.link.blocking import _candidate_chunks, candidate_codes
    from eventledger.link.bulk import ProfileTable

    if batch == "hand_made":
        profiles = _hand_made_batch()
    elif batch == "random":
        profiles = _random_batch(2)
    else:
        profiles = build_profiles(_busy_day_with_a_named_pair(), {}, RULES)
    rules = dataclasses.replace(RULES, neighbours=2, unknown_date_list=40)
    size = len(profiles)
    table = ProfileTable(profiles, rules)
    order = cluster_module._by_date(table)
    assert order is not None and not (order == np.arange(size)).all()
    if shuffled:
        order = np.random.default_rng(5).permutation(size)
    table.reorder(order)
    found = set()
    for part in _candidate_chunks(profiles, rules, table):
        left, right = order[part // size], order[part % size]
        found.update((np.minimum(left, right) * size + np.maximum(left, right)).tolist())
    assert found == set(candidate_codes(profiles, rules).tolist())
