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
whole: the blocking values and ids of every report and the counts (about 0.6 kB a report on the
generated bench corpus), and the events unless ``keep`` takes each batch of them (the pipeline
lets them wait in a file). The kept pairs wait in files too.
"""

from __future__ import annotations

import sys
import tempfile
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from eventledger.link.blocking import _candidate_chunks, _rare_words
from eventledger.link.bulk import CoarsePairs, ProfileTable
from eventledger.link.cluster import _SCORED, merge_edges, return_freed_pages
from eventledger.link.features import Crowds, Profile, SceneCollector, Statistics
from eventledger.link.independence import ArticleInfo
from eventledger.link.linker import _collector_paused, _compact_profiles, events_of
from eventledger.link.rules import UNIT, Rules, load_rules
from eventledger.link.stories import best_names, count_names
from eventledger.models import Event, Report

# Reports whose pairs are scored together (the stretch's own; the earlier reports they pair with
# are read beside them), and reports merged together at most (a larger connected part alone).
WINDOW = 20_000
# Reports profiled and counted at a time in the counting pass.
_COUNTED = 2_000

_T = TypeVar("_T")
ReadReports = Callable[[Sequence[str]], list[Report]]


def _share(shared: dict[object, object], value: _T) -> _T:
    """``value``, or the equal value met first (one object for a million reports' equal values)."""
    return cast(_T, shared.setdefault(value, value))


class _Keys:
    """What candidate pairs are made from (``blocking._candidate_chunks``): a profile's blocking
    values, without its words, casualties, scenes and weights."""

    __slots__ = (
        "index", "kind", "family", "interval", "country", "admin1", "place", "weapon", "target", "actors", "weekday",
        "tokens", "stats",
    )

    def __init__(self, p: Profile, shared: dict[object, object], stats: Statistics) -> None:
        self.index = p.index
        self.kind = _share(shared, p.kind)
        self.family = _share(shared, p.family)
        self.interval = _share(shared, p.interval)
        self.country = _share(shared, p.country)
        self.admin1 = _share(shared, p.admin1)
        self.place = _share(shared, p.place)
        self.weapon = _share(shared, p.weapon)
        self.target = _share(shared, p.target)
        self.actors = _share(shared, p.actors)
        self.weekday = p.weekday
        # its words until every report is counted, then only its rare ones (``blocking._rare_words``)
        self.tokens = tuple(map(sys.intern, p.tokens))
        self.stats = stats  # (the counts of every report once pass 1 is done)


class _ArticleOf(Mapping[str, str]):
    """Report id -> its article, over the sorted ids and an article number per report (a dict of
    a million reports' ids took a hundred bytes a report)."""

    def __init__(self, ids: list[str], numbers: np.ndarray, articles: list[str]) -> None:
        self.ids, self.numbers, self.articles = ids, numbers, articles

    def _position(self, report_id: object) -> int:
        at = bisect_left(self.ids, report_id) if isinstance(report_id, str) else len(self.ids)
        return at if at < len(self.ids) and self.ids[at] == report_id else -1

    def __getitem__(self, report_id: str) -> str:
        at = self._position(report_id)
        if at < 0:
            raise KeyError(report_id)
        return self.articles[int(self.numbers[at])]

    def __contains__(self, report_id: object) -> bool:
        return self._position(report_id) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Counted:
    """Pass 1's result: the counts linking weighs by, and what the stories read of the reports."""

    ids: list[str]  # every report id, sorted (a report's index is its position)
    keys: list[_Keys]  # (emptied once the candidate pairs are made)
    stats: Statistics
    crowds: Crowds
    scenes: dict[str, frozenset[tuple[str | None, str, int]]]
    article_of: Mapping[str, str]  # report id -> its article
    names: dict[str, str]  # actor id -> the name reports give it most often


def count(reports: Iterable[Report], articles: Mapping[str, ArticleInfo], rules: Rules) -> Counted:
    """One pass over the reports (any order): pass 1."""
    stats, crowds, scenes = Statistics(rules), Crowds(), SceneCollector(rules)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    shared: dict[object, object] = {}
    keys: list[_Keys] = []
    ids: list[str] = []
    article_number: dict[str, int] = {}
    numbers = array("i")
    batch: list[Profile] = []

    def flush() -> None:
        stats.count(batch)
        crowds.count(batch)
        keys.extend(_Keys(p, shared, stats) for p in batch)
        batch.clear()

    for report in reports:
        ids.append(sys.intern(report.id))
        numbers.append(article_number.setdefault(report.article_id, len(article_number)))
        scenes.add(report)
        count_names(names, report)
        batch.append(Profile(len(ids) - 1, report, articles.get(report.article_id), rules, weigh=False))
        if len(batch) >= _COUNTED:
            flush()
    flush()
    none: tuple[str, ...] = ()
    for k in keys:  # (a million reports' words are not held beyond pass 1)
        k.tokens = tuple(_rare_words(cast(Profile, k))) or none
    # canonical order (``linker._canonical``): by id, whatever order the reports came in
    order = sorted(range(len(ids)), key=ids.__getitem__)
    keys = [keys[i] for i in order]
    for index, k in enumerate(keys):
        k.index = index
    ids = [ids[i] for i in order]
    if any(ids[i] == ids[i - 1] for i in range(1, len(ids))):
        raise ValueError("a report is given twice")
    article_of = _ArticleOf(ids, np.frombuffer(numbers, dtype=np.int32)[order], list(article_number))
    return Counted(ids, keys, stats, crowds, scenes.scenes(), article_of, best_names(names))


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
    keep: Callable[[list[Event]], None] | None = None,
) -> tuple[list[Event], Counted]:
    """The events of ``link_reports`` over ``reports`` (sorted by id), made a part at a time.

    ``reports`` is iterated once (pass 1); ``read`` returns the reports of the ids it is given
    (any order), read again for each part (of about ``window`` reports: ``WINDOW`` when None).
    Returns the events and pass 1's counts (the stories read what it gathered of the reports).
    With ``keep``, each batch's events go to it as they are made instead (in no order) and the
    list returned is empty: a store's events need not be held at once either."""
    rules = rules or load_rules()
    window = window or WINDOW
    with _collector_paused():
        counted = count(reports, articles, rules)
        with tempfile.TemporaryDirectory(prefix="eventledger-link-") as where:
            _score(counted, read, articles, rules, window, Path(where))
            counted.keys.clear()  # (only the candidate pairs read them: a tenth of a profile a report)
            events = _merge(counted, read, articles, rules, window, Path(where), keep)
    events.sort(key=lambda e: e.id)
    return events, counted


