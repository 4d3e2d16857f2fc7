"""Candidate pairs by blocking, then constrained agglomerative clustering.

Blocking keeps the cost near-linear: reports are compared only with neighbours in lists sorted
by date start, one list per blocking key, and only a capped number of neighbours per report:

- ``place`` lists: (kind, country, admin1, sub-event family) — the main block;
- ``loose`` lists: (kind, country) and (kind) — swept in both directions only by reports that
  lack an admin1, a family or a country, so that they can meet reports that have one (the
  (kind) list by those without a country, and by political reports without an admin1: a
  summit's or a truce's country depends on the outlet);
- ``specific`` lists: (kind, named place), (kind, actor), (kind, weapon, target), (kind, rare
  word: ``_rare_words``) — they find the right partner of a report in a dense block that the
  capped main sweep would not reach;
- a month-dated report is also sought in its ``place`` and ``specific`` lists from its window's
  last day (its article's), back through the reports of its window and on by the date slack:
  sorted by start it sits at the month's first day, far from its event in a busy month.

Undated reports fit every window; they are compared with the members of their specific lists
and of their (kind, country) and (kind, country, admin1) lists (when those are not huge) and must agree strongly (see ``compare.pair_score``).

Clustering merges candidate pairs best-first (then a month-dated report left alone may join the
event it clearly matches best: ``attach``); two clusters merge only when every cross pair
passes the hard constraints (complete linkage on constraints) and their average pair score
reaches the threshold (average linkage on scores), so a chain of look-alikes cannot pull two
distinct events together.

Candidate pairs are scored in bulk (``bulk.ProfileTable``, numpy, the same scores as
``pair_score``); ``pair_score`` itself scores the few cross pairs met while merging clusters.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from eventledger.link.attach import attach_coarse
from eventledger.link.bulk import CoarsePairs, ProfileTable
from eventledger.link.compare import _WEEK_DAYS, _YEAR_DAYS, pair_score
from eventledger.link.features import PLACED_KINDS, Profile
from eventledger.link.rules import Rules

# How far back (days) a backward sweep looks for an interval that may still overlap (a month;
# year-dated reports are matched through their own sweeps and specific keys).
_BACKWARD_DAYS = 31
# Candidate pairs decoded at a time.
_CHUNK = 1 << 18
# Candidate pairs scored at a time: the scoring's temporaries (sparse rows of every pair's words
# and actors) grow with it, beside the table of a whole batch (2^16: the peak of linking a
# million reports is while they are scored).
_SCORED = 1 << 16
# Cross pairs' scores kept while merging clusters (about 150 bytes each: some 40 MB at most).
SCORE_CACHE = 1 << 18

Key = tuple[object, ...]  # a blocking key: a tag, then the values reports must share
KeysOf = Callable[[Profile], Sequence[Key]]


def _place_keys(p: Profile) -> tuple[Key, ...]:
    return (("g", p.kind, p.country, p.admin1, p.family),)


def _specific_keys(p: Profile) -> list[Key]:
    # Actor and weapon keys stay within the province (or the country when it is unknown):
    # across provinces they would only pair reports that the constraints then reject. Political
    # reports of one event may name either side's country (a truce told from each capital), and
    # one outlet names the summit's province where another names none: theirs stay whole.
    placed = p.kind in PLACED_KINDS
    where = (p.admin1 or p.country) if placed else None
    keys: list[Key] = []
    if p.place:
        keys.append(("p", p.kind, p.place))
    for actor in sorted(p.actors):
        keys.append(("a", p.kind, where, actor))
        if not placed and p.admin1:
            # (the whole list is a day's talks of one leader worldwide: the province's list
            # still finds a partner in a busy one)
            keys.append(("a", p.kind, p.admin1, actor))
    if p.weapon and p.target:
        keys.append(("w", p.kind, where, p.weapon, p.target))
    return keys


def _word_keys(p: Profile) -> list[Key]:
    # (swept apart from the other specific lists: the entries of a million reports' lists are
    # held while a batch's table is, and one sweep's entries at a time keep that peak down. Not
    # by province: a rare word's list holds a few reports a month, and one list per province
    # and word took tens of megabytes of keys)
    return [("t", p.kind, word) for word in _rare_words(p)]


def _rare_words(p: Profile) -> list[str]:
    """The words of a report that weigh more than the text cap alone (``compare.text_units``):
    names only a handful of a large store's reports use, whose lists find a report's partner in
    a province's busy day where the capped sweep of its place list does not reach it."""
    # (a word no other report tells pairs with none: most rare words of a real store)
    rare = p.stats.rare_words()
    return [word for word in p.tokens if word in rare]


