"""Candidate pairs by blocking: which pairs of reports are worth scoring.

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

The lists are made with numpy (``_Blocking``: each list a run of equal numbers made from the
batch's integer columns, the pairs from the runs sorted by start), not as a tuple key per report
and list; candidate pairs are scored in bulk (``bulk.ProfileTable``, numpy, the same scores as
``pair_score``); ``pair_score`` itself scores the few cross pairs met while merging clusters.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterable, Iterator
from itertools import chain
from operator import attrgetter

import numpy as np
from scipy import sparse

from eventledger.link.bulk import _NONE, ProfileTable, _Codes, _column, _narrow
from eventledger.link.compare import _WEEK_DAYS, _YEAR_DAYS
from eventledger.link.features import PLACED_KINDS, Profile
from eventledger.link.rules import Rules

# How far back (days) a backward sweep looks for an interval that may still overlap (a month;
# year-dated reports are matched through their own sweeps and specific keys).
_BACKWARD_DAYS = 31
# Candidate pairs decoded at a time.
_CHUNK = 1 << 18
# The blocking keys of a profile, as tuples: what each list holds, said in Python. Linking makes
# the same lists from integer columns (``_Blocking``); tests/link/test_cluster.py holds the two
# together, and finds the pairs list by list from these.
Key = tuple[object, ...]  # a blocking key: a tag, then the values reports must share


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


class _Blocking:
    """The blocking values of a batch's profiles as integer columns, from which each sweep's
    entries (list number, row) are made with numpy: the lists of the keys above (``_place_keys``,
    ``_specific_keys``, ``_word_keys``, ``_undated_keys``...), each a run of equal numbers. Made
    as tuples, one profile at a time, and looked up in a dict by every sweep that reads them,
    the lists of 300k generated reports took 6.3 of the 17.1 s of blocking and scoring. A list's
    number tells lists apart and orders them, and no sweep's pairs depend on that order."""

    def __init__(self, profiles: list[Profile], table: ProfileTable | None = None) -> None:
        """The columns of ``profiles``; those ``table`` (theirs) holds are shared, not made again.
        The lists' entries and pairs are of rows: the profiles' indices, or the table's rows
        when it has laid its profiles out in another order (``ProfileTable.reorder``); entries
        alike in a list are then taken in the order of their indices (``rank``), so the pairs
        are the same pairs of the same profiles."""
        count = len(profiles)
        self.size = count
        # a profile's index is its position
        if not np.array_equal(np.fromiter(map(attrgetter("index"), profiles), dtype=np.int64, count=count), np.arange(count)):
            raise ValueError("blocking needs the profiles in the order of their index (build_profiles makes them so)")
        self.rank = table.order if table is not None else None

        def given(slot: str) -> np.ndarray:  # (the keys test some values by truth, "" as None, and others by None)
            truth = _given(profiles, slot)
            return truth if self.rank is None else truth[self.rank]

        self.has_admin1, self.has_place = given("admin1"), given("place")
        has_weapon, has_target = given("weapon"), given("target")
        if table is not None:
            self.dated, self.start, self.end, self.weekday = table.dated, table.start, table.end, table.weekday
            self.kind, self.placed, self.country, self.family = table.kind, table.placed, table.country, table.family
            self.admin1, self.place, self.weapon, self.target = table.admin1, table.place, table.weapon, table.target
        else:
            intervals = _column(profiles, "interval")
            self.dated = np.fromiter((i is not None for i in intervals), dtype=bool, count=count)
            # (day ordinals in 32 bits, as the table holds them)
            self.start = np.fromiter((i[0] if i else 0 for i in intervals), dtype=np.int32, count=count)
            self.end = np.fromiter((i[1] if i else 0 for i in intervals), dtype=np.int32, count=count)
            del intervals
            self.weekday = np.fromiter((-1 if p.weekday is None else p.weekday for p in profiles), dtype=np.int8, count=count)
            kinds, strings = _Codes(), _Codes()  # (one vocabulary: a province's name and a country's meet)
            self.kind = _narrow(kinds(_column(profiles, "kind")))
            self.placed = np.isin(self.kind, [code for kind, code in kinds.table.items() if kind in PLACED_KINDS])
            self.country, self.family, self.admin1, self.place, self.weapon, self.target = (
                _narrow(strings(_column(profiles, slot))) for slot in ("country", "family", "admin1", "place", "weapon", "target")
            )
        self.has_weapon_target = has_weapon & has_target
        # an actor's or a weapon's list stays within the province (the country when it is unknown)
        self.where = np.where(self.has_admin1, self.admin1, self.country)
        self.where[~self.placed] = _NONE
        self.actor_row, self.actor = _ragged(_column(profiles, "actors"), _Codes())  # (an actor's order is no matter)
        if self.rank is not None:  # (the rows of the profiles' indices)
            row_of = np.empty(count, dtype=np.int32)
            row_of[self.rank] = np.arange(count, dtype=np.int32)
            self.actor_row = row_of[self.actor_row]
            del row_of
        if table is not None and table.rare_word is not None:
            self.word_row, self.word = _rare_entries(table.tokens, table.rare_word)
        else:
            counts, words = array("i"), []
            for p in profiles:
                rare = _rare_words(p)
                counts.append(len(rare))
                words.extend(rare)
            self.word_row = np.repeat(np.arange(count, dtype=np.int32), np.frombuffer(counts, dtype=np.int32))
            self.word = _narrow(_Codes()(words))

    def place_lists(self) -> Iterator[_Entries]:
        yield _list_numbers(self.kind, self.country, self.admin1, self.family), np.arange(self.size, dtype=np.int32)

    def specific_lists(self) -> Iterator[_Entries]:
        sited = np.flatnonzero(self.has_place).astype(np.int32)
        yield _list_numbers(self.kind[sited], self.place[sited]), sited
        del sited
        # an actor's list within its province (none for a political report: theirs stay whole),
        # and a political report's also within the province it names
        rows = self.actor_row
        also = ~self.placed[rows] & self.has_admin1[rows]
        where = np.concatenate((self.where[rows], self.admin1[rows[also]]))
        actors = np.concatenate((self.actor, self.actor[also]))
        rows = np.concatenate((rows, rows[also]))
        del also
        yield _list_numbers(self.kind[rows], where, actors), rows
        del rows, where, actors
        armed = np.flatnonzero(self.has_weapon_target).astype(np.int32)
        yield _list_numbers(self.kind[armed], self.where[armed], self.weapon[armed], self.target[armed]), armed

    def word_lists(self) -> Iterator[_Entries]:
        yield _list_numbers(self.kind[self.word_row], self.word), self.word_row

    def country_lists(self) -> Iterator[_Entries]:
        yield _list_numbers(self.kind, self.country), np.arange(self.size, dtype=np.int32)

    def kind_lists(self) -> Iterator[_Entries]:
        yield _list_numbers(self.kind), np.arange(self.size, dtype=np.int32)

    def undated_lists(self) -> Iterator[_Entries]:
        """The lists of ``_undated_keys``: the specific and word lists, and the country's,
        province's and weekday's lists of undated reports."""
        yield from self.specific_lists()
        yield from self.word_lists()
        yield from self.country_lists()
        provinces = np.flatnonzero(self.has_admin1).astype(np.int32)
        yield _list_numbers(self.kind[provinces], self.country[provinces], self.admin1[provinces]), provinces
        del provinces
        weekdays = np.flatnonzero(self.weekday >= 0).astype(np.int32)
        yield _list_numbers(self.kind[weekdays], self.weekday[weekdays]), weekdays

    def ranked(self, row: np.ndarray) -> np.ndarray:
        """What orders entries alike in a list: their rows' indices (the rows themselves when
        the profiles are in the order of their indices)."""
        return row if self.rank is None else self.rank[row]

    def is_loose(self) -> np.ndarray:
        """``_is_loose`` of each row."""
        loose: np.ndarray = (self.admin1 == _NONE) | (self.family == _NONE)
        return loose

    def is_loose_and_stateless(self) -> np.ndarray:
        """``_is_loose_and_stateless`` of each row."""
        stateless: np.ndarray = self.is_loose() & ((self.country == _NONE) | ((self.admin1 == _NONE) & ~self.placed))
        return stateless

    def is_coarse(self) -> np.ndarray:
        """``_is_coarse`` of each row."""
        width = self.end - self.start + 1
        coarse: np.ndarray = self.dated & (width > _WEEK_DAYS) & (width < _YEAR_DAYS - 1)
        return coarse


