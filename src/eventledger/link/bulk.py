"""``compare.pair_score`` over millions of candidate pairs at once, with numpy.

A million reports give tens of millions of candidate pairs; scoring them one Python call at a
time was most of the cost of linking. ``ProfileTable`` turns the profiles into columns (codes
for the folded strings, day ordinals, casualty bounds, the evidence units of each value, sparse
matrices for actors and text tokens whose entries are their evidence units) and
``ProfileTable.scores`` applies the same hard constraints, evidence and undated/coarse-date
rules to arrays of pairs.

Evidence is summed in integer units (``rules.UNIT`` per logit), so a score here is bit-for-bit
the score ``pair_score`` gives whatever the order of the additions; ``tests/link/test_bulk.py``
checks this on random profiles. ``pair_score`` stays the reference and is still used for the
few pairs met while merging clusters.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np
from scipy import sparse

from eventledger.link.compare import _WEEK_DAYS, _YEAR_DAYS
from eventledger.link.features import PLACED_KINDS, Profile, Statistics
from eventledger.link.rules import UNIT, Rules

_NONE = -1  # code of a missing value
# (month-dated report, its day- or week-dated partner, evidence without the prior, whether the
# pair passes the threshold with the partner's own crowd): see ``ProfileTable._coarse_pairs``
CoarsePairs = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
_OPEN = np.iinfo(np.int64).max  # upper end of an open casualty range ("at least 7")


class _Codes:
    """Small integer codes for hashable values; None is ``_NONE``. 32 bits: codes are only compared
    and used as indices, and a million reports' ten columns of them took 80 MB in 64 bits."""

    def __init__(self) -> None:
        self.table: dict[object, int] = {}

    def __call__(self, values: Iterable[object]) -> np.ndarray:
        # Codes for the new distinct values first, then one C-level lookup per value: a
        # million reports' columns are coded without a Python call per value.
        values = values if isinstance(values, list) else list(values)
        table = self.table
        for value in dict.fromkeys(values):
            if value is not None and value not in table:
                table[value] = len(table)
        lookup = {None: _NONE, **table}
        return np.fromiter(map(lookup.__getitem__, values), dtype=np.int32, count=len(values))

    def of_rows(self, rows: Sequence[Collection[Hashable]], count: int) -> np.ndarray:
        """The codes of the ``count`` items of ``rows`` in order (32 bits are also the index type
        of the sparse matrices they become: made in it, they are not copied into it), without a
        list of every item (ten million of a million reports' words)."""
        table = self.table
        for value in dict.fromkeys(chain.from_iterable(rows)):
            if value is not None and value not in table:
                table[value] = len(table)
        lookup = {None: _NONE, **table}
        return np.fromiter(map(lookup.__getitem__, chain.from_iterable(rows)), dtype=np.int32, count=count)


def _narrow(codes: np.ndarray) -> np.ndarray:
    """Codes in 16 bits when they fit: a million reports' columns are held while their pairs are
    scored, and a pair's reads of them go through less memory."""
    return codes.astype(np.int16) if codes.max(initial=0) < np.iinfo(np.int16).max else codes


def _column(profiles: list[Profile], slot: str) -> list[Any]:
    return list(map(attrgetter(slot), profiles))