def _undated_keys(p: Profile) -> list[Key]:
    # The specific keys, and the report's country and province: an undated report that names no
    # site, actor or weapon still meets the reports of its kind where it happened (in a small
    # batch; ``unknown_date_list`` skips the crowded lists).
    keys = _specific_keys(p) + _word_keys(p)
    keys.append(("u", p.kind, p.country))
    if p.admin1:
        keys.append(("u", p.kind, p.country, p.admin1))
    if p.weekday is not None:  # an undated "on Wednesday" meets the reports of Wednesdays
        keys.append(("d", p.kind, p.weekday))
    return keys


def _country_key(p: Profile) -> tuple[Key, ...]:
    return (("c", p.kind, p.country),)


def _kind_key(p: Profile) -> tuple[Key, ...]:
    return (("k", p.kind),)


def _is_loose(p: Profile) -> bool:
    # a report without a province or a family sweeps its country's list to meet those with one
    return p.admin1 is None or p.family is None


def _is_loose_and_stateless(p: Profile) -> bool:
    # (and without a country, its kind's list; so does a political report that names no province:
    # a summit's or a truce's country depends on the outlet that tells it)
    return _is_loose(p) and (p.country is None or (p.admin1 is None and p.kind not in PLACED_KINDS))


def _sorted_entries(
    profiles: list[Profile], keys_of: KeysOf, wanted: Callable[[Profile], bool] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every (list, start, end, index) entry of the dated reports' sorted lists, as arrays sorted
    by list, then start, end and index; and whether each entry's report is ``wanted``. (32 bits:
    list numbers, day ordinals and report positions fit, and a million reports' few million
    entries in 64 bits were a good part of the peak of linking; ``_packed`` widens them.)"""
    key_ids: dict[Key, int] = {}
    keys, starts, ends, indices, chosen = array("i"), array("i"), array("i"), array("i"), array("b")
    for p in profiles:
        if p.interval is None:
            continue
        flag = wanted is None or wanted(p)
        for block in keys_of(p):
            keys.append(key_ids.setdefault(block, len(key_ids)))
            starts.append(p.interval[0])
            ends.append(p.interval[1])
            indices.append(p.index)
            chosen.append(flag)
    columns = [np.frombuffer(c, dtype=np.int32) for c in (keys, starts, ends, indices)]
    order = np.lexsort(columns[::-1])
    key, start, end, index = (c[order] for c in columns)
    return key, start, end, index, np.frombuffer(chosen, dtype=np.int8).astype(bool)[order]


def _packed(left: np.ndarray, right: np.ndarray, size: int) -> np.ndarray:
    distinct = left != right
    left, right = left[distinct].astype(np.int64), right[distinct].astype(np.int64)
    packed: np.ndarray = np.minimum(left, right) * size + np.maximum(left, right)
    return packed


def _forward_chunks(profiles: list[Profile], keys_of: KeysOf, cap: int, slack: int, size: int) -> Iterator[np.ndarray]:
    """Packed pairs: each dated report with up to ``cap`` following entries of each of its sorted
    lists that start before it ends (+ slack); one array per rank of follower.

    All lists are swept at once: the k-th follower of each entry is compared for k = 1 .. cap.
    Starts only grow along a list, so "up to the first follower that starts too late" is the
    same as "every follower that does not", and an entry without a k-th follower has no later one.
    """
    key, start, end, index, _ = _sorted_entries(profiles, keys_of)
    for k in range(1, min(cap, len(key) - 1) + 1):
        follows = np.flatnonzero((key[k:] == key[:-k]) & (start[k:] <= end[:-k] + slack))
        if not len(follows):
            break
        yield _packed(index[follows], index[follows + k], size)


def _both_ways_chunks(
    profiles: list[Profile], keys_of: KeysOf, wanted: Callable[[Profile], bool], cap: int, slack: int, size: int
) -> Iterator[np.ndarray]:
    """For wanted reports: up to ``cap`` overlapping neighbours each side in their sorted lists
    (``keys_of``); one array per step away."""
    key, start, end, index, chosen = _sorted_entries(profiles, keys_of, wanted)
    own = np.flatnonzero(chosen)
    # Forward: the followers that start before this entry ends (+ slack), the first ``cap``.
    ahead = own
    for k in range(1, cap + 1):
        ahead = ahead[ahead + k < len(key)]
        ahead = ahead[(key[ahead + k] == key[ahead]) & (start[ahead + k] <= end[ahead] + slack)]
        if not len(ahead):
            break
        yield _packed(index[ahead], index[ahead + k], size)
    # Backward: earlier entries still open when this one starts, the first ``cap``, looking back
    # at most a month and 4 x cap entries (in a dense list most earlier entries end before this
    # one starts, and walking them all would cost O(n) each).
    behind = own
    found = np.zeros(len(behind), dtype=np.int64)
    for k in range(1, 4 * cap + 1):
        alive = behind - k >= 0
        behind, found = behind[alive], found[alive]
        other = behind - k
        alive = (key[other] == key[behind]) & (start[other] >= start[behind] - _BACKWARD_DAYS) & (found < cap)
        behind, found, other = behind[alive], found[alive], other[alive]
        if not len(behind):
            break
        hit = end[other] + slack >= start[behind]
        found += hit
        yield _packed(index[behind[hit]], index[other[hit]], size)


def _is_coarse(p: Profile) -> bool:
    return p.interval is not None and _WEEK_DAYS < p.interval[1] - p.interval[0] + 1 < _YEAR_DAYS - 1


def _coarse_keys(p: Profile) -> tuple[Key, ...]:
    return (*_place_keys(p), *_specific_keys(p), *_word_keys(p))


def _coarse_entries(profiles: list[Profile]) -> tuple[np.ndarray, ...]:
    """The entries (list, place, start, index, month-dated) of the dated reports in the place,
    specific and word lists that hold a month-dated report, sorted by list, place and index. A
    month-dated report's place is its window's end, before the reports of that day; a day's
    report's is its start. Only those lists give pairs here: the others' entries are not made
    (most of a million reports' entries, held while a batch's table is)."""
    key_ids: dict[Key, int] = {}
    for p in profiles:
        if _is_coarse(p):
            for block in _coarse_keys(p):
                key_ids.setdefault(block, len(key_ids))
    keys, places, starts, indices, coarse = array("i"), array("i"), array("i"), array("i"), array("b")
    for p in profiles:
        if p.interval is None:
            continue
        wide = _is_coarse(p)
        for block in _coarse_keys(p):
            number = key_ids.get(block)
            if number is not None:
                keys.append(number)
                places.append(2 * p.interval[1] if wide else 2 * p.interval[0] + 1)
                starts.append(p.interval[0])
                indices.append(p.index)
                coarse.append(wide)
    key, place, start, index = (np.frombuffer(c, dtype=np.int32) for c in (keys, places, starts, indices))
    order = np.lexsort((index, place, key))
    return key[order], place[order], start[order], index[order], np.frombuffer(coarse, dtype=np.int8).astype(bool)[order]


def _coarse_chunks(profiles: list[Profile], cap: int, slack: int, size: int) -> Iterator[np.ndarray]:
    """Packed pairs: each month-dated report with up to ``cap`` reports each side of its window's
    last day in its place and specific lists (in arrays of about ``_CHUNK / 4`` pairs: one per
    step away were many small arrays to score, larger ones raise the scoring's peak memory).

    Sorted by start, a month-dated report sits at its month's first day, and the capped sweeps
    pair it with the month's first reports; its event is mostly days before its article's, the
    end of its window, where it is sought here: back from there through the reports that start
    within its window, and on through those that start by its end (+ slack).
    """
    if not any(map(_is_coarse, profiles)):
        return
    key, place, start, index, wide = _coarse_entries(profiles)
    own = np.flatnonzero(wide)
    end = place[own] // 2
    found: list[np.ndarray] = []
    ahead, ahead_end = own, end
    for k in range(1, cap + 1):
        alive = ahead + k < len(key)
        ahead, ahead_end = ahead[alive], ahead_end[alive]
        alive = (key[ahead + k] == key[ahead]) & (start[ahead + k] <= ahead_end + slack)
        ahead, ahead_end = ahead[alive], ahead_end[alive]
        if not len(ahead):
            break
        found.append(_packed(index[ahead], index[ahead + k], size))
        if sum(map(len, found)) >= _CHUNK // 4:
            yield np.concatenate(found)
            found = []
    behind = own
    for k in range(1, cap + 1):
        alive = behind - k >= 0
        behind = behind[alive]
        alive = (key[behind - k] == key[behind]) & (start[behind - k] >= start[behind] - slack)
        behind = behind[alive]
        if not len(behind):
            break
        found.append(_packed(index[behind], index[behind - k], size))
        if sum(map(len, found)) >= _CHUNK // 4:
            yield np.concatenate(found)
            found = []
    if found:
        yield np.concatenate(found)


def _undated_chunks(profiles: list[Profile], rules: Rules, size: int) -> Iterator[np.ndarray]:
    """Packed pairs of each undated report with the members of its undated lists (those not
    longer than ``unknown_date_list``)."""
    undated = [p for p in profiles if p.interval is None]
    if not undated:
        return
    # (only the lists that hold an undated report: a million reports' other lists were a good
    # part of the peak of linking)
    members: dict[Key, list[int]] = {key: [] for p in undated for key in _undated_keys(p)}
    for p in profiles:
        for key in _undated_keys(p):
            listed = members.get(key)
            if listed is not None:
                listed.append(p.index)
    codes = array("q")
    for p in undated:
        for key in _undated_keys(p):
            listed = members[key]
            if len(listed) <= rules.unknown_date_list:
                codes.extend(min(p.index, other) * size + max(p.index, other) for other in listed if other != p.index)
        if len(codes) >= _CHUNK:
            yield np.array(codes, dtype=np.int64)
            codes = array("q")
    yield np.array(codes, dtype=np.int64)


def _candidate_chunks(profiles: list[Profile], rules: Rules) -> Iterator[np.ndarray]:
    """The candidate pairs of ``candidate_codes`` in parts, packed, repeats not removed: linking
    scores each part as it comes and keeps only the pairs that reach the threshold, so the tens
    of millions of candidate pairs of a million reports are never held at once."""
    cap, slack = rules.neighbours, rules.date_slack_days
    size = max(len(profiles), 1)
    yield from _forward_chunks(profiles, _place_keys, cap, slack, size)
    yield from _forward_chunks(profiles, _specific_keys, cap, slack, size)
    yield from _forward_chunks(profiles, _word_keys, cap, slack, size)
    if any(p.interval is not None and (p.admin1 is None or p.family is None) for p in profiles):
        yield from _both_ways_chunks(profiles, _country_key, _is_loose, cap, slack, size)
        yield from _both_ways_chunks(profiles, _kind_key, _is_loose_and_stateless, cap, slack, size)
    yield from _coarse_chunks(profiles, cap, slack, size)
    yield from _undated_chunks(profiles, rules, size)


def candidate_codes(profiles: list[Profile], rules: Rules) -> np.ndarray:
    """Pairs of profile indices worth scoring, each packed as ``smaller * size + larger`` into one
    64-bit integer, sorted and unique."""
    parts = list(_candidate_chunks(profiles, rules))
    packed = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
    packed.sort()  # sort and drop repeats (np.unique's hashing is several times slower here)
    return packed[np.concatenate(([True], packed[1:] != packed[:-1]))] if len(packed) else packed


def candidate_pairs(profiles: list[Profile], rules: Rules) -> Iterator[tuple[int, int]]:
    """Pairs of profile indices (smaller first, sorted, unique) worth scoring."""
    size = max(len(profiles), 1)
    unique = candidate_codes(profiles, rules)
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        yield from zip((chunk // size).tolist(), (chunk % size).tolist(), strict=True)


def scored_edges(
    profiles: list[Profile], rules: Rules, coarse: list[CoarsePairs] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs that reach the threshold, as arrays (a, b, score), best first (ties
    by a, then b). With ``coarse``, the month-dated reports' pairs ``attach`` weighs are added to it."""
    size = max(len(profiles), 1)
    table = ProfileTable(profiles, rules)
    kept_codes, kept_score = [], []
    for part in _candidate_chunks(profiles, rules):
        # in order of the pairs' first report (and second): the chunks' reads of the table's
        # columns then go through memory in one direction, not at random (at a million
        # reports a column is megabytes, far beyond the processor's caches)
        part.sort()
        for start in range(0, len(part), _SCORED):
            chunk = part[start : start + _SCORED]
            score = table.scores(chunk // size, chunk % size, coarse)
            passed = score >= rules.threshold  # NaN (no link) compares False
            kept_codes.append(chunk[passed])
            kept_score.append(score[passed])
    if not kept_codes:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.float64)
    # The columns go before the kept pairs are sorted, and each array as soon as the next is made:
    # at a million reports the sorting's arrays beside the table made the peak of linking.
    del table
    codes = np.concatenate(kept_codes)
    kept_codes.clear()
    scores = np.concatenate(kept_score)
    kept_score.clear()
    # a pair found in several lists is scored each time (a few percent of the pairs) and kept once
    codes, first = np.unique(codes, return_index=True)
    score = scores[first]
    del scores, first
    a, b = codes // size, codes % size
    del codes
    order = np.lexsort((b, a, -score))
    return a[order], b[order], score[order]


def _edge_pairs(edge_a: np.ndarray, edge_b: np.ndarray) -> Iterator[tuple[int, int]]:
    """The edges as pairs of Python ints, made a chunk at a time (not a list of every edge)."""
    for start in range(0, len(edge_a), _CHUNK):
        yield from zip(edge_a[start : start + _CHUNK].tolist(), edge_b[start : start + _CHUNK].tolist(), strict=True)


class _Clusters:
    """Union of clusters with their member lists (the root is the smallest index)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {}

    def find(self, index: int) -> int:
        parent = self.parent
        root = index
        while parent[root] != root:
            root = parent[root]
        while parent[index] != root:
            parent[index], index = root, parent[index]
        return root

    def of(self, root: int) -> list[int]:
        return self.members.get(root, [root])

    def union(self, a: int, b: int) -> None:
        keep, gone = (a, b) if a < b else (b, a)
        self.parent[gone] = keep
        self.members[keep] = self.of(keep) + self.of(gone)
        self.members.pop(gone, None)


def cluster(profiles: list[Profile], rules: Rules) -> list[list[int]]:
    """Groups of profile indices, one group per event, each sorted; groups sorted by first index."""
    coarse: list[CoarsePairs] = []
    edge_a, edge_b, edge_score = scored_edges(profiles, rules, coarse)
    return merge_edges(profiles, rules, edge_a, edge_b, edge_score, coarse)


def merge_edges(
    profiles: Sequence[Profile],
    rules: Rules,
    edge_a: np.ndarray,
    edge_b: np.ndarray,
    edge_score: np.ndarray,
    coarse: list[CoarsePairs],
) -> list[list[int]]:
    """The groups ``cluster`` makes from the scored edges (best first) and the month-dated
    reports' pairs of ``scored_edges``. Apart from ``scored_edges`` so that the edges of a whole
    store can be scored a stretch of days at a time and merged a connected part at a time
    (``link.windows``): merging never joins reports no chain of these pairs connects."""
    size = max(len(profiles), 1)
    # The candidate edges' scores, keyed by the pair packed into one integer (a million edges as
    # tuples took twice the memory).
    # (filled a chunk at a time: lists of every edge's key and score beside the dict took
    # hundreds of megabytes at a million reports)
    known: dict[int, float | None] = {}
    for start in range(0, len(edge_a), _CHUNK):
        end = start + _CHUNK
        keys = edge_a[start:end] * size + edge_b[start:end]
        known.update(zip(keys.tolist(), edge_score[start:end].tolist(), strict=True))
    del edge_score
    # Scores of other pairs met while merging clusters, kept for later attempts up to SCORE_CACHE
    # pairs, then forgotten (``pair_score`` gives them again). Unbounded, merging the clusters of
    # thousands of look-alike reports held every cross pair: 9.5 million, 1.1 GB, on the 74k
    # reports of 10k generated bench articles.
    met: dict[int, float | None] = {}

    def score_of(a: int, b: int) -> float | None:
        key = a * size + b if a < b else b * size + a
        if key in known:
            return known[key]
        if key in met:
            return met[key]
        if len(met) >= SCORE_CACHE:
            met.clear()
        score = met[key] = pair_score(profiles[key // size], profiles[key % size], rules)
        return score

    clusters = _Clusters(len(profiles))
    # clusters only grow, so two roots with the sizes they had when their merge was refused are
    # the same two groups: refused again (dense runs meet the same pair through many edges)
    refused: set[tuple[int, int, int, int]] = set()
    for a, b in _edge_pairs(edge_a, edge_b):
        root_a, root_b = clusters.find(a), clusters.find(b)
        if root_a == root_b:
            continue
        attempt = (root_a, root_b, len(clusters.of(root_a)), len(clusters.of(root_b)))
        if attempt in refused:
            continue
        total, count, allowed = 0.0, 0, True
        for left in clusters.of(root_a):
            for right in clusters.of(root_b):
                score = score_of(left, right)
                if score is None:
                    allowed = False
                    break
                total += score
                count += 1
            if not allowed:
                break
        if allowed and total / count >= rules.threshold:
            clusters.union(root_a, root_b)
        else:
            refused.add(attempt)
    known.clear()  # (the scores are not needed to attach month-dated reports)
    met.clear()
    refused.clear()
    attach_coarse(coarse, profiles, rules, clusters.find, clusters.of, clusters.union)
    groups = [sorted(clusters.of(i)) for i in range(len(profiles)) if clusters.find(i) == i]
    return groups
