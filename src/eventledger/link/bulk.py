"""``compare.pair_score`` over millions of candidate pairs at once, with numpy.

A million reports give tens of millions of candidate pairs; scoring them one Python call at a
time was most of the cost of linking. ``ProfileTable`` turns the profiles into columns (codes
for the folded strings, day ordinals, casualty bounds, sparse 0/1 matrices for actors, named
people and text tokens) and ``ProfileTable.scores`` applies the same hard constraints, feature
weights and undated/coarse-date rules to arrays of pairs.

The arithmetic is done in the same order as in ``compare.features`` (adding 0.0 where a
feature is absent changes nothing in IEEE arithmetic), so a score here is bit-for-bit the score
``pair_score`` gives; ``tests/link/test_bulk.py`` checks this on random profiles. ``pair_score``
stays the reference and is still used for the few pairs met while merging clusters.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from scipy import sparse

from eventledger.link.compare import _WEEK_DAYS, _YEAR_DAYS
from eventledger.link.features import Profile
from eventledger.link.rules import Rules

_NONE = -1  # code of a missing value
_OPEN = np.iinfo(np.int64).max  # upper end of an open casualty range ("at least 7")


class _Codes:
    """Small integer codes for hashable values; None is ``_NONE``."""

    def __init__(self) -> None:
        self.table: dict[object, int] = {}

    def __call__(self, values: Iterable[object]) -> np.ndarray:
        table = self.table
        return np.fromiter((_NONE if v is None else table.setdefault(v, len(table)) for v in values), dtype=np.int64)


def _set_matrix(sets: list[frozenset[str]], codes: _Codes) -> sparse.csr_matrix:
    """A rows x vocabulary 0/1 matrix with one row per set."""
    indptr = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in sets], out=indptr[1:])
    columns = codes([item for s in sets for item in s]) if indptr[-1] else np.empty(0, dtype=np.int64)
    data = np.ones(len(columns), dtype=np.int32)
    return sparse.csr_matrix((data, columns, indptr), shape=(len(sets), max(len(codes.table), 1)))


def _row_overlap(matrix: sparse.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each pair, how many items rows ``a[i]`` and ``b[i]`` of a 0/1 matrix share."""
    return np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel().astype(np.int64)


