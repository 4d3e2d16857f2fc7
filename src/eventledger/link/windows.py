"""Linking every stored report without holding them all: ``link_reports`` a part at a time.

``link_reports`` holds every report, its comparison profile and the scoring table of the whole
batch at once: about 6.6 kB a report, 5 GB for the ~750k reports of 100k articles. The same
events come from three passes that each hold a part:

1. **count** (one stream over the reports): how common each value is and how crowded each date
   window (``Statistics``, ``Crowds``), the scenes of each article, the names of the actors and
   the article of each report (for the stories), and of each report its blocking values only
   (``_Keys``: kind, places, actors, weapon, target, dates; a tenth of a profile). The candidate
   pairs of ``cluster`` are made from these, exactly as from profiles (they read nothing else),
   and written to a temporary file per stretch of days (the stretch of the pair's later report).
2. **score** (a stretch at a time): the reports of the stretch's pairs are read, profiled with
   the counts of pass 1 and the pairs scored; the edges that reach the threshold and the
   month-dated reports' pairs (``bulk.CoarsePairs``) are kept (a few bytes each). A pair's score
   depends only on its two profiles and the counts, so it is the score of one batch.
3. **merge** (a connected part at a time): merging only ever joins reports a chain of kept pairs
   connects, so the connected parts of those pairs are merged apart (``cluster.merge_edges``),
   a few parts to a batch, each with its edges in the order of the whole; each part's reports
   are read again and made into events.

The events are those of ``link_reports`` over every report (``tests/link/test_windows.py``
compares them on random batches; ``scripts/event_hashes.py`` on the corpora). What is still held
whole: the blocking values (~150 bytes a report), the report ids, the kept edges and the events.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from eventledger.link.bulk import CoarsePairs, ProfileTable
from eventledger.link.cluster import _SCORED, _candidate_chunks, merge_edges
from eventledger.link.features import Crowds, Profile, SceneCollector, Statistics
from eventledger.link.independence import ArticleInfo
from eventledger.link.linker import _collector_paused, _compact_profiles, _return_freed_memory, events_of
from eventledger.link.rules import Rules, load_rules
from eventledger.link.stories import best_names, count_names
from eventledger.models import Event, Report

# Reports whose pairs are scored together (the stretch's own; the earlier reports they pair with
# are read beside them), and reports merged together at most (a larger connected part alone).
WINDOW = 40_000
# Reports profiled and counted at a time in the counting pass.
_COUNTED = 2_000

ReadReports = Callable[[Sequence[str]], list[Report]]


class _Keys:
    """What candidate pairs are made from (``cluster._candidate_chunks``): a profile's blocking
    values, without its words, casualties, scenes and weights."""

    __slots__ = ("index", "kind", "family", "interval", "country", "admin1", "place", "weapon", "target", "actors", "weekday")

    def __init__(self, p: Profile, share: Callable[[object], object]) -> None:
        self.index = p.index
        self.kind = share(p.kind)
        self.family = share(p.family)
        self.interval = share(p.interval)
        self.country = share(p.country)
        self.admin1 = share(p.admin1)
        self.place = share(p.place)
        self.weapon = share(p.weapon)
        self.target = share(p.target)
        self.actors = share(p.actors)
        self.weekday = p.weekday


@dataclass
class Counted:
    """Pass 1's result: the counts linking weighs by, and what the stories read of the reports."""

    ids: list[str]  # every report id, sorted (a report's index is its position)
    keys: list[_Keys]
    stats: Statistics
    crowds: Crowds
    scenes: dict[str, frozenset[tuple[str | None, str, int]]]
    article_of: dict[str, str]  # report id -> its article
    names: dict[str, str]  # actor id -> the name reports give it most often


