"""The scoring arithmetic against figures worked out by hand (and scikit-learn where it has them)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.evaluate.metrics import (
    FORBIDDEN,
    bcubed,
    classification_scores,
    match_one_to_one,
    mean,
    pairwise_prf,
    prf,
    set_f1,
)


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "precision", "recall", "f1"),
    [
        (3, 1, 2, 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35),
        (0, 0, 0, 1.0, 1.0, 1.0),  # nothing to find, nothing claimed
        (0, 0, 4, 0.0, 0.0, 0.0),  # found nothing of four
        (0, 3, 0, 0.0, 1.0, 0.0),  # claimed three, none real
        (5, 0, 0, 1.0, 1.0, 1.0),
        (1, 1, 1, 0.5, 0.5, 0.5),
    ],
)
def test_prf_from_counts(tp, fp, fn, precision, recall, f1):
    result = prf(tp, fp, fn)
    assert result["precision"] == pytest.approx(precision)
    assert result["recall"] == pytest.approx(recall)
    assert result["f1"] == pytest.approx(f1)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([], []),
        ([[1.0]], [(0, 0)]),
        ([[FORBIDDEN]], []),
        # greedy would take (0,0)=3 and leave row 1 unmatched; the optimum matches both rows
        ([[3.0, 2.5], [2.9, FORBIDDEN]], [(0, 1), (1, 0)]),
        # more system rows than gold columns: the better row wins the column
        ([[1.0], [2.0], [1.5]], [(1, 0)]),
        # more columns than rows
        ([[1.0, 4.0, 2.0]], [(0, 1)]),
        # forbidden pairs are never returned even when the solver must fill a square
        ([[FORBIDDEN, 1.0], [FORBIDDEN, 2.0]], [(1, 1)]),
        # number of matches comes before total score
        ([[10.0, 1.0], [1.0, FORBIDDEN]], [(0, 1), (1, 0)]),
    ],
)
def test_match_one_to_one(scores, expected):
    assert match_one_to_one(scores) == expected


@given(
    st.lists(
        st.lists(st.one_of(st.just(FORBIDDEN), st.floats(0, 5, allow_nan=False)), min_size=3, max_size=3),
        min_size=0,
        max_size=5,
    )
)
@settings(max_examples=60, deadline=None)
def test_matching_is_one_to_one_over_allowed_pairs_and_maximal(scores):
    pairs = match_one_to_one(scores)
    rows = [i for i, _ in pairs]
    columns = [j for _, j in pairs]
    assert len(set(rows)) == len(rows) and len(set(columns)) == len(columns)
    assert all(scores[i][j] != FORBIDDEN for i, j in pairs)
    # no allowed pair is left with both ends free (the matching cannot simply be extended)
    free = [(i, j) for i in range(len(scores)) for j in range(3)
            if scores[i][j] != FORBIDDEN and i not in rows and j not in columns]
    assert free == []


@pytest.mark.parametrize(
    ("gold", "system", "precision", "recall"),
    [
        # a b | c  against  a | b c: no predicted pair is true, one true pair missed
        ({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "y", "c": "y"}, 0.0, 0.0),
        # over-merge: all three in one system cluster -> 1 of 3 predicted pairs right
        ({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"}, 1 / 3, 1.0),
        # perfect
        ({"a": 1, "b": 1, "c": 2}, {"a": "p", "b": "p", "c": "q"}, 1.0, 1.0),
        # under-merge: all apart -> nothing predicted, one pair to find
        ({"a": 1, "b": 1, "c": 2}, {"a": 1, "b": 2, "c": 3}, 0.0, 0.0),
        # nothing to find and nothing predicted
        ({"a": 1, "b": 2}, {"a": 1, "b": 2}, 1.0, 1.0),
        # items the system does not cover are left out
        ({"a": 1, "b": 1, "z": 1}, {"a": "x", "b": "x"}, 1.0, 1.0),
    ],
)
def test_pairwise_prf(gold, system, precision, recall):
    result = pairwise_prf(gold, system)
    assert result["precision"] == pytest.approx(precision)
    assert result["recall"] == pytest.approx(recall)


def test_bcubed_worked_example():
    # gold {a,b,c} {d}; system {a,b} {c,d}
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    system = {"a": "x", "b": "x", "c": "y", "d": "y"}
    result = bcubed(gold, system)
    # precision per item: a 1, b 1, c 1/2, d 1/2 -> 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 -> 2/3
    assert result["precision"] == pytest.approx(0.75)
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


@pytest.mark.parametrize(
    ("gold", "system", "f1"),
    [
        ({"a": 1, "b": 2}, {"a": 1, "b": 2}, 1.0),
        ({"a": 1, "b": 1}, {"a": 1, "b": 2}, 2 * 1 * 0.5 / 1.5),  # split: precision 1, recall 1/2
        ({"a": 1, "b": 2}, {"a": 1, "b": 1}, 2 * 0.5 * 1 / 1.5),  # merged: precision 1/2, recall 1
        ({}, {}, 1.0),
    ],
)
def test_bcubed_merge_and_split(gold, system, f1):
    assert bcubed(gold, system)["f1"] == pytest.approx(f1)


def test_classification_scores_by_hand():
    gold = ["A", "A", "B", "C"]
    predicted = ["A", "B", "B", "A"]
    result = classification_scores(gold, predicted)
    # A: p 1/2 r 1/2 f 1/2; B: p 1/2 r 1 f 2/3; C: f 0
    assert result["accuracy"] == pytest.approx(0.5)
    assert result["weighted_f1"] == pytest.approx((0.5 * 2 + 2 / 3 * 1 + 0) / 4)
    assert result["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 0) / 3)
    assert result["n"] == 4


def test_classification_rejects_unequal_lengths():
    with pytest.raises(ValueError):
        classification_scores(["A"], [])


@given(st.dictionaries(st.integers(0, 15), st.tuples(st.integers(0, 3), st.sampled_from("xyz")), max_size=16))
@settings(max_examples=40, deadline=None)
def test_pairwise_agrees_with_counting_every_pair(clusters):
    from itertools import combinations

    gold = {item: label[0] for item, label in clusters.items()}
    system = {item: label for item, label in clusters.items()}  # tuples as cluster labels
    tp = fp = fn = 0
    for a, b in combinations(gold, 2):
        same_gold, same_system = gold[a] == gold[b], system[a] == system[b]
        tp += same_gold and same_system
        fp += same_system and not same_gold
        fn += same_gold and not same_system
    assert pairwise_prf(gold, system) == prf(tp, fp, fn)


@pytest.mark.parametrize(
    ("gold", "system", "expected"),
    [({"a"}, {"a"}, 1.0), ({"a", "b"}, {"a"}, 2 / 3), (set(), set(), 1.0), ({"a"}, set(), 0.0), ({"a"}, {"b"}, 0.0)],
)
def test_set_f1(gold, system, expected):
    assert set_f1(gold, system) == pytest.approx(expected)


def test_mean_of_nothing_is_none():
    assert mean([]) is None
    assert math.isclose(mean([1.0, 0.0, 0.5]), 0.5)


clusterings = st.dictionaries(st.integers(0, 12), st.integers(0, 4), min_size=1, max_size=13)


@given(clusterings)
@settings(max_examples=40, deadline=None)
def test_a_clustering_scored_against_itself_is_perfect(clusters):
    assert pairwise_prf(clusters, clusters)["f1"] == 1.0
    assert bcubed(clusters, clusters)["f1"] == pytest.approx(1.0)


@given(clusterings, st.lists(st.integers(0, 4), min_size=13, max_size=13))
@settings(max_examples=40, deadline=None)
def test_swapping_gold_and_system_swaps_precision_and_recall(gold, labels):
    system = {item: labels[item] for item in gold}
    forward, backward = bcubed(gold, system), bcubed(system, gold)
    assert forward["precision"] == pytest.approx(backward["recall"])
    assert forward["recall"] == pytest.approx(backward["precision"])
    pair_forward, pair_backward = pairwise_prf(gold, system), pairwise_prf(system, gold)
    assert pair_forward["f1"] == pytest.approx(pair_backward["f1"])
    assert 0.0 <= forward["f1"] <= 1.0 and 0.0 <= pair_forward["f1"] <= 1.0


@given(clusterings)
@settings(max_examples=40, deadline=None)
def test_merging_everything_has_full_recall(gold):
    one_cluster = {item: 0 for item in gold}
    assert bcubed(gold, one_cluster)["recall"] == 1.0
    assert pairwise_prf(gold, one_cluster)["recall"] == 1.0
