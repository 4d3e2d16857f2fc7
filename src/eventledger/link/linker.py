"""Linking reports into events: in one batch (``link_reports``) or as reports arrive (``Linker``)."""

from __future__ import annotations

import dataclasses
import gc
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from operator import attrgetter
from typing import Any

from eventledger.link.cluster import cluster, return_freed_pages
from eventledger.link.features import (
    NO_SCENES,
    PLACED_KINDS,
    Crowds,
    Profile,
    Scene,
    Statistics,
    article_scenes,
    date_interval,
    set_each,
    weigh_profiles,
)
from eventledger.link.identity import assign_ids
from eventledger.link.independence import ArticleInfo
from eventledger.link.merge import merge_reports
from eventledger.link.rules import Rules, load_rules
from eventledger.models import Event, Report

# Days beyond the new reports' dates within which existing reports are re-linked on ``add``: a
# month either side covers every report a month-precision report can meet.
_RELINK_MARGIN_DAYS = 31


def _canonical(reports: Sequence[Report]) -> list[Report]:
    # Sorting by id makes the result independent of input order. A repeated id keeps one copy:
    # the one with the greatest JSON form, so that which copy wins does not depend on order either.
    unique: dict[str, Report] = {}
    for report in reports:
        kept = unique.get(report.id)
        if kept is None or (kept != report and report.to_json() > kept.to_json()):
            unique[report.id] = report
    return [unique[i] for i in sorted(unique)]


# Batches from this many reports hand the memory freed by clustering back before merging.
_TRIM_FROM = 20_000


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a batch of linking.

    Linking a million reports allocates tens of millions of small objects (profiles, pair
    scores, field values) and no reference cycles; the collector would walk the whole growing
    heap again and again for nothing (a third of the time at 200k reports, more beyond).
    Reference counting still frees everything; the collector's previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def link_reports(
    reports: Sequence[Report],
    articles: Mapping[str, ArticleInfo],
    rules: Rules | None = None,
    stats: Statistics | None = None,
    crowds: Crowds | None = None,
    scenes: Mapping[str, frozenset[Scene]] | None = None,
) -> list[Event]:
    """Group reports of the same real-world event into events (sorted by id).

    Deterministic: the same set of reports in any order gives the same events with the same ids.
    Every report ends up in exactly one event. How common each value is (what agreeing on it
    weighs) and how crowded each date window is are measured on ``reports``, or taken from
    ``stats`` and ``crowds`` (counts of a larger set holding them: see ``Linker``); so are the
    scenes each article tells (``features.article_scenes``), or taken from ``scenes``.
    """
    rules = rules or load_rules()
    with _collector_paused():
        ordered = _canonical(reports)
        profiles = _compact_profiles(ordered, articles, rules, stats, crowds, scenes)
        groups = cluster(profiles, rules)
        del profiles  # the comparison values are not needed for merging; free them first
        if len(ordered) >= _TRIM_FROM:
            return_freed_pages()
        events = events_of(groups, ordered, articles, rules)
        events.sort(key=lambda e: e.id)
        return events


def events_of(groups: list[list[int]], reports: Sequence[Report], articles: Mapping[str, ArticleInfo], rules: Rules) -> list[Event]:
    """One event per group of indices into ``reports`` (``groups`` is emptied as it goes)."""
    # each group's list goes as its event is made: the events reuse the memory of a million
    # reports' indices instead of growing beside it
    groups.reverse()
    events = []
    while groups:
        events.append(merge_reports([reports[i] for i in groups.pop()], articles, rules))
    return events


def _compact_profiles(
    reports: list[Report],
    articles: Mapping[str, ArticleInfo],
    rules: Rules,
    stats: Statistics | None,
    crowds: Crowds | None,
    scenes: Mapping[str, frozenset[Scene]] | None = None,
    shared: dict[Any, Any] | None = None,
) -> list[Profile]:
    """``build_profiles``, with equal values shared as each profile is made: a report's words,
    date interval, casualty ranges, cast and folded sub-event type are mostly values thousands
    of other reports hold too, and a million reports' profiles held apart took 2.1 GB (half of
    it the strings of their words). ``shared``: the values met so far (by earlier calls)."""
    shared = {} if shared is None else shared
    if scenes is None:
        scenes = article_scenes(reports, rules)
    profiles: list[Profile] = []
    # (a few thousand at a time, their values shared a column at a time: the values of a whole
    # batch held apart until then would raise the peak by the hundreds of megabytes)
    for start in range(0, len(reports), _SHARED_AT_A_TIME):
        made = [
            Profile(i, r, articles.get(r.article_id), rules, weigh=False, scenes=scenes.get(r.article_id, NO_SCENES))
            for i, r in enumerate(reports[start : start + _SHARED_AT_A_TIME], start)
        ]
        share_values(made, shared)
        profiles += made
    return weigh_profiles(profiles, rules, stats, crowds)