def count(reports: Iterable[Report], articles: Mapping[str, ArticleInfo], rules: Rules) -> Counted:
    """One pass over the reports (any order): pass 1."""
    stats, crowds, scenes = Statistics(rules), Crowds(), SceneCollector(rules)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    shared: dict[object, object] = {}
    keys: list[_Keys] = []
    ids: list[str] = []
    article_of: dict[str, str] = {}
    batch: list[Profile] = []

    def share(value: object) -> object:
        return shared.setdefault(value, value)

    def flush() -> None:
        stats.count(batch)
        crowds.count(batch)
        keys.extend(_Keys(p, share) for p in batch)
        batch.clear()

    for report in reports:
        if report.id in article_of:
            raise ValueError(f"report {report.id} given twice")
        report_id = sys.intern(report.id)
        ids.append(report_id)
        article_of[report_id] = cast(str, share(report.article_id))
        scenes.add(report)
        count_names(names, report)
        batch.append(Profile(len(ids) - 1, report, articles.get(report.article_id), rules, weigh=False))
        if len(batch) >= _COUNTED:
            flush()
    flush()
    # canonical order (``linker._canonical``): by id, whatever order the reports came in
    order = sorted(range(len(ids)), key=ids.__getitem__)
    keys = [keys[i] for i in order]
    for index, k in enumerate(keys):
        k.index = index
    return Counted([ids[i] for i in order], keys, stats, crowds, scenes.scenes(), article_of, best_names(names))


def _stretches(keys: Sequence[_Keys], window: int) -> np.ndarray:
    """The stretch of each report: reports in order of their first day (undated ones first) cut
    into runs of ``window``."""
    day = np.fromiter((k.interval[0] if k.interval is not None else -1 for k in keys), dtype=np.int64, count=len(keys))
    order = np.argsort(day, kind="stable")
    stretch = np.empty(len(keys), dtype=np.int64)
    stretch[order] = np.arange(len(keys)) // max(window, 1)
    return stretch


def link_windows(
    reports: Iterable[Report],
    read: ReadReports,
    articles: Mapping[str, ArticleInfo],
    rules: Rules | None = None,
    window: int | None = None,
) -> tuple[list[Event], Counted]:
    """The events of ``link_reports`` over ``reports`` (sorted by id), made a part at a time.

    ``reports`` is iterated once (pass 1); ``read`` returns the reports of the ids it is given
    (any order), read again for each part (of about ``window`` reports: ``WINDOW`` when None). Returns the events and pass 1's counts (the stories
    read what it gathered of the reports)."""
    rules = rules or load_rules()
    window = window or WINDOW
    with _collector_paused():
        counted = count(reports, articles, rules)
        edges, coarse = _score(counted, read, articles, rules, window)
        events = _merge(counted, read, articles, rules, window, edges, coarse)
    events.sort(key=lambda e: e.id)
    return events, counted


def _profiles(counted: Counted, read: ReadReports, articles: Mapping[str, ArticleInfo], rules: Rules, indices: np.ndarray) -> tuple[list[Report], list[Profile]]:
    """The reports at ``indices`` (sorted) in that order, and their profiles weighed by the counts."""
    wanted = [counted.ids[i] for i in indices.tolist()]
    by_id = {r.id: r for r in read(wanted)}
    reports = [by_id[i] for i in wanted]
    return reports, _compact_profiles(reports, articles, rules, counted.stats, counted.crowds, counted.scenes)


