"""Tallies of merged events: counts by month, type, province, actor, weapon, ...

A tally counts events, never reports: an attack told by three outlets is one. An event whose
month is unknown (no date, or a year-precision date) is counted under "unknown"; an event with
several actors is counted once under each of them (so the actor rows may sum to more than the
number of events).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from eventledger.models import POLITICAL_KINDS, Event

UNKNOWN = "unknown"


def _month(event: Event) -> list[str]:
    date = event.date or ""
    if event.date_precision in ("day", "week", "month") and len(date) >= 7:
        return [date[:7]]
    return [UNKNOWN]


def _year(event: Event) -> list[str]:
    date = event.date or ""
    if event.date_precision != "unknown" and len(date) >= 4:
        return [date[:4]]
    return [UNKNOWN]


def _field(name: str) -> Callable[[Event], list[str]]:
    def values(event: Event) -> list[str]:
        value = getattr(event, name)
        return [str(value) if value not in (None, "") else UNKNOWN]

    return values


def _actors(event: Event) -> list[str]:
    return list(dict.fromkeys(event.actors)) or [UNKNOWN]


DIMENSIONS: dict[str, Callable[[Event], list[str]]] = {
    "month": _month,
    "year": _year,
    "kind": _field("kind"),
    "event_type": _field("event_type"),
    "sub_event_type": _field("sub_event_type"),
    "admin1": _field("admin1"),
    "country": _field("country"),
    "actor": _actors,
    "weapon": _field("weapon"),
}


def _matches_kind(event: Event, kind: str | None) -> bool:
    if kind is None:
        return True
    if kind == "political":
        return event.kind in POLITICAL_KINDS
    return event.kind == kind


def tally(events: Sequence[Event], by: Sequence[str] = ("month",), kind: str | None = None) -> dict[str, Any]:
    """Count events by the given dimensions, optionally of one kind ("political": every political kind).

    Returns ``{"by": [...], "rows": [{"month": "2020-10", "count": 7}, ...]}`` with rows sorted
    by their dimension values ("unknown" last). Raises ValueError for an unknown dimension.
    """
    dims = [d.strip() for d in by if d.strip()]
    unknown = [d for d in dims if d not in DIMENSIONS]
    if unknown or not dims:
        raise ValueError(f"cannot tally by {', '.join(unknown) or 'nothing'}; choose from {', '.join(DIMENSIONS)}")
    counts: Counter[tuple[str, ...]] = Counter()
    for event in events:
        if not _matches_kind(event, kind):
            continue
        keys: list[tuple[str, ...]] = [()]
        for dim in dims:
            keys = [key + (value,) for key in keys for value in DIMENSIONS[dim](event)]
        counts.update(set(keys))
    ordered = sorted(counts, key=lambda key: tuple((value == UNKNOWN, value) for value in key))
    rows = [{**dict(zip(dims, key, strict=True)), "count": counts[key]} for key in ordered]
    return {"by": dims, "rows": rows}
