"""Story clusters: articles about the same story, with a generated label.

Two articles are in one story when they report a common event, or when the events they report
share at least two actors within a few weeks of each other (one shared actor is too weak: a
prominent militia appears in half of the coverage). Stories are the connected components of
that relation. The label names the story's most shared actors, its event kinds and its period:
"Kataib Hezbollah, Ismail Qaani — ceasefire, meeting, attack (Oct–Dec 2020)".
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np

from eventledger.link.features import date_interval
from eventledger.link.independence import ArticleInfo
from eventledger.models import Event, Report, Story

# Articles whose events are this many days apart or more are not joined by shared actors.
ACTOR_WINDOW_DAYS = 45
# Shared actors needed to join two articles that report no common event.
MIN_SHARED_ACTORS = 2
# Neighbours (by date) compared per actor list, to keep the cost near-linear.
NEIGHBOURS = 50
LABEL_ACTORS = 2
LABEL_KINDS = 3


class _Components:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            # The smaller id stays root so that the result does not depend on order.
            keep, gone = sorted((root_a, root_b))
            self.parent[gone] = keep


def _midpoint(event: Event) -> int | None:
    interval = date_interval(event.date, event.date_precision)
    return None if interval is None else (interval[0] + interval[1]) // 2


def period_label(days: Sequence[int]) -> str:
    """The months spanned by day ordinals: Nov 2020, Oct–Dec 2020 or Dec 2020–Jan 2021."""
    if not days:
        return "date unknown"
    first, last = dt.date.fromordinal(min(days)), dt.date.fromordinal(max(days))
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%b %Y")
    if first.year == last.year:
        return f"{first.strftime('%b')}–{last.strftime('%b %Y')}"
    return f"{first.strftime('%b %Y')}–{last.strftime('%b %Y')}"


def _label(
    events: list[Event], article_actors: dict[str, set[str]], articles: list[str], names: Mapping[str, str]
) -> str:
    shared = Counter(a for article in articles for a in article_actors.get(article, ()))
    overall = Counter(a for e in events for a in e.actors)
    actors = sorted(overall, key=lambda a: (-shared[a], -overall[a], names.get(a, a)))[:LABEL_ACTORS]
    kinds = Counter(e.kind for e in events)
    kind_names = sorted(kinds, key=lambda k: (-kinds[k], k))[:LABEL_KINDS]
    days = [d for e in events if (d := _midpoint(e)) is not None]
    head = ", ".join(names.get(a, a) for a in actors)
    body = ", ".join(kind_names)
    text = f"{head} — {body}" if head else body
    return f"{text} ({period_label(days)})"


def _best_names(reports: Iterable[Report]) -> dict[str, str]:
    """The name reports give each actor most often (ties: alphabetical)."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for r in reports:
        count_names(names, r)
    return best_names(names)


def count_names(names: dict[str, Counter[str]], report: Report) -> None:
    """Count the names ``report`` gives its actors into ``names`` (actor id -> name counts)."""
    for role in report.actors:
        names[role.actor_id][role.name] += 1


def best_names(names: Mapping[str, Counter[str]]) -> dict[str, str]:
    """The most often given name of each actor (ties: alphabetical), from ``count_names``."""
    return {a: min(c, key=lambda n: (-c[n], n)) for a, c in names.items()}


class _Articles:
    """What each article's events say: its actors and the days of its events."""

    def __init__(self) -> None:
        self.events: dict[str, list[str]] = {}  # event id -> its articles
        self.actors: dict[str, set[str]] = defaultdict(set)
        self.days: dict[str, list[int]] = defaultdict(list)


def _join_by_events(events: Sequence[Event], article_of: Mapping[str, str], components: _Components) -> _Articles:
    """Put the articles that report one event into one component; gather their actors and days."""
    seen = _Articles()
    for event in sorted(events, key=lambda e: e.id):
        members = sorted({article_of[r] for r in event.report_ids if r in article_of})
        seen.events[event.id] = members
        day = _midpoint(event)
        for article in members:
            components.find(article)
            seen.actors[article].update(event.actors)
            if day is not None:
                seen.days[article].append(day)
        for other in members[1:]:
            components.union(members[0], other)
    return seen