# Profiles made before their values are shared (``share_values``).
_SHARED_AT_A_TIME = 1024


def share_values(profiles: list[Profile], shared: dict[Any, Any]) -> None:
    """Make equal values of ``profiles`` one object each: their words interned, their folded
    sub-event types too, and each cast, date interval, casualty range and publication day the
    first equal one met (in ``shared``, kept across calls). A column at a time, each value set
    through its slot at C speed."""
    share = shared.setdefault  # (called as share(value, value): a function around it cost a call per value)
    intern = sys.intern
    words = list(map(attrgetter("tokens"), profiles))
    set_each("tokens", profiles, map(tuple, map(partial(map, intern), words)))
    del words
    set_each("sub", profiles, [None if sub is None else intern(sub) for sub in map(attrgetter("sub"), profiles)])
    for slot in ("actors", "interval", "killed", "wounded", "published"):
        values = list(map(attrgetter(slot), profiles))
        set_each(slot, profiles, map(share, values, values))


class Linker:
    """Incremental linking: keeps the reports and events seen so far and re-links the neighbourhood
    of each new batch (reports of the same kinds whose dates fall within a month of the new
    ones, plus every report of an event any of those belongs to).

    Events keep their ids across batches (:mod:`eventledger.link.identity`): ``known_ids`` maps a
    report to the id of the event it was last in, for reports no given event holds (an event
    dropped to be recomputed, or dismissed by a correction). Ids that merges retire accumulate
    in :attr:`retired` (retired id -> id of the event that holds most of its reports).
    """

    def __init__(
        self,
        events: Sequence[Event] = (),
        reports: Sequence[Report] = (),
        articles: Mapping[str, ArticleInfo] = {},
        rules: Rules | None = None,
        known_ids: Mapping[str, str] = {},
    ) -> None:
        self._rules = rules or load_rules()
        self._known_ids: dict[str, str] = dict(known_ids)
        self.retired: dict[str, str] = {}
        self._articles: dict[str, ArticleInfo] = dict(articles)
        self._reports: dict[str, Report] = {r.id: r for r in _canonical(reports)}
        # the reports of each article: its scenes (``features.article_scenes``) are all of theirs
        self._of_article: dict[str, set[str]] = defaultdict(set)
        for report in self._reports.values():
            self._of_article[report.article_id].add(report.id)
        # how common each value is and how crowded each window, over every report held: a batch
        # re-links only its neighbourhood, but weighs it as linking everything at once would
        self._stats = Statistics(self._rules)
        self._crowds = Crowds()
        self._count(self._reports.values(), 1)
        self._events: dict[str, Event] = {}
        self._event_of: dict[str, str] = {}
        for event in events:
            self._store(event)
        unlinked = [r for r in self._reports.values() if r.id not in self._event_of]
        if unlinked:
            self.add(unlinked, {})

    def _count(self, reports: Iterable[Report], sign: int) -> None:
        profiles = [Profile(0, r, None, self._rules, weigh=False) for r in reports]
        self._stats.count(profiles, sign)
        self._crowds.count(profiles, sign)

    def _store(self, event: Event) -> None:
        self._events[event.id] = event
        for report_id in event.report_ids:
            self._event_of[report_id] = event.id

    def _neighbourhood(self, new: list[Report]) -> set[str]:
        """Ids of the existing reports that must be re-linked together with ``new``."""
        spans: dict[str, list[int]] = {}
        undated_kinds: set[str] = set()
        for report in new:
            interval = date_interval(report.date, report.date_precision, self._rules)
            if interval is None:
                undated_kinds.add(report.kind)
                continue
            low, high = spans.get(report.kind, [interval[0], interval[1]])
            spans[report.kind] = [min(low, interval[0]), max(high, interval[1])]
        chosen: set[str] = {r.id for r in new}
        for report in self._reports.values():
            if report.id in chosen:
                continue
            if report.kind in undated_kinds:
                chosen.add(report.id)
                continue
            span = spans.get(report.kind)
            if span is None:
                continue
            interval = date_interval(report.date, report.date_precision, self._rules)
            if interval is None or (
                interval[0] <= span[1] + _RELINK_MARGIN_DAYS and span[0] - _RELINK_MARGIN_DAYS <= interval[1]
            ):
                chosen.add(report.id)
        # Whole events only: an event is re-linked with all of its reports or not at all.
        for report_id in list(chosen):
            event_id = self._event_of.get(report_id)
            if event_id is not None:
                chosen.update(self._events[event_id].report_ids)
        return chosen

    def add(self, reports: Sequence[Report], articles: Mapping[str, ArticleInfo]) -> tuple[list[Event], list[str]]:
        """Link new reports; returns (new or changed events, ids of events that no longer exist).

        A report whose id is already known replaces the earlier version.
        """
        self._articles.update(articles)
        new = _canonical(reports)
        if not new:
            return [], []
        replaced = [self._reports[r.id] for r in new if r.id in self._reports and self._reports[r.id] != r]
        fresh = [r for r in new if self._reports.get(r.id) != r]
        self._count(replaced, -1)
        self._count(fresh, 1)
        for report in new:
            self._reports[report.id] = report
            self._of_article[report.article_id].add(report.id)
        # the political reports of the articles that grew: a scene their article now tells
        # weighs for their links too
        grown = {r.article_id for r in new}
        known = {r.id for r in new}
        siblings = [
            self._reports[i]
            for article_id in sorted(grown)
            for i in sorted(self._of_article[article_id])
            if i not in known and self._reports[i].kind not in PLACED_KINDS
        ]
        region = self._neighbourhood([*new, *siblings])
        # Reports of fixed events given without their reports cannot be re-linked; leave them.
        relink = [self._reports[i] for i in sorted(region) if i in self._reports]
        before: dict[str, Event] = {}
        for report_id in region:
            event_id = self._event_of.get(report_id)
            if event_id is not None and event_id in self._events:
                before[event_id] = self._events[event_id]
        for event_id, event in before.items():
            del self._events[event_id]
            for report_id in event.report_ids:
                self._event_of.pop(report_id, None)
        story_of = {e.id: e.story_id for e in before.values()}
        previous = {r: self._known_ids[r] for r in region if r in self._known_ids}
        previous.update({r: e.id for e in before.values() for r in e.report_ids})
        # an article's scenes from all of its reports held, not only those re-linked now
        told = sorted({r.article_id for r in relink})
        scenes = article_scenes((self._reports[i] for a in told for i in self._of_article[a]), self._rules)
        linked = link_reports(relink, self._articles, self._rules, self._stats, self._crowds, scenes)
        identities = assign_ids(linked, previous, taken=self._events)
        self._retire(identities.retired)
        changed: list[Event] = []
        for event in identities.events:
            self.retired.pop(event.id, None)  # an id that holds an event again is no longer retired
            if story_of.get(event.id) and event.story_id is None:
                event = _with_story(event, story_of[event.id])
            self._store(event)
            if before.get(event.id) != event:
                changed.append(event)
        removed = sorted(set(before) - set(self._events))
        return sorted(changed, key=lambda e: e.id), removed

    def _retire(self, retired: Mapping[str, str]) -> None:
        for old, new in retired.items():
            self.retired[old] = new
            for earlier, current in self.retired.items():
                if current == old:
                    self.retired[earlier] = new

    def events(self) -> list[Event]:
        """Every event, sorted by id."""
        return [self._events[i] for i in sorted(self._events)]

    def reports(self) -> list[Report]:
        """Every report seen, sorted by id."""
        return [self._reports[i] for i in sorted(self._reports)]


def _with_story(event: Event, story_id: str | None) -> Event:
    return dataclasses.replace(event, story_id=story_id)


def events_by_report(events: Sequence[Event]) -> dict[str, str]:
    """Report id -> id of the event that holds it."""
    owner: dict[str, str] = {}
    for event in events:
        for report_id in event.report_ids:
            owner[report_id] = event.id
    return owner


def group_reports(events: Sequence[Event], reports: Sequence[Report]) -> dict[str, list[Report]]:
    """Event id -> its reports (those of ``reports`` that any event holds)."""
    owner = events_by_report(events)
    grouped: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        if report.id in owner:
            grouped[owner[report.id]].append(report)
    return grouped
