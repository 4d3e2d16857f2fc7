"""The parts of the system that scoring consults besides the store, behind one small interface.

Scoring needs the KB's actor resolver and place matcher, the event typer (CASE labels) and the
tally function. They live in other stages; :func:`system_adapters` finds them and
:class:`Adapters` lets tests pass in-process stand-ins. A missing part is recorded in
``missing`` and the figures that need it are left out, rather than failing the whole run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventledger.models import Event


@dataclass
class Adapters:
    actor_id: Callable[[str], str | None] | None = None  # alias -> canonical actor id
    match_place: Callable[[str], Any] | None = None  # name -> Place (or None)
    case_label: Callable[[str], str | None] | None = None  # text -> CASE 2021 label
    acled_label: Callable[[str], str | None] | None = None  # text -> CASE label among ACLED's 25 only
    tally: Callable[..., dict[str, Any]] | None = None  # eventledger.analyze.tally.tally
    missing: list[str] = field(default_factory=list)  # what could not be loaded, and why


def system_adapters() -> Adapters:
    """The system's own KB, typer and tally, each left None (and noted) when not importable."""
    adapters = Adapters()
    try:
        from eventledger.kb import load_kb

        kb = load_kb()
        adapters.actor_id = kb.actor_id
        adapters.match_place = getattr(kb, "match_place", None)
    except Exception as exc:  # a colleague's stage may be absent or broken; say so, score the rest
        adapters.missing.append(f"knowledge base (eventledger.kb.load_kb): {type(exc).__name__}: {exc}")
    try:
        from eventledger.extract.detection.event_typing import ACLED_ONLY, type_event

        def case_label(text: str) -> str | None:
            return getattr(type_event(text), "case_label", None)

        def acled_label(text: str) -> str | None:
            return getattr(type_event(text, kind_hint=ACLED_ONLY), "case_label", None)

        adapters.case_label = case_label
        adapters.acled_label = acled_label
    except Exception as exc:  # see above
        adapters.missing.append(f"event typer (eventledger.extract.detection.event_typing.type_event): {type(exc).__name__}: {exc}")
    try:
        from eventledger.analyze.tally import tally

        adapters.tally = tally
    except Exception as exc:  # see above; tallies then fall back to counting events here
        adapters.missing.append(f"tally (eventledger.analyze.tally.tally): {type(exc).__name__}: {exc}")
    return adapters


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


def tally_cells(tally: Callable[..., dict[str, Any]] | None, events: Sequence[Event], by: str, kind: str | None) -> dict[str, int]:
    """The system's tally of its events as {cell: count}, through its own tally function when present.

    The tally function returns ``{"by": [...], "rows": [...]}``; rows may be mappings (with a
    ``count``/``n``/``events`` figure) or sequences whose last item is the figure.
    """
    if tally is None:
        return count_by(events, by, kind)
    result = tally(list(events), by=(by,), kind=kind)
    cells: dict[str, int] = {}
    for row in result.get("rows", []):
        if isinstance(row, dict):
            value = row.get(by)
            figure = next((row[k] for k in ("count", "n", "events", "value") if k in row), None)
        else:
            value, figure = row[0], row[-1]
        if value is not None and figure is not None:
            cells[str(value)] = cells.get(str(value), 0) + int(figure)
    return cells