def _join_by_actors(seen: _Articles, articles: Mapping[str, ArticleInfo], components: _Components) -> None:
    """Join articles sharing ``MIN_SHARED_ACTORS`` actors within the window (neighbours by date only).

    The pairs met are counted as packed integers in arrays, not as a Counter of tuples of ids:
    ten thousand articles meet millions of pairs (hundreds of megabytes as tuples)."""
    by_actor: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for article, actors in seen.actors.items():
        days = sorted(seen.days.get(article, ()))
        if not days:
            info = articles.get(article)
            if info is None or info.published is None:
                continue
            days = [info.published.toordinal()]
        centre = days[len(days) // 2]
        for actor in actors:
            by_actor[actor].append((centre, article))
    names = sorted({article for entries in by_actor.values() for _, article in entries})
    number = {article: i for i, article in enumerate(names)}
    size = max(len(names), 1)
    lists = []
    for entries in by_actor.values():
        entries.sort()
        day = np.fromiter((d for d, _ in entries), dtype=np.int64, count=len(entries))
        which = np.fromiter((number[a] for _, a in entries), dtype=np.int64, count=len(entries))
        lists.append((day, which))
    by_actor.clear()
    # The pairs met are counted a range of first articles at a time: a hundred thousand articles
    # meet hundreds of millions of pairs. Which pairs join is the same, and so are the components
    # (each keeps its smallest article as root whatever the order of the joins).
    total = sum(len(codes) for codes in _pairs_met(lists, size))
    rounds = max(1, -(-total // _PAIRS_AT_ONCE))
    bounds = np.linspace(0, size, rounds + 1).astype(np.int64) * size
    for low, high in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        met = [codes[(codes >= low) & (codes < high)] for codes in _pairs_met(lists, size)]
        if not met:
            continue
        pairs, shared = np.unique(np.concatenate(met), return_counts=True)
        del met
        for code in pairs[shared >= MIN_SHARED_ACTORS].tolist():
            components.union(names[code // size], names[code % size])


# Pairs of articles counted at a time (8 bytes each, and twice as much again to count them: at
# 1 << 24 the stories of 30k articles still peaked 400 MB above what linking held).
_PAIRS_AT_ONCE = 1 << 22


def _pairs_met(lists: list[tuple[np.ndarray, np.ndarray]], size: int) -> Iterator[np.ndarray]:
    """The pairs of articles (packed ``smaller * size + larger``) each actor's list meets: each
    entry meets the next NEIGHBOURS while they are within the window (days ascend, so those
    within it are the first ones)."""
    for day, which in lists:
        for step in range(1, min(NEIGHBOURS, len(day) - 1) + 1):
            close = day[step:] - day[:-step] < ACTOR_WINDOW_DAYS
            if not close.any():
                break
            left, right = which[:-step][close], which[step:][close]
            yield np.minimum(left, right) * size + np.maximum(left, right)


def build_stories(
    events: Sequence[Event], reports: Sequence[Report], articles: Mapping[str, ArticleInfo]
) -> list[Story]:
    """Story clusters over the articles that reported ``events`` (sorted by id).

    Sets nothing on the events: the caller may copy each story's id into ``Event.story_id``.
    ``articles`` may be empty; it is accepted so that callers pass what linking received.
    """
    return stories_of(events, {r.id: r.article_id for r in reports}, _best_names(reports), articles)


def stories_of(
    events: Sequence[Event], article_of: Mapping[str, str], best_name: Mapping[str, str], articles: Mapping[str, ArticleInfo]
) -> list[Story]:
    """``build_stories`` from what it reads of the reports: the article of each report id and the
    name reports give each actor most often (``best_names``), gathered apart when the reports
    are not all held at once (``link.windows``)."""
    components = _Components()
    seen = _join_by_events(events, article_of, components)
    _join_by_actors(seen, articles, components)

    story_articles: dict[str, list[str]] = defaultdict(list)
    for members in seen.events.values():
        for item in members:
            story_articles[components.find(item)].append(item)
    story_events: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        event_members = seen.events.get(event.id)
        if event_members:
            story_events[components.find(event_members[0])].append(event)
    stories = []
    for root, members in story_articles.items():
        unique = sorted(set(members))
        chosen = sorted(story_events[root], key=lambda e: e.id)
        stories.append(
            Story(
                id="st_" + hashlib.sha1(unique[0].encode("utf-8")).hexdigest()[:12],
                label=_label(chosen, seen.actors, unique, best_name),
                article_ids=tuple(unique),
                event_ids=tuple(e.id for e in chosen),
            )
        )
    return sorted(stories, key=lambda s: s.id)