def _profiles(
    counted: Counted, read: ReadReports, articles: Mapping[str, ArticleInfo], rules: Rules, indices: np.ndarray,
    shared: dict[object, object] | None = None,
) -> tuple[list[Report], list[Profile]]:
    """The reports at ``indices`` (sorted) in that order, and their profiles weighed by the counts
    (``shared``: the equal values met by earlier calls)."""
    reports = _read(counted, read, indices.tolist())
    return reports, _compact_profiles(reports, articles, rules, counted.stats, counted.crowds, counted.scenes, shared)


def _read(counted: Counted, read: ReadReports, indices: list[int]) -> list[Report]:
    """The reports at ``indices`` in that order."""
    wanted = [counted.ids[i] for i in indices]
    by_id = {r.id: r for r in read(wanted)}
    return [by_id[i] for i in wanted]


def _profiles_only(
    counted: Counted, read: ReadReports, articles: Mapping[str, ArticleInfo], rules: Rules, indices: np.ndarray, chunk: int
) -> list[Profile]:
    """The profiles of ``_profiles``, the reports read and profiled ``chunk`` at a time and not held."""
    profiles: list[Profile] = []
    shared: dict[object, object] = {}
    for start in range(0, len(indices), max(chunk, 1)):
        _, made = _profiles(counted, read, articles, rules, indices[start : start + chunk], shared)
        for p in made:
            p.index += start
        profiles += made
    return profiles