def _weighted_matrix(
    rows: Sequence[Collection[Hashable]], weigh: Callable[[Any], int] | list[int]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix, dict[object, int]]:
    """Two rows x vocabulary matrices with one row per collection of items: the items' weights
    (``weigh`` of each distinct item, or the weight of each item in order), and the same
    pattern with ones (they share their index arrays); and the vocabulary (item -> column)."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, rows), dtype=np.int64, count=len(rows)), out=indptr[1:])
    if indptr[-1] < np.iinfo(np.int32).max:  # (scipy would copy them into 32 bits)
        indptr = indptr.astype(np.int32)
    codes = _Codes()
    columns = codes.of_rows(rows, int(indptr[-1]))
    if isinstance(weigh, list):
        weights = np.array(weigh, dtype=np.int32)
    else:
        vocabulary = np.fromiter(map(weigh, codes.table), dtype=np.int32, count=len(codes.table))
        weights = vocabulary[columns]
    shape = (len(rows), max(len(codes.table), 1))
    weighted = sparse.csr_matrix((weights, columns, indptr), shape=shape)
    # (ones in 8 bits: a product of two is 1 and sums of rows are made in 64 bits; a million
    # reports' ten million words took 40 MB of ones in 32)
    ones = sparse.csr_matrix((np.ones(len(weighted.data), dtype=np.int8), weighted.indices, weighted.indptr), shape=shape)
    return weighted, ones, codes.table


def _row_sum(weighted: sparse.csr_matrix, ones: sparse.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each pair, the summed weights (in row ``a[i]``) of the items rows ``a[i]`` and ``b[i]`` share."""
    return np.asarray(weighted[a].multiply(ones[b]).sum(axis=1), dtype=np.int64).ravel()


# Columns as long as a batch that are not one value per row (``ProfileTable.reorder``).
_NOT_ROWS = frozenset({"order", "crowds", "rare_word"})


def _rows_in_order(weighted: sparse.csr_matrix, order: np.ndarray) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """``weighted`` with its rows in ``order``, and the same pattern with ones (sharing its
    index arrays, as ``_weighted_matrix`` makes them)."""
    weighted = weighted[order]
    ones = sparse.csr_matrix((np.ones(len(weighted.data), dtype=np.int8), weighted.indices, weighted.indptr), shape=weighted.shape)
    return weighted, ones


def _row_totals(weighted: sparse.csr_matrix, cap: int) -> np.ndarray:
    """Each row's summed weights, at most ``cap`` (in 32 bits)."""
    totals = np.asarray(weighted @ np.ones(weighted.shape[1], dtype=np.int64))
    capped: np.ndarray = np.minimum(totals, cap).astype(np.int32)
    return capped


def _rare_entries(weighted: sparse.csr_matrix, cap: int) -> sparse.csr_matrix:
    """The entries of ``weighted`` heavier than ``cap`` (the same shape and columns)."""
    heavy = weighted.data > cap
    before = np.zeros(len(heavy) + 1, dtype=weighted.indptr.dtype)  # heavy entries before each
    np.cumsum(heavy, out=before[1:])
    indptr = before[weighted.indptr]
    return sparse.csr_matrix((weighted.data[heavy], weighted.indices[heavy], indptr), shape=weighted.shape)


