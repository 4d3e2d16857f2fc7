"""Candidate pairs by blocking, then constrained agglomerative clustering.

Blocking keeps the cost near-linear: reports are compared only with neighbours in lists sorted
by date start, one list per blocking key, and only a capped number of neighbours per report:

- ``place`` lists: (kind, country, admin1, sub-event family) — the main block;
- ``loose`` lists: (kind, country) and (kind) — swept in both directions only by reports that
  lack an admin1, a family or a country, so that they can meet reports that have one (the
  (kind) list by those without a country, and by political reports without an admin1: a
  summit's or a truce's country depends on the outlet);
- ``specific`` lists: (kind, named place), (kind, actor), (kind, weapon, target) — they find the
  right partner of a report in a dense block that the capped main sweep would not reach.

Undated reports fit every window; they are compared with the members of their specific lists
and of their (kind, country) and (kind, country, admin1) lists (when those are not huge) and must agree strongly (see ``compare.pair_score``).

Clustering merges candidate pairs best-first; two clusters merge only when every cross pair
passes the hard constraints (complete linkage on constraints) and their average pair score
reaches the threshold (average linkage on scores), so a chain of look-alikes cannot pull two
distinct events together.

Candidate pairs are scored in bulk (``bulk.ProfileTable``, numpy, the same scores as
``pair_score``); ``pair_score`` itself scores the few cross pairs met while merging clusters.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from eventledger.link.bulk import ProfileTable
from eventledger.link.compare import pair_score
from eventledger.link.features import PLACED_KINDS, Profile
from eventledger.link.rules import Rules

# How far back (days) a backward sweep looks for an interval that may still overlap (a month;
# year-dated reports are matched through their own sweeps and specific keys).
_BACKWARD_DAYS = 31
# Candidate pairs decoded (or scored) at a time.
_CHUNK = 1 << 18

Key = tuple[object, ...]  # a blocking key: a tag, then the values reports must share
KeysOf = Callable[[Profile], Sequence[Key]]


def _sorted_lists(profiles: list[Profile], keys_of: KeysOf) -> dict[Key, list[tuple[int, int, int]]]:
    lists: dict[Key, list[tuple[int, int, int]]] = defaultdict(list)
    for p in profiles:
        if p.interval is None:
            continue
        for key in keys_of(p):
            lists[key].append((p.interval[0], p.interval[1], p.index))
    for entries in lists.values():
        entries.sort()
    return lists


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


def _undated_keys(p: Profile) -> list[Key]:
    # The specific keys, and the report's country and province: an undated report that names no
    # site, actor or weapon still meets the reports of its kind where it happened (in a small
    # batch; ``unknown_date_list`` skips the crowded lists).
    keys = _specific_keys(p)
    keys.append(("u", p.kind, p.country))
    if p.admin1:
        keys.append(("u", p.kind, p.country, p.admin1))
    if p.weekday is not None:  # an undated "on Wednesday" meets the reports of Wednesdays
        keys.append(("d", p.kind, p.weekday))
    return keys


def _loose_keys(p: Profile) -> tuple[Key, ...]:
    return (("c", p.kind, p.country), ("k", p.kind))


def _forward_codes(profiles: list[Profile], keys_of: KeysOf, cap: int, slack: int, size: int) -> np.ndarray:
    """Packed pairs: each dated report with up to ``cap`` following entries of each of its sorted
    lists that start before it ends (+ slack).

    All lists are swept at once: the entries are sorted by (list, start, end, index) and the
    k-th follower of each entry is compared for k = 1 .. cap. Starts only grow along a list, so
    "up to the first follower that starts too late" is the same as "every follower that does not".
    """
    key_ids: dict[Key, int] = {}
    keys, starts, ends, indices = array("q"), array("q"), array("q"), array("q")
    for p in profiles:
        if p.interval is None:
            continue
        for block in keys_of(p):
            keys.append(key_ids.setdefault(block, len(key_ids)))
            starts.append(p.interval[0])
            ends.append(p.interval[1])
            indices.append(p.index)
    if not keys:
        return np.empty(0, dtype=np.int64)
    columns = [np.frombuffer(c, dtype=np.int64) for c in (keys, starts, ends, indices)]
    order = np.lexsort(columns[::-1])
    key, start, end, index = (c[order] for c in columns)
    found = []
    for k in range(1, min(cap, len(key) - 1) + 1):
        follows = (key[k:] == key[:-k]) & (start[k:] <= end[:-k] + slack)
        left, right = index[:-k][follows], index[k:][follows]
        found.append(np.minimum(left, right) * size + np.maximum(left, right))
    packed = np.concatenate(found) if found else np.empty(0, dtype=np.int64)
    distinct: np.ndarray = packed[packed // size != packed % size]
    return distinct


def _both_ways(
    entries: list[tuple[int, int, int]], wanted: set[int], cap: int, slack: int
) -> Iterator[tuple[int, int]]:
    """For entries whose index is in ``wanted``: up to ``cap`` overlapping neighbours each side."""
    count = len(entries)
    for position, (start, end, index) in enumerate(entries):
        if index not in wanted:
            continue
        found = 0
        for other in range(position + 1, count):
            other_start, _, other_index = entries[other]
            if other_start > end + slack or found >= cap:
                break
            found += 1
            yield index, other_index
        found = 0
        # Scanning back is bounded in entries as well as in days: in a dense list most earlier
        # entries end before this one starts, and walking them all would cost O(n) each.
        for other in range(position - 1, max(-1, position - 1 - 4 * cap), -1):
            other_start, other_end, other_index = entries[other]
            if other_start < start - _BACKWARD_DAYS or found >= cap:
                break
            if other_end + slack >= start:
                found += 1
                yield index, other_index


def candidate_codes(profiles: list[Profile], rules: Rules) -> np.ndarray:
    """Pairs of profile indices worth scoring, each packed as ``smaller * size + larger`` into one
    64-bit integer, sorted and unique: millions of pairs cost tens of megabytes, not gigabytes
    of tuples.
    """
    cap, slack = rules.neighbours, rules.date_slack_days
    size = max(len(profiles), 1)
    codes = array("q")
    append = codes.append

    def keep_all(pairs: Iterator[tuple[int, int]]) -> None:
        for a, b in pairs:
            if a != b:
                append(a * size + b if a < b else b * size + a)

    swept = [_forward_codes(profiles, _place_keys, cap, slack, size)]
    swept.append(_forward_codes(profiles, _specific_keys, cap, slack, size))
    loose = {p.index for p in profiles if p.interval is not None and (p.admin1 is None or p.family is None)}
    if loose:
        # A political report that names no province meets its kind in every country, not only
        # in its own: a summit's country depends on the outlet that tells it.
        worldwide = {i for i in loose if profiles[i].country is None or (profiles[i].admin1 is None and profiles[i].kind not in PLACED_KINDS)}
        for key, entries in _sorted_lists(profiles, _loose_keys).items():
            wanted = loose if key[0] == "c" else worldwide
            keep_all(_both_ways(entries, wanted, cap, slack))
    undated = [p for p in profiles if p.interval is None]
    if undated:
        members: dict[Key, list[int]] = defaultdict(list)
        for p in profiles:
            for key in _undated_keys(p):
                members[key].append(p.index)
        for p in undated:
            for key in _undated_keys(p):
                listed = members[key]
                if len(listed) <= rules.unknown_date_list:
                    keep_all((p.index, other) for other in listed)
    swept.append(np.frombuffer(codes, dtype=np.int64))
    packed = np.concatenate(swept)
    packed.sort()  # sort and drop repeats (np.unique's hashing is several times slower here)
    return packed[np.concatenate(([True], packed[1:] != packed[:-1]))] if len(packed) else packed


def candidate_pairs(profiles: list[Profile], rules: Rules) -> Iterator[tuple[int, int]]:
    """Pairs of profile indices (smaller first, sorted, unique) worth scoring."""
    size = max(len(profiles), 1)
    unique = candidate_codes(profiles, rules)
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        yield from zip((chunk // size).tolist(), (chunk % size).tolist(), strict=True)


def scored_edges(profiles: list[Profile], rules: Rules) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs that reach the threshold, as arrays (a, b, score), best first (ties
    by a, then b)."""
    size = max(len(profiles), 1)
    table = ProfileTable(profiles, rules)
    unique = candidate_codes(profiles, rules)
    kept_a, kept_b, kept_score = [], [], []
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        a, b = chunk // size, chunk % size
        score = table.scores(a, b)
        passed = score >= rules.threshold  # NaN (no link) compares False
        kept_a.append(a[passed])
        kept_b.append(b[passed])
        kept_score.append(score[passed])
    if not kept_a:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.float64)
    a, b, score = np.concatenate(kept_a), np.concatenate(kept_b), np.concatenate(kept_score)
    order = np.lexsort((b, a, -score))
    return a[order], b[order], score[order]


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
    edge_a, edge_b, edge_score = scored_edges(profiles, rules)
    edges = list(zip(edge_a.tolist(), edge_b.tolist(), strict=True))
    # Scores of pairs met while merging clusters (not every candidate: that would hold millions).
    scores: dict[tuple[int, int], float | None] = dict(zip(edges, edge_score.tolist(), strict=True))
    del edge_a, edge_b, edge_score

    def score_of(a: int, b: int) -> float | None:
        key = (a, b) if a < b else (b, a)
        if key not in scores:
            scores[key] = pair_score(profiles[key[0]], profiles[key[1]], rules)
        return scores[key]

    clusters = _Clusters(len(profiles))
    # clusters only grow, so two roots with the sizes they had when their merge was refused are
    # the same two groups: refused again (dense runs meet the same pair through many edges)
    refused: set[tuple[int, int, int, int]] = set()
    for a, b in edges:
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
    groups = [sorted(clusters.of(i)) for i in range(len(profiles)) if clusters.find(i) == i]
    return groups