def _ranges(values: list[tuple[int, int | None] | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    given = np.array([v is not None for v in values], dtype=bool)
    low = np.array([v[0] if v is not None else 0 for v in values], dtype=np.int64)
    high = np.array([(_OPEN if v[1] is None else v[1]) if v is not None else 0 for v in values], dtype=np.int64)
    return given, low, high


class ProfileTable:
    """The profiles of one linking batch as columns, for ``scores``."""

    def __init__(self, profiles: list[Profile], rules: Rules) -> None:
        self.rules = rules
        words = _Codes()  # one vocabulary for every folded string, so place can meet admin1
        self.article = _Codes()(p.article_id for p in profiles)
        self.kind = words(p.kind for p in profiles)
        self.attack = self.kind == words.table.get("attack", -2)
        self.family = words(p.family for p in profiles)
        self.sub = words(p.sub for p in profiles)
        self.country = words(p.country for p in profiles)
        self.admin1 = words(p.admin1 for p in profiles)
        self.admin2 = words(p.admin2 for p in profiles)
        self.place = words(p.place for p in profiles)
        self.weapon = words(p.weapon for p in profiles)
        self.target = words(p.target for p in profiles)
        self.dated = np.array([p.interval is not None for p in profiles], dtype=bool)
        self.start = np.array([p.interval[0] if p.interval else 0 for p in profiles], dtype=np.int64)
        self.end = np.array([p.interval[1] if p.interval else 0 for p in profiles], dtype=np.int64)
        self.width = np.where(self.dated, self.end - self.start + 1, 10_000)
        self.published = np.array([-1 if p.published is None else p.published for p in profiles], dtype=np.int64)
        self.killed = _ranges([p.killed for p in profiles])
        self.wounded = _ranges([p.wounded for p in profiles])
        self.prior = np.array([rules.prior(p.kind) for p in profiles], dtype=np.float64)
        self.min_features = np.array([rules.unknown_min_features(p.kind) for p in profiles], dtype=np.int64)
        self.crowd = np.array([p.crowd for p in profiles], dtype=np.int64)
        actors = _Codes()
        self.actors = _set_matrix([p.actors for p in profiles], actors)
        self.people = _set_matrix([p.people for p in profiles], actors)
        self.tokens = _set_matrix([p.tokens for p in profiles], _Codes())
        self.actor_count = np.diff(self.actors.indptr)
        self.token_count = np.diff(self.tokens.indptr)
        # the score a pair in a crowd of n needs: -inf up to the reference, then as pair_score
        # computes it (with math.log2, so that the two agree to the last bit)
        reference, margin = rules.crowd_reference, rules.crowd_margin
        self.crowd_need = np.full(int(self.crowd.max(initial=0)) + 1, -np.inf)
        for n in np.unique(self.crowd).tolist():
            if n > reference:
                self.crowd_need[n] = rules.threshold + margin * math.log2(n / reference)

    def _casualties_compatible(self, what: tuple[np.ndarray, ...], a: np.ndarray, b: np.ndarray) -> np.ndarray:
        given, low, high = what
        both = given[a] & given[b]
        a_low, a_high, b_low, b_high = low[a], high[a], low[b], high[b]
        intersect = (a_low <= b_high) & (b_low <= a_high)
        a_lower = a_low <= b_low
        lower_high = np.where(a_lower, a_high, b_high)
        lower_low = np.where(a_lower, a_low, b_low)
        nearest = np.where(lower_high == _OPEN, lower_low, lower_high)
        upper_low = np.where(a_lower, b_low, a_low)
        rules = self.rules
        close = upper_low <= rules.casualty_factor * nearest + rules.casualty_slack
        compatible: np.ndarray = ~both | intersect | close
        return compatible

    def _compatible(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        ok = (self.article[a] != self.article[b]) & (self.kind[a] == self.kind[b])
        for column in (self.family, self.country, self.admin1):
            left, right = column[a], column[b]
            ok &= (left == _NONE) | (right == _NONE) | (left == right)
        slack = self.rules.date_slack_days
        both = self.dated[a] & self.dated[b]
        ok &= ~both | ((self.start[a] <= self.end[b] + slack) & (self.start[b] <= self.end[a] + slack))
        ok &= self._casualties_compatible(self.killed, a, b)
        ok &= self._casualties_compatible(self.wounded, a, b)
        compatible: np.ndarray = ok
        return compatible

    def _features(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``compare.features`` for compatible pairs: (score, agreeing specific features)."""
        rules = self.rules
        weights, against = rules.weights, rules.mismatch_weights
        zero = np.zeros(len(a), dtype=np.float64)
        mass = zero + weights["prior"]
        total = weights["prior"] * self.prior[a]
        agreeing = np.zeros(len(a), dtype=np.int64)

        left, right = self.sub[a], self.sub[b]
        both = (left != _NONE) & (right != _NONE)
        mass += np.where(both, weights["sub_event_type"], 0.0)
        total += np.where(both, weights["sub_event_type"] * (left == right), 0.0)

        count_a, count_b = self.actor_count[a], self.actor_count[b]
        shared = _row_overlap(self.actors, a, b)
        cast = (count_a > 0) & (count_b > 0) & ((shared > 0) | self.attack[a])
        safe_union = np.maximum(count_a + count_b - shared, 1)
        safe_min = np.maximum(np.minimum(count_a, count_b), 1)
        jaccard = shared / safe_union
        overlap = shared / safe_min
        mass += np.where(cast, weights["actors"], 0.0)
        person = (_row_overlap(self.people, a, b) > 0) & self.dated[a] & self.dated[b]
        total += np.where(cast, np.where(person, weights["actors"], weights["actors"] * (jaccard + overlap) / 2), 0.0)
        agreeing += np.where(cast & (overlap >= 0.5), np.where(shared >= 2, 2, 1), 0)

        admin_a = (self.admin1[a], self.admin2[a])
        admin_b = (self.admin1[b], self.admin2[b])
        for name, specific, column in (
            ("weapon", True, self.weapon),
            ("target", True, self.target),
            ("place", True, self.place),
            ("admin2", False, self.admin2),
        ):
            left, right = column[a], column[b]
            both = (left != _NONE) & (right != _NONE)
            same = both & (left == right)
            differ = both & (left != right)
            if name == "place":
                inside = (left == admin_b[0]) | (left == admin_b[1]) | (right == admin_a[0]) | (right == admin_a[1])
                differ &= ~inside
            mass += np.where(same, weights[name], np.where(differ, against.get(name, weights[name]), 0.0))
            total += np.where(same, weights[name], 0.0)
            if specific:
                agreeing += same

        for name, (given, low, high) in (("killed", self.killed), ("wounded", self.wounded)):
            both = given[a] & given[b]
            meet = both & (low[a] <= high[b]) & (low[b] <= high[a])
            apart = both & ~meet
            mass += np.where(meet, weights[name], np.where(apart, against.get(name, weights[name]), 0.0))
            total += np.where(meet, weights[name], np.where(apart, weights[name] * 0.4, 0.0))
            agreeing += meet

        both = self.dated[a] & self.dated[b]
        single = both & (self.width[a] == 1) & (self.width[b] == 1)
        coarse = both & ~single
        same_day = self.start[a] == self.start[b]
        mass += np.where(single, weights["date"], np.where(coarse, weights["date"] * 0.5, 0.0))
        total += np.where(
            single, weights["date"] * np.where(same_day, 1.0, 0.3), np.where(coarse, weights["date"] * 0.25, 0.0)
        )

        words_a, words_b = self.token_count[a], self.token_count[b]
        texts = (words_a > 0) & (words_b > 0)
        common = _row_overlap(self.tokens, a, b)
        similarity = np.minimum(1.0, (common / np.maximum(words_a + words_b - common, 1)) / rules.text_full_agreement)
        mass += np.where(texts, weights["text"] * similarity, 0.0)
        total += np.where(texts, weights["text"] * similarity * similarity, 0.0)
        return total / mass, agreeing

    def _undated_suffices(self, a: np.ndarray, score: np.ndarray, agreeing: np.ndarray) -> np.ndarray:
        rules = self.rules
        strong = agreeing >= rules.unknown_strong_features
        return np.where(
            strong,
            score >= rules.threshold,
            (score >= rules.unknown_min_score) & (agreeing >= self.min_features[a]),
        )

    def scores(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """``pair_score`` of each pair (a[i], b[i]); NaN where it is None."""
        result = np.full(len(a), np.nan)
        keep = np.flatnonzero(self._compatible(a, b))
        if not len(keep):
            return result
        a, b = a[keep], b[keep]
        score, agreeing = self._features(a, b)
        rules = self.rules
        ok = score >= self.crowd_need[np.maximum(self.crowd[a], self.crowd[b])]
        widest = np.maximum(self.width[a], self.width[b])
        yearly = widest > _YEAR_DAYS - 2
        suffices = self._undated_suffices(a, score, agreeing)
        ok &= ~yearly | suffices
        ok &= yearly | ~(widest > _WEEK_DAYS) | (score >= rules.threshold + rules.coarse_margin)
        undated_a, undated_b = ~self.dated[a], ~self.dated[b]
        ok &= ~(undated_a | undated_b) | suffices
        # a report cannot describe an event that happened after its article was published
        published = np.where(undated_a, self.published[a], self.published[b])
        other_dated = np.where(undated_a, self.dated[b], self.dated[a])
        other_start = np.where(undated_a, self.start[b], self.start[a])
        late = (undated_a | undated_b) & (published >= 0) & other_dated & (other_start > published + 1)
        ok &= ~late
        result[keep[ok]] = score[ok]
        return result