def _events_by_chunk(
    groups: list[list[int]], indices: np.ndarray, counted: Counted, read: ReadReports,
    articles: Mapping[str, ArticleInfo], rules: Rules, chunk: int,
) -> Iterator[list[Event]]:
    """``events_of`` the groups (of positions in ``indices``), the reports of about ``chunk`` of
    them read at a time (``groups`` is emptied as it goes)."""
    groups.reverse()
    while groups:
        taken: list[list[int]] = []
        count = 0
        while groups and (not taken or count + len(groups[-1]) <= chunk):
            taken.append(groups.pop())
            count += len(taken[-1])
        reports = _read(counted, read, indices[[i for group in taken for i in group]].tolist())
        local, at = [], 0
        for group in taken:
            local.append(list(range(at, at + len(group))))
            at += len(group)
        yield events_of(local, reports, articles, rules)


# Kept pairs on disk: an edge (a, b, score in evidence units) and a month-dated report's pair
# (``bulk.CoarsePairs``: month-dated report, partner, evidence, passes), global indices.
_EDGE = np.dtype([("a", "<i4"), ("b", "<i4"), ("units", "<i4")])
_COARSE = np.dtype([("month", "<i4"), ("other", "<i4"), ("evidence", "<i4"), ("passes", "?")])
# Records read from a file at a time.
_READ = 1 << 22


def _append(path: Path, records: np.ndarray) -> None:
    if len(records):
        with path.open("ab") as out:
            records.tofile(out)


def _records(path: Path, dtype: np.dtype) -> Iterator[np.ndarray]:
    """A file of ``dtype`` records, ``_READ`` at a time (none when it was never written)."""
    if not path.exists():
        return
    with path.open("rb") as source:
        while True:
            chunk = np.fromfile(source, dtype=dtype, count=_READ)
            if not len(chunk):
                return
            yield chunk


def _split(path: Path, dtype: np.dtype, column: str, owner: np.ndarray, where: Path, name: str) -> None:
    """Append each record of ``path`` to the file ``name.<owner of its column>`` in ``where``."""
    for chunk in _records(path, dtype):
        mine = owner[chunk[column]]
        order = np.argsort(mine, kind="stable")
        mine, chunk = mine[order], chunk[order]
        bounds = np.flatnonzero(np.concatenate(([True], mine[1:] != mine[:-1], [True])))
        for start, end in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
            _append(where / f"{name}.{int(mine[start])}", chunk[start:end])
    path.unlink(missing_ok=True)


