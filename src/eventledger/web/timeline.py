"""Timelines of events: which events go on the axis, which are outliers beside it, which are undated.

The axis is the dense range of the events' first days (:mod:`eventledger.web.axis`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from eventledger.web.axis import MIN_PAD_DAYS, dense_range, period
from eventledger.web.render import actor_label


class Shown(Protocol):
    """What a timeline reads of an event (an :class:`~eventledger.models.Event`, or the store's
    lighter ``EventHead``)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def sub_event_type(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...
    @property
    def date_precision(self) -> str: ...
    @property
    def place(self) -> str | None: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def killed_best(self) -> int | None: ...
    @property
    def summary(self) -> str: ...
    @property
    def actors(self) -> tuple[str, ...]: ...
    @property
    def country(self) -> str | None: ...


def _label(event: Shown, names: dict[str, str]) -> str:
    if event.summary:
        return event.summary
    who = ", ".join(actor_label(a, names, event.country) for a in event.actors[:2])
    return " · ".join(p for p in (event.kind, event.place or event.admin1 or "", who) if p)


def timeline(events: Sequence[Shown], names: dict[str, str], *, total: int) -> dict[str, Any]:
    """The timeline of ``events`` as plain data for the page's script and the API.

    ``items`` are the dated events placed on the axis (``start``/``end``: the days their date
    covers), ``outliers`` the dated ones outside the dense range, ``undated`` the ids of the rest;
    ``domain`` is the axis (None when nothing is dated); ``shown``/``total`` say how many of the
    filtered events were read.
    """
    placed: list[dict[str, Any]] = []
    undated: list[dict[str, Any]] = []
    for event in events:
        item = {
            "id": event.id,
            "date": event.date,
            "precision": event.date_precision,
            "kind": event.kind,
            "sub_event_type": event.sub_event_type,
            "label": _label(event, names),
            "place": event.place or event.admin1,
            "killed": event.killed_best,
            "actors": [actor_label(a, names, event.country) for a in event.actors],
        }
        span = period(event.date)
        if span is None:
            undated.append(item)
        else:
            placed.append({**item, "start": span[0].isoformat(), "end": span[1].isoformat()})
    domain = None
    outliers: list[dict[str, Any]] = []
    if placed:
        found = dense_range([dt.date.fromisoformat(i["start"]).toordinal() for i in placed], min_pad=MIN_PAD_DAYS)
        outliers = [placed[i] for i in found.outliers]
        inside = [i for n, i in enumerate(placed) if n not in set(found.outliers)]
        domain = {
            "start": dt.date.fromordinal(int(found.low)).isoformat(),
            "end": max(i["end"] for i in inside),
        }
        placed = inside
    return {
        "items": placed,
        "outliers": outliers,
        "undated": undated,
        "domain": domain,
        "shown": len(events),
        "total": total,
    }
