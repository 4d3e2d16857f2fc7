"""Stable event ids: an event keeps its id when reports join it, leave it, or it is linked again.

Linking computes each event's natural id from its smallest report id (``merge.event_id``); that id
would change whenever a report with a smaller id joined. :func:`assign_ids` gives the events of a
linking run the ids their reports had before instead: each earlier id goes to the new event that
holds most of that id's reports (ties: the earlier id, then the natural id, in order), each new
event takes at most one earlier id, and an event made only of reports never linked before gets
its natural id (or, if another event holds that id, a variant of it).

When two events merge, one of the earlier ids survives and the other is *retired*: the result
maps it to the event that now holds most of its reports, so that links to it can be redirected.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from eventledger.models import Event


@dataclasses.dataclass(frozen=True)
class Identities:
    """The events of a linking run under their stable ids, and the earlier ids they retired
    (retired id -> id of the event that now holds most of its reports)."""

    events: list[Event]
    retired: dict[str, str]


def fresh_id(seed: str, taken: Collection[str]) -> str:
    """``ev_`` and 12 hex digits of sha1(``seed``), or of ``seed#2``, ``seed#3``... until not in ``taken``."""
    attempt, n = seed, 1
    while True:
        candidate = "ev_" + hashlib.sha1(attempt.encode("utf-8")).hexdigest()[:12]
        if candidate not in taken:
            return candidate
        n += 1
        attempt = f"{seed}#{n}"


def assign_ids(events: Sequence[Event], previous: Mapping[str, str], taken: Collection[str] = ()) -> Identities:
    """Give ``events`` (as linking computed them) the ids their reports had before.

    ``previous`` maps a report id to the id of the event it was last linked into; ``taken`` are
    ids held by events outside this run, which none of ``events`` may take. Deterministic: the
    same events and history give the same ids.
    """
    overlaps: list[Counter[str]] = [
        Counter(previous[r] for r in event.report_ids if r in previous) for event in events
    ]
    pairs = sorted(
        (-count, old, events[index].id, index) for index, counts in enumerate(overlaps) for old, count in counts.items()
    )
    given: dict[int, str] = {}
    used: set[str] = set()
    for _, old, _, index in pairs:
        if index in given or old in used or old in taken:
            continue
        given[index] = old
        used.add(old)
    # a fresh id never takes an earlier id (a retired one must keep pointing at its successor)
    unavailable = set(taken) | set(previous.values()) | used
    result: list[Event] = []
    for index, event in enumerate(events):
        new_id = given.get(index)
        if new_id is None:
            new_id = event.id if event.id not in unavailable else fresh_id(min(event.report_ids), unavailable)
            unavailable.add(new_id)
        result.append(event if new_id == event.id else dataclasses.replace(event, id=new_id))
    # each earlier id not kept: retired into the event holding most of its reports
    successor: dict[str, tuple[int, str]] = {}
    for index, counts in enumerate(overlaps):
        for old, count in counts.items():
            if old not in used and old not in taken:
                candidate = (-count, result[index].id)
                if old not in successor or candidate < successor[old]:
                    successor[old] = candidate
    return Identities(result, {old: successor[old][1] for old in sorted(successor)})