def _score(counted: Counted, read: ReadReports, articles: Mapping[str, ArticleInfo], rules: Rules, window: int, where: Path) -> None:
    """Pass 2: the candidate pairs of every stretch scored; the edges that reach the threshold
    written to ``where/edges``, the month-dated reports' pairs to ``where/coarse``."""
    size = max(len(counted.ids), 1)
    stretch = _stretches(counted.keys, window)
    for part in _candidate_chunks(cast(list[Profile], counted.keys), rules):
        if len(part):  # each pair is scored with the stretch of its later report
            owner = np.maximum(stretch[part // size], stretch[part % size])
            for number in np.unique(owner).tolist():
                _append(where / f"pairs.{number}", part[owner == number])
    del stretch
    for number in range(len(counted.ids) // max(window, 1) + 1):
        path = where / f"pairs.{number}"
        if not path.exists():
            continue
        pairs = np.unique(np.fromfile(path, dtype=np.int64))
        path.unlink()
        a, b = pairs // size, pairs % size
        del pairs
        indices = np.unique(np.concatenate((a, b)))
        _, profiles = _profiles(counted, read, articles, rules, indices)
        table = ProfileTable(profiles, rules)
        local_a, local_b = np.searchsorted(indices, a), np.searchsorted(indices, b)
        for start in range(0, len(a), _SCORED):
            found: list[CoarsePairs] = []
            score = table.scores(local_a[start : start + _SCORED], local_b[start : start + _SCORED], found, passing=True)
            passed = np.flatnonzero(score >= rules.threshold)  # NaN (no link) compares False
            edges = np.empty(len(passed), dtype=_EDGE)
            edges["a"], edges["b"] = a[start + passed], b[start + passed]
            edges["units"] = np.rint(score[passed] * UNIT)  # (the score is units / UNIT)
            _append(where / "edges", edges)
            for month, other, evidence, passes in found:
                pairs_ = np.empty(len(month), dtype=_COARSE)
                pairs_["month"], pairs_["other"] = indices[month], indices[other]
                pairs_["evidence"], pairs_["passes"] = evidence, passes
                _append(where / "coarse", pairs_)
        del table, profiles
        return_freed_pages()


def _parts(size: int, where: Path) -> np.ndarray:
    """The connected part of each report by the kept pairs (edges and month-dated reports'
    pairs), read a chunk at a time: each chunk's pairs join the parts found so far."""
    part = np.arange(size, dtype=np.int64)
    for path, dtype, left, right in ((where / "edges", _EDGE, "a", "b"), (where / "coarse", _COARSE, "month", "other")):
        for chunk in _records(path, dtype):
            graph = sparse.coo_matrix(
                (np.ones(len(chunk), dtype=np.int8), (part[chunk[left]], part[chunk[right]])), shape=(size, size)
            )
            part = csgraph.connected_components(graph, directed=False)[1][part]
    return part


def _batches(part: np.ndarray, window: int) -> np.ndarray:
    """The batch of each report: connected parts, in order of their number, into batches of
    about ``window`` reports (a larger part alone)."""
    part_size = np.bincount(part)
    batch_of_part = np.empty(len(part_size), dtype=np.int64)
    filled, number = 0, 0
    for label, n in enumerate(part_size.tolist()):
        if filled and filled + n > window:
            number, filled = number + 1, 0
        batch_of_part[label] = number
        filled += n
    batch: np.ndarray = batch_of_part[part]
    return batch


def _merge(
    counted: Counted,
    read: ReadReports,
    articles: Mapping[str, ArticleInfo],
    rules: Rules,
    window: int,
    where: Path,
    keep: Callable[[list[Event]], None] | None = None,
) -> list[Event]:
    """Pass 3: the connected parts of the kept pairs merged into events, a batch of parts at a time."""
    size = len(counted.ids)
    if not size:
        return []
    batch = _batches(_parts(size, where), window)
    _split(where / "edges", _EDGE, "a", batch, where, "edges")
    _split(where / "coarse", _COARSE, "month", batch, where, "coarse")
    events: list[Event] = []
    for number in range(int(batch.max()) + 1):
        indices = np.flatnonzero(batch == number)
        if not len(indices):
            continue
        # a connected part larger than a window (look-alike events chained by their pairs) is
        # merged with its profiles only: its reports are read again, a window at a time, to make
        # its events (20 copies of a generated 1k store: one part of 52,006 of 148,160 reports)
        large = len(indices) > window
        reports: list[Report] = []
        if large:
            profiles = _profiles_only(counted, read, articles, rules, indices, window)
        else:
            reports, profiles = _profiles(counted, read, articles, rules, indices)
        edges = np.concatenate([*_records(where / f"edges.{number}", _EDGE), np.empty(0, dtype=_EDGE)])
        # best first, ties by a, then b: the order of every edge of the store, restricted to these
        edges = edges[np.lexsort((edges["b"], edges["a"], -edges["units"]))]
        coarse = np.concatenate([*_records(where / f"coarse.{number}", _COARSE), np.empty(0, dtype=_COARSE)])
        local: list[CoarsePairs] = [
            (
                np.searchsorted(indices, coarse["month"]), np.searchsorted(indices, coarse["other"]),
                coarse["evidence"].astype(np.int64), coarse["passes"],
            )
        ]
        groups = merge_edges(
            profiles, rules, np.searchsorted(indices, edges["a"]), np.searchsorted(indices, edges["b"]),
            edges["units"] / UNIT, local,
        )
        del profiles, edges, coarse, local
        if large:
            return_freed_pages()
            batches: Iterable[list[Event]] = _events_by_chunk(groups, indices, counted, read, articles, rules, window)
        else:
            batches = [events_of(groups, reports, articles, rules)]
        for made in batches:
            if keep is None:
                events += made
            else:
                keep(made)
        del reports
        return_freed_pages()
    return events