def _score(
    counted: Counted, read: ReadReports, articles: Mapping[str, ArticleInfo], rules: Rules, window: int
) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], list[CoarsePairs]]:
    """Pass 2: the edges that reach the threshold as global (a, b, score), best first, and the
    month-dated reports' pairs."""
    size = max(len(counted.ids), 1)
    stretch = _stretches(counted.keys, window)
    kept_codes: list[np.ndarray] = []
    kept_scores: list[np.ndarray] = []
    coarse: list[CoarsePairs] = []
    with tempfile.TemporaryDirectory(prefix="eventledger-link-") as where:
        files: dict[int, Path] = {}
        for part in _candidate_chunks(cast(list[Profile], counted.keys), rules):
            if not len(part):
                continue
            owner = np.maximum(stretch[part // size], stretch[part % size])
            order = np.argsort(owner, kind="stable")
            owner, part = owner[order], part[order]
            bounds = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1], [True])))
            for start, end in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
                path = files.setdefault(int(owner[start]), Path(where) / f"{int(owner[start])}.pairs")
                with path.open("ab") as out:
                    part[start:end].tofile(out)
        for number in sorted(files):
            pairs = np.unique(np.fromfile(files[number], dtype=np.int64))
            files[number].unlink()
            a, b = pairs // size, pairs % size
            del pairs
            indices = np.unique(np.concatenate((a, b)))
            _, profiles = _profiles(counted, read, articles, rules, indices)
            table = ProfileTable(profiles, rules)
            local_a, local_b = np.searchsorted(indices, a), np.searchsorted(indices, b)
            found: list[CoarsePairs] = []
            for start in range(0, len(a), _SCORED):
                score = table.scores(local_a[start : start + _SCORED], local_b[start : start + _SCORED], found)
                passed = np.flatnonzero(score >= rules.threshold) + start  # NaN (no link) compares False
                kept_codes.append(a[passed] * size + b[passed])
                kept_scores.append(score[passed - start])
            coarse.extend((indices[m], indices[o], e, p) for m, o, e, p in found)
            del table, profiles
            _return_freed_memory()
    if not kept_codes:
        empty = np.empty(0, dtype=np.int64)
        return (empty, empty, np.empty(0, dtype=np.float64)), coarse
    codes, first = np.unique(np.concatenate(kept_codes), return_index=True)
    scores = np.concatenate(kept_scores)[first]
    a, b = codes // size, codes % size
    order = np.lexsort((b, a, -scores))
    return (a[order], b[order], scores[order]), coarse


def _merge(
    counted: Counted,
    read: ReadReports,
    articles: Mapping[str, ArticleInfo],
    rules: Rules,
    window: int,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    coarse: list[CoarsePairs],
) -> list[Event]:
    """Pass 3: the connected parts of the kept pairs merged into events, a batch of parts at a time."""
    size = len(counted.ids)
    if not size:
        return []
    edge_a, edge_b, edge_score = edges
    month = np.concatenate([c[0] for c in coarse]) if coarse else np.empty(0, dtype=np.int64)
    other = np.concatenate([c[1] for c in coarse]) if coarse else np.empty(0, dtype=np.int64)
    rows, columns = np.concatenate((edge_a, month)), np.concatenate((edge_b, other))
    graph = sparse.coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, columns)), shape=(size, size))
    _, part = csgraph.connected_components(graph, directed=False)
    del graph, rows, columns
    # parts into batches of about ``window`` reports, in order of their first report
    part_size = np.bincount(part)
    batch_of_part = np.empty(len(part_size), dtype=np.int64)
    filled, number = 0, 0
    for label, n in enumerate(part_size.tolist()):
        if filled and filled + n > window:
            number, filled = number + 1, 0
        batch_of_part[label] = number
        filled += n
    batch = batch_of_part[part]
    edge_batch = batch[edge_a]
    edge_order = np.argsort(edge_batch, kind="stable")  # (each batch's edges keep the order of all)
    edge_bounds = np.searchsorted(edge_batch[edge_order], np.arange(number + 2))
    coarse_batch = [batch[c[0]] for c in coarse]
    events: list[Event] = []
    for current in range(number + 1):
        indices = np.flatnonzero(batch == current)
        if not len(indices):
            continue
        reports, profiles = _profiles(counted, read, articles, rules, indices)
        chosen = edge_order[edge_bounds[current] : edge_bounds[current + 1]]
        local = [
            (np.searchsorted(indices, m[mine]), np.searchsorted(indices, o[mine]), e[mine], p[mine])
            for (m, o, e, p), which in zip(coarse, coarse_batch, strict=True)
            for mine in [which == current]
            if mine.any()
        ]
        groups = merge_edges(
            profiles, rules, np.searchsorted(indices, edge_a[chosen]), np.searchsorted(indices, edge_b[chosen]),
            edge_score[chosen], local,
        )
        del profiles
        events += events_of(groups, reports, articles, rules)
        del reports
        _return_freed_memory()
    return events
