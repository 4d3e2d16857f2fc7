"""The parts of the system that scoring consults besides the store, behind one small interface.

Scoring needs the KB's actor resolver and place matcher, the event typer (CASE labels) and the
tally function. :func:`system_adapters` gives the system's own; :class:`Adapters` lets tests pass
in-process stand-ins, and a part a test leaves out (None) is not scored. A knowledge base that
cannot be loaded is an error (:class:`~eventledger.errors.KnowledgeBaseError`), not a figure
quietly left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from eventledger.analyze.tally import tally as tally_events
from eventledger.extract.detection.event_typing import ACLED_ONLY, type_event
from eventledger.kb import load_kb
from eventledger.models import Event, Place


class Tally(Protocol):
    """``eventledger.analyze.tally.tally``'s signature."""

    def __call__(self, events: Sequence[Event], by: Sequence[str] = ..., kind: str | None = ...) -> dict[str, Any]: ...


@dataclass
class Adapters:
    actor_id: Callable[[str], str] | None = None  # alias -> canonical actor id
    match_place: Callable[[str], Place | None] | None = None  # name -> Place (or None)
    case_label: Callable[[str], str | None] | None = None  # text -> CASE 2021 label
    acled_label: Callable[[str], str | None] | None = None  # text -> CASE label among ACLED's 25 only
    tally: Tally | None = None  # eventledger.analyze.tally.tally


def case_label(text: str) -> str | None:
    """The event typer's CASE 2021 label of a text."""
    return type_event(text).case_label


def acled_label(text: str) -> str | None:
    """The event typer's CASE label of a text, chosen among ACLED's own sub-event types."""
    return type_event(text, kind_hint=ACLED_ONLY).case_label


def system_adapters() -> Adapters:
    """The system's own KB, typer and tally."""
    kb = load_kb()
    return Adapters(
        actor_id=kb.actor_id,
        match_place=kb.match_place,
        case_label=case_label,
        acled_label=acled_label,
        tally=tally_events,
    )


def count_by(events: Iterable[Event], by: str, kind: str | None) -> dict[str, int]:
    """Events of a kind per value of one dimension (``month`` is the first 7 characters of the date)."""
    counts: Counter[str] = Counter()
    for event in events:
        if kind is not None and event.kind != kind:
            continue
        if by == "month":
            value = event.date[:7] if event.date and len(event.date) >= 7 else None
        elif by == "year":
            value = event.date[:4] if event.date else None
        else:
            value = getattr(event, by, None)
        if value is not None:
            counts[str(value)] += 1
    return dict(counts)


def tally_cells(tally: Tally | None, events: Sequence[Event], by: str, kind: str | None) -> dict[str, int]:
    """The system's tally of its events as {cell: count}, through its own tally function when given
    (rows ``{by: value, "count": n}``), else counted here."""
    if tally is None:
        return count_by(events, by, kind)
    return {str(row[by]): int(row["count"]) for row in tally(list(events), by=(by,), kind=kind)["rows"]}
