"""Constrained agglomerative clustering of the candidate pairs (``blocking``) that reach the threshold.

Clustering merges candidate pairs best-first (then a month-dated report left alone may join the
event it clearly matches best: ``attach``); two clusters merge only when every cross pair
passes the hard constraints (complete linkage on constraints) and their average pair score
reaches the threshold (average linkage on scores), so a chain of look-alikes cannot pull two
distinct events together.

Candidate pairs are scored in bulk (``bulk.ProfileTable``, numpy, the same scores as
``pair_score``); ``pair_score`` itself scores the few cross pairs met while merging clusters.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator, Sequence

import numpy as np

from eventledger.link.attach import attach_coarse
from eventledger.link.blocking import _CHUNK, _candidate_chunks
from eventledger.link.bulk import CoarsePairs, ProfileTable
from eventledger.link.compare import pair_score
from eventledger.link.features import Profile
from eventledger.link.rules import Rules

# Candidate pairs scored at a time: the scoring's temporaries (sparse rows of every pair's words
# and actors) grow with it, beside the table of a whole batch (2^16: the peak of linking a
# million reports is while they are scored).
_SCORED = 1 << 16
# Batches from this many reports hand the pages freed by scoring back before merging.
_TRIM_FROM = 20_000
# Cross pairs' scores kept while merging clusters (about 150 bytes each: some 40 MB at most).
SCORE_CACHE = 1 << 18


def scored_edges(
    profiles: list[Profile], rules: Rules, coarse: list[CoarsePairs] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs that reach the threshold, as arrays (a, b, score), best first (ties
    by a, then b). With ``coarse``, the month-dated reports' pairs ``attach`` weighs are added to it."""
    size = max(len(profiles), 1)
    table = ProfileTable(profiles, rules)
    # The table's rows (and the blocking's) are the profiles by date: most candidate pairs are
    # of reports days apart, whose rows are then near each other, and a chunk's reads of the
    # columns stay in a few stretches of memory instead of going all over (at a million
    # reports a column is megabytes, far beyond the processor's caches). The pairs are the
    # same (``blocking._Blocking.rank``); ``by_date`` gives each row's index.
    by_date = _by_date(table)
    if by_date is not None:
        table.reorder(by_date)
    kept_codes, kept_score = [], []
    for part in _candidate_chunks(profiles, rules, table):
        # in order of the pairs' first row (and second): the chunks' reads of the table's
        # columns then go through memory in one direction, not at random
        part.sort()
        for start in range(0, len(part), _SCORED):
            chunk = part[start : start + _SCORED]
            found: list[CoarsePairs] | None = [] if coarse is not None else None
            score = table.scores(chunk // size, chunk % size, found, passing=True)
            passed = np.flatnonzero(score >= rules.threshold)  # NaN (no link) compares False
            chunk, score = chunk[passed], score[passed]
            if by_date is not None:  # (the rows' pairs as their indices', smaller first)
                left, right = by_date[chunk // size], by_date[chunk % size]
                chunk = np.minimum(left, right) * size + np.maximum(left, right)
                del left, right
            kept_codes.append(chunk)
            kept_score.append(score)
            for month, other, evidence, passes in found or ():
                assert coarse is not None
                coarse.append((month, other, evidence, passes) if by_date is None else (by_date[month], by_date[other], evidence, passes))
    if not kept_codes:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.float64)
    # The columns go before the kept pairs are sorted, and each array as soon as the next is made:
    # at a million reports the sorting's arrays beside the table made the peak of linking.
    del table
    if len(profiles) >= _TRIM_FROM:
        # and the pages they and the blocking lists held go back to the system: merging builds
        # its dicts of edges in new ones, beside what scoring left in the heap
        return_freed_pages()
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


def _by_date(table: ProfileTable) -> np.ndarray | None:
    """The rows of ``table`` by the first day of their dates (undated ones first), those of one
    day in order; None to keep them as they are: profiles weighed by different statistics (not
    one batch), whose pairs ``ProfileTable.scores`` weighs by the first report's."""
    if not table.one_batch:
        return None
    by_date: np.ndarray = np.argsort(np.where(table.dated, table.start, 0), kind="stable")
    return by_date


def return_freed_pages() -> None:
    """Hand the C heap's freed pages back to the system (glibc only; elsewhere nothing).

    Scoring allocates and frees megabytes of numpy temporaries between small arrays that stay
    (the pairs kept), so the freed pages sit in the middle of the C heap, where the allocator
    keeps them; the events made next are Python objects that never use them. At 100k reports
    this held 45 MB of the peak."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


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