_Entries = tuple[np.ndarray, np.ndarray]  # (list number, row) of each entry of some lists


def _rare_entries(words: sparse.csr_matrix, rare: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The row and the column of each entry of ``words`` whose column ``rare`` marks: a batch
    table's rare words (``_rare_words``), found at C speed in its words, not word by word."""
    at = np.flatnonzero(rare[words.indices])
    rows = (np.searchsorted(words.indptr, at, side="right") - 1).astype(np.int32)
    return rows, _narrow(words.indices[at])


def _given(profiles: list[Profile], slot: str) -> np.ndarray:
    """Whether each profile's value of a slot is given (not None, not empty)."""
    return np.fromiter(map(bool, map(attrgetter(slot), profiles)), dtype=bool, count=len(profiles))


def _ragged(rows: list[Collection[str]], codes: _Codes) -> tuple[np.ndarray, np.ndarray]:
    """The row and the code of each item of ``rows``, in order."""
    counts = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    items = _narrow(codes.of_rows(rows, int(counts.sum())))
    return np.repeat(np.arange(len(rows), dtype=np.int32), counts), items


def _list_numbers(*columns: np.ndarray) -> np.ndarray:
    """A number for each row of the code ``columns`` (``_NONE`` for a missing value): rows with
    equal codes get equal numbers, others different ones (in 32 bits when they fit)."""
    number = np.zeros(len(columns[0]), dtype=np.int64)
    bound = 1
    for column in columns:
        base = int(column.max(initial=_NONE)) + 2
        if bound * base >= 1 << 62:  # (numbered afresh from 0 before they could overflow)
            _, number = np.unique(number, return_inverse=True)
            bound = int(number.max(initial=0)) + 1
        number *= base
        number += column
        number += 1
        bound *= base
    return number.astype(np.int32) if bound < 1 << 31 else number


def _joined(lists: Iterable[_Entries], wanted: np.ndarray | None = None) -> _Entries:
    """The entries of several kinds of lists, numbered apart (one kind's list never meets
    another's); with ``wanted``, only the rows it marks."""
    parts, offset = [], 0
    for number, row in lists:
        if wanted is not None:
            kept = wanted[row]
            number, row = number[kept], row[kept]
        parts.append((number, row, offset))
        offset += int(number.max(initial=-1)) + 1
        del number, row
    # (filled part by part: a million reports' entries were not copied into 64 bits and back)
    numbers = np.empty(sum(len(row) for _, row, _ in parts), dtype=np.int32 if offset < 1 << 31 else np.int64)
    rows = np.empty(len(numbers), dtype=np.int32)
    at = 0
    while parts:
        number, row, first = parts.pop(0)
        np.add(number, np.int64(first), out=numbers[at : at + len(row)])
        rows[at : at + len(row)] = row
        at += len(row)
    return numbers, rows


def _runs(number: np.ndarray) -> np.ndarray:
    """Sorted list numbers renumbered 0, 1, 2... in 32 bits (only equality is read after sorting)."""
    runs = np.zeros(len(number), dtype=np.int32)
    if len(number):
        np.cumsum(number[1:] != number[:-1], out=runs[1:])
    return runs


def _in_lists(number: np.ndarray, holds: np.ndarray) -> np.ndarray:
    """Whether each entry is in one of the lists ``holds`` (sorted numbers)."""
    at = np.searchsorted(holds, number)
    inside: np.ndarray = holds[np.minimum(at, max(len(holds) - 1, 0))] == number if len(holds) else np.zeros(len(number), dtype=bool)
    return inside


def _sorted_entries(
    blocking: _Blocking, lists: Iterable[_Entries], wanted: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """Every (list, start, end, index) entry of the dated reports' sorted lists, as arrays sorted
    by list, then start, end and index; and, given ``wanted``, whether each entry's row is
    wanted. (32 bits: list numbers, day ordinals and report positions fit, and a million
    reports' few million entries in 64 bits were a good part of the peak of linking; ``_packed``
    widens them.)"""
    number, row = _joined(lists, blocking.dated)
    order = np.lexsort((blocking.ranked(row), blocking.end[row], blocking.start[row], number))
    number, row = number[order], row[order]
    del order
    chosen = wanted[row] if wanted is not None else None
    return _runs(number), blocking.start[row], blocking.end[row], row, chosen


def _packed(left: np.ndarray, right: np.ndarray, size: int) -> np.ndarray:
    distinct = left != right
    left, right = left[distinct].astype(np.int64), right[distinct].astype(np.int64)
    packed: np.ndarray = np.minimum(left, right) * size + np.maximum(left, right)
    return packed


def _forward_chunks(blocking: _Blocking, lists: Iterable[_Entries], cap: int, slack: int, size: int) -> Iterator[np.ndarray]:
    """Packed pairs: each dated report with up to ``cap`` following entries of each of its sorted
    lists that start before it ends (+ slack); one array per rank of follower.

    All lists are swept at once: the k-th follower of each entry is compared for k = 1 .. cap.
    Starts only grow along a list, so "up to the first follower that starts too late" is the
    same as "every follower that does not", and an entry without a k-th follower has no later one.
    """
    key, start, end, index, _ = _sorted_entries(blocking, lists)
    del lists
    for k in range(1, min(cap, len(key) - 1) + 1):
        follows = np.flatnonzero((key[k:] == key[:-k]) & (start[k:] <= end[:-k] + slack))
        if not len(follows):
            break
        yield _packed(index[follows], index[follows + k], size)


def _both_ways_chunks(
    blocking: _Blocking, lists: Iterable[_Entries], wanted: np.ndarray, cap: int, slack: int, size: int
) -> Iterator[np.ndarray]:
    """For wanted reports: up to ``cap`` overlapping neighbours each side in their sorted lists
    (``keys_of``); one array per step away."""
    key, start, end, index, chosen = _sorted_entries(blocking, lists, wanted)
    del lists, wanted
    own = np.flatnonzero(chosen) if chosen is not None else np.arange(len(key))
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


def _coarse_entries(blocking: _Blocking) -> tuple[np.ndarray, ...]:
    """The entries (list, place, start, index, month-dated) of the dated reports in the place,
    specific and word lists that hold a month-dated report, sorted by list,
    place and index. A month-dated report's place is its window's end, before the reports of
    that day; a day's report's is its start. Only those lists give pairs here: the others'
    entries are dropped as each kind of list is numbered (most of a million reports' entries,
    held while a batch's table is)."""
    wide = blocking.is_coarse()

    def holding() -> Iterator[_Entries]:
        for number, row in chain(blocking.place_lists(), blocking.specific_lists(), blocking.word_lists()):
            kept = blocking.dated[row]
            number, row = number[kept], row[kept]
            holds = np.unique(number[wide[row]])  # the lists that hold a month-dated report
            kept = _in_lists(number, holds)
            yield np.searchsorted(holds, number[kept]), row[kept]

    number, row = _joined(holding())
    coarse = wide[row]
    place = np.where(coarse, 2 * blocking.end[row], 2 * blocking.start[row] + 1)
    order = np.lexsort((blocking.ranked(row), place, number))
    row = row[order]
    return _runs(number[order]), place[order], blocking.start[row], row, coarse[order]


def _coarse_chunks(blocking: _Blocking, cap: int, slack: int, size: int) -> Iterator[np.ndarray]:
    """Packed pairs: each month-dated report with up to ``cap`` reports each side of its window's
    last day in its place and specific lists (in arrays of about ``_CHUNK / 4`` pairs: one per
    step away were many small arrays to score, larger ones raise the scoring's peak memory).

    Sorted by start, a month-dated report sits at its month's first day, and the capped sweeps
    pair it with the month's first reports; its event is mostly days before its article's, the
    end of its window, where it is sought here: back from there through the reports that start
    within its window, and on through those that start by its end (+ slack).
    """
    if not blocking.is_coarse().any():
        return
    key, place, start, index, wide = _coarse_entries(blocking)
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


def _undated_chunks(blocking: _Blocking, rules: Rules, size: int) -> Iterator[np.ndarray]:
    """Packed pairs of each undated report with the members of its undated lists (those not
    longer than ``unknown_date_list``), about ``_CHUNK`` at a time."""
    undated = ~blocking.dated
    if not undated.any():
        return

    def holding() -> Iterator[_Entries]:
        # (only the lists that hold an undated report: a million reports' other lists were a
        # good part of the peak of linking)
        for number, row in blocking.undated_lists():
            holds = np.unique(number[undated[row]])
            kept = _in_lists(number, holds)
            yield np.searchsorted(holds, number[kept]), row[kept]

    number, row = _joined(holding())
    length = np.bincount(number)  # every member's entry, dated or not
    member = row[np.argsort(number, kind="stable")]  # the members of each list, list after list
    first = np.concatenate(([0], np.cumsum(length)[:-1]))
    # each undated report's entry in a list short enough, and the members it pairs with
    own = np.flatnonzero(undated[row] & (length[number] <= rules.unknown_date_list))
    own_index, own_list = row[own], number[own]
    del number, row
    counts = length[own_list]
    ends = np.cumsum(counts)
    done = 0
    while done < len(own):
        # as many undated entries as give about ``_CHUNK`` pairs (at least one)
        stop = max(int(np.searchsorted(ends, (ends[done - 1] if done else 0) + _CHUNK, side="right")), done + 1)
        many = counts[done:stop]
        left = np.repeat(own_index[done:stop], many)
        at = np.repeat(first[own_list[done:stop]] - np.concatenate(([0], np.cumsum(many)[:-1])), many)
        yield _packed(left, member[at + np.arange(len(at))], size)
        done = stop


def _candidate_chunks(profiles: list[Profile], rules: Rules, table: ProfileTable | None = None) -> Iterator[np.ndarray]:
    """The candidate pairs of ``candidate_codes`` in parts, packed, repeats not removed: linking
    scores each part as it comes and keeps only the pairs that reach the threshold, so the tens
    of millions of candidate pairs of a million reports are never held at once. (``table``, the
    profiles' own, lends its columns.)"""
    cap, slack = rules.neighbours, rules.date_slack_days
    size = max(len(profiles), 1)
    blocking = _Blocking(profiles, table)
    yield from _forward_chunks(blocking, blocking.place_lists(), cap, slack, size)
    yield from _forward_chunks(blocking, blocking.specific_lists(), cap, slack, size)
    yield from _forward_chunks(blocking, blocking.word_lists(), cap, slack, size)
    loose = blocking.is_loose()
    if (loose & blocking.dated).any():
        yield from _both_ways_chunks(blocking, blocking.country_lists(), loose, cap, slack, size)
        yield from _both_ways_chunks(blocking, blocking.kind_lists(), blocking.is_loose_and_stateless(), cap, slack, size)
    del loose
    yield from _coarse_chunks(blocking, cap, slack, size)
    yield from _undated_chunks(blocking, rules, size)


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