def _ranges(values: list[tuple[int, int | None] | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    given = np.array([v is not None for v in values], dtype=bool)
    low = np.array([v[0] if v is not None else 0 for v in values], dtype=np.int64)
    high = np.array([(_OPEN if v[1] is None else v[1]) if v is not None else 0 for v in values], dtype=np.int64)
    return given, low, high


def _weights(profiles: list[Profile], slot: str) -> np.ndarray:
    # (32 bits: evidence units and crowds fit, and are added into 64-bit totals)
    return np.fromiter(map(attrgetter(slot), profiles), dtype=np.int32, count=len(profiles))


class ProfileTable:
    """The profiles of one linking batch as columns, for ``scores``."""

    def __init__(self, profiles: list[Profile], rules: Rules) -> None:
        self.rules = rules
        self.order: np.ndarray | None = None  # the profiles' indices of the rows, if not the rows (``reorder``)
        words = _Codes()  # one vocabulary for every folded string, so place can meet admin1
        self.article = _narrow(_Codes()(_column(profiles, "article_id")))
        kinds = _Codes()
        self.kind = _narrow(kinds(_column(profiles, "kind")))
        self.placed = np.isin(self.kind, [code for kind, code in kinds.table.items() if kind in PLACED_KINDS])
        self.family = _narrow(words(_column(profiles, "family")))
        self.sub = _narrow(words(_column(profiles, "sub")))
        self.country = _narrow(words(_column(profiles, "country")))
        self.admin1 = _narrow(words(_column(profiles, "admin1")))
        self.admin2 = _narrow(words(_column(profiles, "admin2")))
        self.place = _narrow(words(_column(profiles, "place")))
        self.target = _narrow(words(_column(profiles, "target")))
        weapons = _Codes()
        self.weapon = _narrow(weapons(_column(profiles, "weapon")))
        self.related = np.zeros((max(len(weapons.table), 1),) * 2, dtype=bool)
        for (left, right) in rules.related_weapons:
            if left in weapons.table and right in weapons.table:
                self.related[weapons.table[left], weapons.table[right]] = True
        intervals = _column(profiles, "interval")
        self.dated = np.fromiter((i is not None for i in intervals), dtype=bool, count=len(profiles))
        # (day ordinals in 32 bits, as the blocking lists hold them)
        self.start = np.fromiter((i[0] if i else 0 for i in intervals), dtype=np.int32, count=len(profiles))
        self.end = np.fromiter((i[1] if i else 0 for i in intervals), dtype=np.int32, count=len(profiles))
        del intervals
        self.weekday = np.fromiter((-1 if p.weekday is None else p.weekday for p in profiles), dtype=np.int8, count=len(profiles))
        self.width = np.where(self.dated, self.end - self.start + 1, 10_000)
        self.published = np.fromiter((-1 if p.published is None else p.published for p in profiles), dtype=np.int32, count=len(profiles))
        self.killed = _ranges(_column(profiles, "killed"))
        self.wounded = _ranges(_column(profiles, "wounded"))
        self.weights = {slot: _weights(profiles, slot) for slot in ("w_sub", "w_weapon", "w_target", "w_place", "w_killed", "w_wounded")}
        # the prior of each (kind, crowd) a pair can have: a pair's crowd is one of its reports'.
        # Each report's crowd is held as its rank among them: the busier report's rank is the
        # rank of the busier crowd (no search of the crowds per pair)
        self.crowds, rank = np.unique(_weights(profiles, "crowd"), return_inverse=True)
        self.crowd_rank = rank.astype(np.int32)
        del rank
        self.priors = np.zeros((max(len(kinds.table), 1), max(len(self.crowds), 1)), dtype=np.int64)
        if profiles:
            stats = profiles[0].stats
            for kind, code in kinds.table.items():
                self.priors[code] = [stats.prior(str(kind), int(n)) for n in self.crowds.tolist()]
        # Actors are coded with their kind (an actor's weight is measured within its kind; pairs
        # of different kinds are never scored), words as they are; each distinct one is weighed
        # once. Profiles weighed by different statistics (not one batch) code theirs apart.
        # Actors are coded with their kind (an actor's weight is measured within its kind; pairs
        # of different kinds are never scored). Profiles of one batch share its statistics: each
        # distinct actor and word is weighed once, not once per report that names it.
        actor_rows = [[(p.kind, actor) for actor in sorted(p.actors)] for p in profiles]
        token_rows = _column(profiles, "tokens")
        batches = {id(p.stats): p.stats for p in profiles}
        # (one batch's statistics: a value weighs alike in every profile)
        self.one_batch = len(batches) <= 1
        if self.one_batch:
            stats = next(iter(batches.values()), None) or Statistics(rules)
            self.actors, self.actors_ones, _ = _weighted_matrix(actor_rows, lambda item: stats.weight("actors", *item))
            self.tokens, self.tokens_ones, vocabulary = _weighted_matrix(token_rows, stats.word_weight)
            # which columns are ``Statistics.rare_words``: the blocking's word lists are read
            # from the table's words (``blocking._Blocking``), not word by word again
            rare_words = stats.rare_words()
            self.rare_word: np.ndarray | None = np.fromiter(map(rare_words.__contains__, vocabulary), dtype=bool, count=len(vocabulary))
            del vocabulary
        else:  # profiles weighed apart (not one batch): each report's items by its own statistics
            actor_weights = [p.stats.weight("actors", p.kind, actor) for p in profiles for actor in sorted(p.actors)]
            self.actors, self.actors_ones, _ = _weighted_matrix(actor_rows, actor_weights)
            self.tokens, self.tokens_ones, _ = _weighted_matrix(
                token_rows, [p.stats.word_weight(word) for p in profiles for word in p.tokens]
            )
            self.rare_word = None
        self.actor_count = np.diff(self.actors.indptr)
        # the rare words (``compare.text_units``) apart, in a matrix of their own: few entries
        self.rare = _rare_entries(self.tokens, rules.text_cap_units)
        self.tokens.data[self.tokens.data > rules.text_cap_units] = 0
        if rules.text_cap_units < np.iinfo(np.int16).max:  # (capped, they fit 16 bits: tens of megabytes at a million reports)
            tokens = self.tokens
            self.tokens = sparse.csr_matrix((tokens.data.astype(np.int16), tokens.indices, tokens.indptr), shape=tokens.shape)
            del tokens
        self.rare_count = np.diff(self.rare.indptr)
        # the words a rare word of one report may meet in another: in one batch a word weighs
        # alike in every report, so only the other's rare words (a few, not all its words)
        if self.one_batch:
            self.rare_ones = sparse.csr_matrix(
                (np.ones(len(self.rare.data), dtype=np.int8), self.rare.indices, self.rare.indptr), shape=self.rare.shape
            )
        else:
            self.rare_ones = self.tokens_ones
        # an article's scenes and the days around them, coded with one vocabulary: the first
        # rows are each profile's scenes, the next its window
        scene_rows = _column(profiles, "scenes") + _column(profiles, "scene_window")
        _, scenes, _ = _weighted_matrix(scene_rows, [1] * sum(map(len, scene_rows)))
        self.scenes, self.scene_window = scenes[: len(profiles)], scenes[len(profiles) :]
        self.scene_count = np.diff(self.scenes.indptr)
        self.token_count = np.diff(self.tokens.indptr)
        # the most each row's actors and words can add to a pair's evidence (``_passing_evidence``)
        self.actor_bound = _row_totals(self.actors, rules.actors_cap_units)
        self.token_bound = _row_totals(self.tokens, rules.text_cap_units)
        self.rare_bound = _row_totals(self.rare, rules.rare_words_cap_units)
        # the least evidence whose score reaches the threshold (``scored_edges`` compares the
        # score, units / UNIT, with it)
        self.passing_units = rules.threshold_units
        while (self.passing_units - 1) / UNIT >= rules.threshold:
            self.passing_units -= 1
        while self.passing_units / UNIT < rules.threshold:
            self.passing_units += 1

    def reorder(self, order: np.ndarray) -> None:
        """Lay the rows out in ``order`` (row ``i`` becomes the profile of index ``order[i]``,
        kept in ``self.order``): pairs are then scored as rows of this order. Only for one
        batch's profiles: their scores do not depend on which of two reports comes first."""
        if not self.one_batch:
            raise ValueError("only one batch's profiles are scored alike in either order")
        self.order = order if self.order is None else self.order[order]
        for name, value in list(vars(self).items()):
            if isinstance(value, np.ndarray) and value.ndim == 1 and len(value) == len(order) and name not in _NOT_ROWS:
                setattr(self, name, value[order])
        self.killed = tuple(column[order] for column in self.killed)
        self.wounded = tuple(column[order] for column in self.wounded)
        self.weights = {slot: column[order] for slot, column in self.weights.items()}
        self.actors, self.actors_ones = _rows_in_order(self.actors, order)
        self.tokens, self.tokens_ones = _rows_in_order(self.tokens, order)
        one_batch_rare = self.rare_ones is not self.tokens_ones
        self.rare, rare_ones = _rows_in_order(self.rare, order)
        self.rare_ones = rare_ones if one_batch_rare else self.tokens_ones
        self.scenes, self.scene_window = self.scenes[order], self.scene_window[order]

    def _casualties_compatible(self, what: tuple[np.ndarray, ...], a: np.ndarray, b: np.ndarray) -> np.ndarray:
        given, low, high = what
        compatible = np.ones(len(a), dtype=bool)
        rows = np.flatnonzero(given[a] & given[b])  # (the rest are compatible: read only these)
        a, b = a[rows], b[rows]
        nearest, upper_low = self._nearest_ends(what, a, b)
        rules = self.rules
        intersect = (low[a] <= high[b]) & (low[b] <= high[a])
        close = upper_low <= rules.casualty_far_factor * nearest + rules.casualty_slack
        compatible[rows] = intersect | close
        return compatible

    @staticmethod
    def _nearest_ends(what: tuple[np.ndarray, ...], a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``compare._nearest_ends`` of each pair: (upper end of the lower range, lower end of the other)."""
        _, low, high = what
        a_low, a_high, b_low, b_high = low[a], high[a], low[b], high[b]
        a_lower = a_low <= b_low
        lower_high = np.where(a_lower, a_high, b_high)
        lower_low = np.where(a_lower, a_low, b_low)
        nearest = np.where(lower_high == _OPEN, lower_low, lower_high)
        upper_low = np.where(a_lower, b_low, a_low)
        return nearest, upper_low

    def _compatible(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        ok = (self.article[a] != self.article[b]) & (self.kind[a] == self.kind[b])
        for column in (self.family, self.country, self.admin1):
            left, right = column[a], column[b]
            agree = (left == _NONE) | (right == _NONE) | (left == right)
            ok &= agree | (~self.placed[a] if column is self.country else False)
        slack = self.rules.date_slack_days
        both = self.dated[a] & self.dated[b]
        ok &= ~both | ((self.start[a] <= self.end[b] + slack) & (self.start[b] <= self.end[a] + slack))
        left, right = self.weekday[a], self.weekday[b]
        ok &= both | (left < 0) | (right < 0) | (left == right)
        ok &= self._casualties_compatible(self.killed, a, b)
        compatible: np.ndarray = ok
        return compatible

    def _field(self, column: np.ndarray, slot: str, field: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Evidence of a field compared by equality: agreement weighs the smaller weight of the two."""
        left, right = column[a], column[b]
        both = (left != _NONE) & (right != _NONE)
        weight = self.weights[slot]
        agree = np.minimum(weight[a], weight[b])
        against = self.rules.against_units[field]
        units: np.ndarray = np.where(both, np.where(left == right, agree, against), 0)
        return units

    def _casualties(self, what: tuple[np.ndarray, ...], slot: str, field: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        given, low, high = what
        rules = self.rules
        units = np.zeros(len(a), dtype=np.int64)
        rows = np.flatnonzero(given[a] & given[b])  # (the rest weigh nothing: read only these)
        a, b = a[rows], b[rows]
        meet = (low[a] <= high[b]) & (low[b] <= high[a])
        nearest, upper_low = self._nearest_ends(what, a, b)
        close = upper_low - nearest <= np.maximum(rules.close_slack, rules.close_share * upper_low)
        weight = self.weights[slot]
        agree = np.minimum(weight[a], weight[b])
        within = upper_low <= rules.casualty_factor * nearest + rules.casualty_slack
        apart = np.where(within, rules.against_units[field], rules.apart_units)
        units[rows] = np.where(meet, agree, np.where(close, 0, apart))
        return units

    def _evidence(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``compare.evidence`` for compatible pairs, and how many actors each pair shares."""
        total = self._plain_evidence(a, b)
        shared, units = self._actor_evidence(a, b)
        total += units
        total += self._scene_evidence(a, b, shared)
        total += self._word_evidence(a, b)
        total += self._rare_evidence(a, b)
        return total, shared

    def _plain_evidence(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The evidence of each pair's prior, fields, casualties and dates: all but what their
        shared items (actors, scenes, words) add, in evidence units."""
        rules = self.rules
        total = self.priors[self.kind[a], np.maximum(self.crowd_rank[a], self.crowd_rank[b])]
        total += self._field(self.sub, "w_sub", "sub_event_type", a, b)
        weapon = self._field(self.weapon, "w_weapon", "weapon", a, b)
        related = (self.weapon[a] != _NONE) & (self.weapon[b] != _NONE) & self.related[self.weapon[a], self.weapon[b]]
        total += np.where(related, 0, weapon)
        total += self._field(self.target, "w_target", "target", a, b)
        place = self._field(self.place, "w_place", "place", a, b)
        left = self.place[a]
        right = self.place[b]
        inside = (left == self.admin1[b]) | (left == self.admin2[b]) | (right == self.admin1[a]) | (right == self.admin2[a])
        total += np.where((left != right) & inside, 0, place)
        total += self._casualties(self.killed, "w_killed", "killed", a, b)
        total += self._casualties(self.wounded, "w_wounded", "wounded", a, b)
        single = self.dated[a] & self.dated[b] & (self.width[a] == 1) & (self.width[b] == 1)
        same_day = self.start[a] == self.start[b]
        total += np.where(single, np.where(same_day, rules.same_day_units, rules.day_apart_units), 0)
        weekday = ~(self.dated[a] & self.dated[b]) & (self.weekday[a] >= 0) & (self.weekday[a] == self.weekday[b])
        total += np.where(weekday, rules.same_weekday_units, 0)
        plain: np.ndarray = total
        return plain

    def _actor_evidence(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """How many actors each pair shares, and the evidence of its casts."""
        rules = self.rules
        cast = (self.actor_count[a] > 0) & (self.actor_count[b] > 0)
        shared = np.zeros(len(a), dtype=np.int64)
        strongest = np.zeros(len(a), dtype=np.int64)
        if cast.any():
            rows = np.flatnonzero(cast)
            shared[rows] = _row_sum(self.actors_ones, self.actors_ones, a[rows], b[rows])
            strongest[rows] = np.minimum(rules.actors_cap_units, _row_sum(self.actors, self.actors_ones, a[rows], b[rows]))
        units: np.ndarray = np.where(shared > 0, strongest, np.where(cast & self.placed[a], rules.against_units["actors"], 0))
        return shared, units

    def _scene_evidence(self, a: np.ndarray, b: np.ndarray, shared: np.ndarray) -> np.ndarray:
        """The evidence of a scene both pairs' articles tell (``shared``: the actors they share)."""
        cast = (self.actor_count[a] > 0) & (self.actor_count[b] > 0)
        told = (self.scene_count[a] > 0) & (self.scene_count[b] > 0) & ~(cast & (shared == 0))
        units = np.zeros(len(a), dtype=np.int64)
        if told.any():
            rows = np.flatnonzero(told)
            units[rows[_row_sum(self.scenes, self.scene_window, a[rows], b[rows]) > 0]] = self.rules.scene_units
        return units

    def _word_evidence(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The evidence of the words each pair shares, each capped, up to the text cap."""
        texts = (self.token_count[a] > 0) & (self.token_count[b] > 0)
        units = np.zeros(len(a), dtype=np.int64)
        if texts.any():
            rows = np.flatnonzero(texts)
            units[rows] = np.minimum(self.rules.text_cap_units, _row_sum(self.tokens, self.tokens_ones, a[rows], b[rows]))
        return units

    def _rare_evidence(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The evidence of the rare words each pair shares beyond the cap (``compare.text_units``)."""
        rare = (self.rare_count[a] > 0) & (self.rare_count[b] > 0) & (self.token_count[a] > 0) & (self.token_count[b] > 0)
        units = np.zeros(len(a), dtype=np.int64)
        if rare.any():
            rows = np.flatnonzero(rare)
            units[rows] = np.minimum(self.rules.rare_words_cap_units, _row_sum(self.rare, self.rare_ones, a[rows], b[rows]))
        return units

    def _passing_evidence(
        self, a: np.ndarray, b: np.ndarray, coarse: bool
    ) -> tuple[np.ndarray, ...]:
        """``_evidence`` of the compatible pairs (a, b) that may still reach the threshold (or,
        with ``coarse``, be kept by ``_coarse_pairs``) once the rest is weighed. Each pair's evidence is summed a part at a
        time, the cheap parts first, against the most each part not yet weighed can add (read
        from each report's own items: its row's weights, no more than the cap; a scene its
        units): a pair that cannot reach the threshold is dropped before its rows of shared
        items are compared. Returns (their positions in ``a``, a, b, evidence, actors shared)."""
        rules = self.rules
        total = self._plain_evidence(a, b)
        cast = (self.actor_count[a] > 0) & (self.actor_count[b] > 0)
        words = (self.token_count[a] > 0) & (self.token_count[b] > 0)
        actors_most = np.where(cast, self.actor_bound[a], 0)
        rare_most = np.where(words & (self.rare_count[a] > 0) & (self.rare_count[b] > 0), self.rare_bound[a], 0)
        words_most = np.where(words, self.token_bound[a], 0)
        scene_most = np.where((self.scene_count[a] > 0) & (self.scene_count[b] > 0), max(rules.scene_units, 0), 0)
        most = actors_most + rare_most + words_most + scene_most
        del cast, words, words_most, scene_most
        at = np.arange(len(a))

        needed = self._needed(a, b, coarse)

        def narrowed(*more: np.ndarray) -> tuple[np.ndarray, ...]:
            live = np.flatnonzero(total + most >= needed)
            return tuple(column[live] for column in (at, a, b, total, most, needed, *more))

        at, a, b, total, most, needed = narrowed()
        total += self._rare_evidence(a, b)
        most -= rare_most[at]
        at, a, b, total, most, needed = narrowed()
        shared, units = self._actor_evidence(a, b)
        total += units
        most -= actors_most[at]
        at, a, b, total, most, needed, shared = narrowed(shared)
        total += self._word_evidence(a, b)
        total += self._scene_evidence(a, b, shared)
        return at, a, b, total, shared

    def _undated_suffices(self, a: np.ndarray, b: np.ndarray, total: np.ndarray, shared: np.ndarray) -> np.ndarray:
        """``compare.undated_evidence_suffices`` of each pair."""
        same_place = (self.place[a] != _NONE) & (self.place[a] == self.place[b])
        families_given = (self.family[a] == _NONE) == (self.family[b] == _NONE)
        left, right = self.place[a], self.place[b]
        within = (left == self.admin1[b]) | (left == self.admin2[b]) | (right == self.admin1[a]) | (right == self.admin2[a])
        unplaced = (left == _NONE) | (right == _NONE) | ((left != right) & within)
        placed = (same_place | (unplaced & (total >= self.rules.unplaced_units))) & families_given
        countries_apart = (self.country[a] != _NONE) & (self.country[b] != _NONE) & (self.country[a] != self.country[b])
        alike = (total >= self.rules.unplaced_units) & ~(countries_apart & (shared == 0))
        political = (shared >= 2) | ((shared > 0) & same_place) | alike
        suffices: np.ndarray = np.where(self.placed[a], placed, political) & (total >= self.rules.undated_units)
        return suffices

    def _fits_publication(self, undated: np.ndarray, other: np.ndarray) -> np.ndarray:
        """``compare.fits_publication`` of each pair."""
        recent = self.rules.undated_recent_days
        published, other_published = self.published[undated], self.published[other]
        near_dated = (self.start[other] <= published + 1) & (self.end[other] >= published - recent)
        near_undated = (other_published < 0) | (np.abs(other_published - published) <= recent + 1)
        fits: np.ndarray = self.dated[undated] | (published < 0) | np.where(self.dated[other], near_dated, near_undated)
        return fits

    def scores(
        self, a: np.ndarray, b: np.ndarray, coarse: list[CoarsePairs] | None = None, passing: bool = False
    ) -> np.ndarray:
        """``pair_score`` of each pair (a[i], b[i]); NaN where it is None. With ``coarse``, the
        pairs of a month-dated report and a day- or week-dated one that ``attach`` may weigh are
        added to it. With ``passing``, only the scores that reach the threshold are sure to be
        given: a pair whose evidence could not reach it whatever its reports share (nor give
        ``attach`` a month-dated report's pair) is NaN, its shared items never compared (most
        candidate pairs: their rows of actors and words were half the cost of scoring)."""
        result = np.full(len(a), np.nan)
        keep = np.flatnonzero(self._compatible(a, b))
        if not len(keep):
            return result
        a, b = a[keep], b[keep]
        rules = self.rules
        if passing:
            live, a, b, total, shared = self._passing_evidence(a, b, coarse is not None)
            keep = keep[live]
            del live
        else:
            total, shared = self._evidence(a, b)
        if coarse is not None and rules.coarse_best_margin_units > 0:
            coarse.append(self._coarse_pairs(a, b, total))
        widest = np.maximum(self.width[a], self.width[b])
        yearly = widest > _YEAR_DAYS - 2
        ok = ~yearly | self._undated_suffices(a, b, total, shared)
        ok &= yearly | ~(widest > _WEEK_DAYS) | (total >= rules.coarse_units)
        ok &= self._fits_publication(a, b) & self._fits_publication(b, a)
        result[keep[ok]] = total[ok] / UNIT
        return result

    def _needed(self, a: np.ndarray, b: np.ndarray, coarse: bool) -> np.ndarray:
        """The least evidence with which each pair may reach the threshold, or (with ``coarse``)
        be kept by ``_coarse_pairs``."""
        rules = self.rules
        needed = np.full(len(a), self.passing_units, dtype=np.int64)
        if coarse and rules.coarse_best_margin_units > 0:
            width_a, width_b = self.width[a], self.width[b]
            coarse_a = (width_a > _WEEK_DAYS) & (width_a <= _YEAR_DAYS - 2)
            coarse_b = (width_b > _WEEK_DAYS) & (width_b <= _YEAR_DAYS - 2)
            rows = np.flatnonzero((coarse_a & (width_b <= _WEEK_DAYS)) | (coarse_b & (width_a <= _WEEK_DAYS)))
            a, b = a[rows], b[rows]
            kind = self.kind[a]
            prior = self.priors[kind, np.maximum(self.crowd_rank[a], self.crowd_rank[b])]
            kept = prior + rules.threshold_units - self.priors[kind, 0] - rules.coarse_best_margin_units
            needed[rows] = np.minimum(needed[rows], kept)
        return needed

    def _coarse_pairs(self, a: np.ndarray, b: np.ndarray, total: np.ndarray) -> CoarsePairs:
        """Of compatible pairs with their evidence ``total``: those of a month-dated report (wider
        than a week, narrower than a year) with a day- or week-dated one, as (month-dated report,
        partner, evidence without the prior, passes by the partner's crowd). A pair's prior is
        that of its busier window, the month's, too low in a busy month for any one partner to
        pass; ``attach`` weighs the partners against each other instead. Pairs whose evidence
        could not reach the threshold with the quietest prior, less the margin, are left out:
        they can neither be chosen nor stand in a chosen one's way."""
        rules = self.rules
        width_a, width_b = self.width[a], self.width[b]
        coarse_a = (width_a > _WEEK_DAYS) & (width_a <= _YEAR_DAYS - 2)
        coarse_b = (width_b > _WEEK_DAYS) & (width_b <= _YEAR_DAYS - 2)
        rows = np.flatnonzero((coarse_a & (width_b <= _WEEK_DAYS)) | (coarse_b & (width_a <= _WEEK_DAYS)))
        month = np.where(coarse_a[rows], a[rows], b[rows])
        other = np.where(coarse_a[rows], b[rows], a[rows])
        kind = self.kind[month]
        evidence = total[rows] - self.priors[kind, np.maximum(self.crowd_rank[month], self.crowd_rank[other])]
        own = self.priors[kind, self.crowd_rank[other]]
        kept = evidence >= rules.threshold_units - self.priors[kind, 0] - rules.coarse_best_margin_units
        passes = evidence + own >= rules.threshold_units
        return month[kept], other[kept], evidence[kept], passes[kept]
